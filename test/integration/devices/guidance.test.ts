import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../../src/main/core/devices/device-types';
import { combineDeviceView } from '../../../src/main/core/payments/device-view';
import type { PhoneActivity } from '../../../src/main/core/payments/phone-activity';
import { exchangeWithPhone } from '../../../src/main/core/phone/phone-client';
import { DEVICE_TEXTS, deviceText } from '../../../src/shared/i18n/device-texts';
import type { StationRig } from '../../support/adb-station';
import { createStationRig } from '../../support/adb-station';

// States that need the cashier, each with a reason and a next step, through the real adb server.

describe('phones that are not ready say why and what to do', () => {
  let rig: StationRig;

  beforeAll(async () => {
    rig = await createStationRig();
    await rig.station.start();
  });
  afterAll(async () => rig?.close());

  it('unauthorized: guidance to allow USB debugging, then ready once the user allows it', async () => {
    const phone = await rig.addPhone({ authorized: false });
    const snap = await rig.waitState(phone.serial, 'unauthorized');
    expect(snap.reason?.code).toBe('ADB_UNAUTHORIZED');
    expect(snap.localPort).toBeNull();
    expect(deviceText(snap.reason!.hintKey, 'zh-CN')).toContain('允许');
    expect(deviceText(snap.reason!.hintKey, 'en')).toContain('Allow');
    // Nothing was run on a phone adb cannot use yet, and the UI's restart says why it cannot.
    expect(phone.shellLog).toEqual([]);
    await expect(rig.station.restartApp(phone.serial)).rejects.toMatchObject({ code: 'DEVICE_UNAVAILABLE' });
    await expect(rig.station.launchUri('127.0.0.1:1', 'alipays://x')).rejects.toMatchObject({
      code: 'DEVICE_UNKNOWN',
    });

    phone.authorize();
    const ready = await rig.waitState(phone.serial, 'ready');
    expect(ready.localPort).not.toBeNull();
    const outcome = await exchangeWithPhone({
      to: { port: ready.localPort!, connectGraceMs: 50 },
      command: { groupId: 1, msg: 'qr?amount=0.50' },
      resultTimeoutMs: 5000,
    });
    expect(outcome).toMatchObject({ kind: 'result', text: '你已成功付款0.50元' });

    // The user revokes USB debugging authorisations and replugs: asked again, allowed again.
    phone.revokeAuthorization();
    await phone.unplug();
    await rig.waitGone(phone.serial);
    await phone.plugInto({ port: rig.server.port });
    await rig.waitState(phone.serial, 'unauthorized');
    phone.authorize();
    expect((await rig.waitState(phone.serial, 'ready')).localPort).toBe(ready.localPort);
  });

  it('app not installed: no-app with the package in the message', async () => {
    const phone = await rig.addPhone({ appInstalled: false });
    const snap = await rig.waitState(phone.serial, 'no-app');
    expect(snap.reason).toMatchObject({
      code: 'APP_NOT_INSTALLED',
      params: { package: 'com.cashier.phone' },
    });
    expect(deviceText(snap.reason!.messageKey, 'en', snap.reason!.params)).toContain('com.cashier.phone');
    expect(snap.health.find((h) => h.name === 'app_installed')?.status).toBe('fail');

    // Installing it is picked up by the periodic health check, without a replug.
    phone.state.packages.add('com.cashier.phone');
    await rig.waitState(phone.serial, 'ready', 5000);
  });

  it('app down: app-down, then restartApp brings it to ready', async () => {
    const phone = await rig.addPhone({ app: { running: false } });
    const snap = await rig.waitState(phone.serial, 'app-down');
    expect(snap.reason).toMatchObject({ code: 'APP_DOWN', params: { port: 10010 } });
    // The forward exists already, but adb closes connections the dead app cannot take.
    const refused = await exchangeWithPhone({
      to: { port: snap.localPort!, connectGraceMs: 100 },
      command: { groupId: 1, msg: 'qr?amount=1.00' },
      resultTimeoutMs: 2000,
    });
    expect(refused).toMatchObject({ kind: 'not_delivered' });

    await rig.station.restartApp(phone.serial);
    expect(rig.station.get(phone.serial)?.state).toBe('ready');
    expect(phone.app.running).toBe(true);
  });

  it('alipay missing, screen locked and an unbound listener take the phone out of rotation', async () => {
    const phone = await rig.addPhone({ alipayInstalled: false });
    const snap = await rig.waitState(phone.serial, 'needs-attention');
    expect(snap.reason?.code).toBe('ALIPAY_NOT_INSTALLED');

    phone.state.packages.add('com.eg.android.AlipayGphone');
    phone.state.locked = true;
    let s = await rig.station.refresh(phone.serial);
    expect(s?.reason?.code).toBe('SCREEN_LOCKED');

    // Screen off with a lock state it cannot read is still a known problem, not a warning.
    phone.state.locked = false;
    phone.state.screenOn = false;
    phone.state.outputOverrides.set('dumpsys window', 'nothing useful\n');
    s = await rig.station.refresh(phone.serial);
    expect(s?.reason?.code).toBe('SCREEN_OFF');
    expect(s?.health.find((h) => h.name === 'screen_awake')).toMatchObject({
      status: 'fail',
      detail: 'the screen is off (asleep)',
      command: 'dumpsys power',
      evidence: '  mWakefulness=Asleep',
    });
    expect(s?.health.find((h) => h.name === 'screen_unlocked')?.status).toBe('warn');
    phone.state.screenOn = true;
    phone.state.outputOverrides.clear();

    // Enabled but not live: the station can help (restart); not enabled: only the cashier can.
    phone.state.listenerBound = false;
    s = await rig.station.refresh(phone.serial);
    expect(s?.reason?.code).toBe('NOTIFICATION_LISTENER_UNBOUND');
    expect(s?.health.find((h) => h.name === 'notification_access')?.status).toBe('ok');
    phone.state.listenerEnabled = false;
    s = await rig.station.refresh(phone.serial);
    expect(s?.reason).toMatchObject({
      code: 'NOTIFICATION_ACCESS_OFF',
      hintKey: 'device.reason.notificationAccessOff.hint',
      params: { package: 'com.cashier.phone' },
    });
    phone.state.listenerEnabled = true;

    phone.state.listenerBound = true;
    phone.state.batteryWhitelisted = false;
    s = await rig.station.refresh(phone.serial);
    // Shown, but not blocking.
    expect(s?.state).toBe('ready');
    expect(s?.health.find((h) => h.name === 'battery_whitelist')?.status).toBe('fail');
  });

  it('output it cannot read is a warning and never blocks', async () => {
    const phone = await rig.addPhone();
    phone.state.outputOverrides.set('dumpsys notification', "Can't find service: notification\n");
    phone.state.outputOverrides.set('dumpsys window', 'something else entirely\n');
    const snap = await rig.waitState(phone.serial, 'ready');
    for (const name of ['notification_access', 'notification_listener', 'screen_unlocked'] as const) {
      expect(snap.health.find((h) => h.name === name)).toMatchObject({
        status: 'warn',
        detail: expect.stringMatching(/^output not understood: /),
      });
    }
    // The raw text behind each warning is one call away, exactly as the phone printed it.
    const raw = rig.station.diagnostics(phone.serial)?.outputs.find((o) => o.command === 'dumpsys window');
    expect(raw).toMatchObject({ output: 'something else entirely\n', truncated: false });
  });

  it("the payment engine's activity is shown over ready only; device problems win over it", async () => {
    const phone = await rig.addPhone();
    await rig.waitState(phone.serial, 'ready');
    // What the window shows: the device manager's raw snapshot with the engine's activity.
    let activity: PhoneActivity = { kind: 'busy', orderNo: 'A1', since: Date.now() };
    const shown = (snap: DeviceSnapshot | undefined) =>
      combineDeviceView(snap!, { serial: phone.serial, activity, at: Date.now() });
    expect(shown(rig.station.get(phone.serial))).toMatchObject({ state: 'busy', reason: null });
    // The device manager itself knows nothing of payments.
    expect(rig.station.get(phone.serial)).toMatchObject({ state: 'ready', reason: null });
    expect(rig.station.get(phone.serial)).not.toHaveProperty('activity');

    phone.app.stopApp();
    expect(shown(await rig.station.refresh(phone.serial)).state).toBe('app-down');
    phone.app.startApp();
    expect(shown(await rig.station.refresh(phone.serial)).state).toBe('busy');

    const reason = {
      code: 'SETTLING',
      messageKey: 'payment.settling.message',
      hintKey: 'payment.settling.hint',
    };
    activity = { kind: 'needs-attention', reason, until: null };
    expect(shown(rig.station.get(phone.serial))).toMatchObject({ state: 'needs-attention', reason });
    activity = { kind: 'idle' };
    expect(shown(rig.station.get(phone.serial)).state).toBe('ready');
  });

  it('a phone whose adb stops answering goes offline with the reason, and comes back by itself', async () => {
    const phone = await rig.addPhone();
    await rig.waitState(phone.serial, 'ready');
    phone.state.hangingCommands.add('dumpsys');
    const snap = await rig.station.refresh(phone.serial);
    expect(snap).toMatchObject({ state: 'offline', reason: { code: 'PROBE_FAILED' } });
    expect(snap?.reason?.params?.detail).toMatch(/did not answer/);
    phone.state.hangingCommands.clear();
    await rig.waitState(phone.serial, 'ready', 5000);
  });

  it('launchUri opens the URI on the phone, quoted intact', async () => {
    const phone = await rig.addPhone();
    await rig.waitState(phone.serial, 'ready');
    const uri = "alipays://platformapi/startapp?saId=10000007&qrcode=https%3A%2F%2Fqr.alipay.com%2Fx'y";
    await rig.station.launchUri(phone.serial, uri);
    expect(phone.state.launchedUris).toEqual([uri]);
  });

  it('an activity the phone does not have, or a URI nothing opens, is an error naming it', async () => {
    // The app on this phone starts from another activity than the settings name.
    const phone = await rig.addPhone({ appActivity: '.LauncherActivity' });
    await rig.waitState(phone.serial, 'ready');
    await expect(rig.station.restartApp(phone.serial)).rejects.toMatchObject({
      code: 'APP_START_FAILED',
      message: expect.stringContaining(
        'Error: Activity class {com.cashier.phone/com.cashier.phone.MainActivity} does not exist.',
      ),
    });
    phone.state.packages.delete('com.eg.android.AlipayGphone');
    await expect(
      rig.station.launchUri(phone.serial, 'alipays://platformapi/startapp?appId=20000001'),
    ).rejects.toMatchObject({
      code: 'APP_START_FAILED',
      message: expect.stringContaining('unable to resolve Intent'),
    });
    expect(phone.state.launchedUris).toEqual([]);
  });

  it('has zh-CN and en texts for every reason the station gives', () => {
    const keys = rig.station
      .list()
      .flatMap((s) => (s.reason ? [s.reason.messageKey, s.reason.hintKey] : []))
      .concat(Object.keys(DEVICE_TEXTS));
    for (const k of keys) {
      expect(DEVICE_TEXTS[k]?.['zh-CN'], k).toBeTruthy();
      expect(DEVICE_TEXTS[k]?.en, k).toBeTruthy();
    }
  });
});
