import { afterEach, describe, expect, it } from 'vitest';
import { devicesResponseSchema } from '../../../src/shared/api/status-schemas';
import type { CareSettings } from '../../../src/shared/settings/care-settings';
import { createInjectClient } from '../../support/api-client';
import { waitFor } from '../../support/adb-station';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';

// Phone care through the real station core and a real adb server (Debian's adb 29), with
// simulated phones of the real profiles: the phone's shell answers the care commands as the
// corpus shows (test/fixtures/android/, care-* and lock-settings) and changes its state as
// Android would. Nobody presses anything: the station notices (heartbeat), acts, and records.

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;

async function careRig(care: Partial<CareSettings> = {}, payments: Record<string, number> = {}) {
  rig = await createCoreRig({
    settingsOverrides: {
      care: { heartbeatSec: 5, ...care },
      payments: { resultTimeoutMs: 3_000, settleMs: 1_000, minResultMs: 0, ...payments },
    },
  });
  return rig;
}

function auditOf(r: CoreRig, serial: string) {
  return r.core.storage.audit
    .recent(200)
    .filter((e) => e.subject === `device:${serial}` && e.action.startsWith('care.'));
}

/** What care recorded last for the phone, once it has recorded something since `after`. */
async function lastCare(r: CoreRig, serial: string, after = 0) {
  return waitFor('care recorded', () => {
    const e = r.core.care.view(serial).recent[0];
    return e && e.at >= after ? e : null;
  });
}

async function apiDevice(r: CoreRig, serial: string) {
  const api = createInjectClient(r.core.api, {
    credentials: { key: 'cs_rig_key_0001', secret: 'rig-secret-0123456789abcdef' },
    now: () => Date.now(),
  });
  const res = await api.send({ method: 'GET', target: '/api/v1/devices' });
  return devicesResponseSchema.parse(res.json).devices.find((d) => d.serial === serial);
}

describe('phone care through the real adb server', () => {
  it('an app killed while idle is started again and the phone is back ready, with no cashier action', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ model: 'KILLED' });
    await r.waitReady(phone);
    const states: string[] = [];
    r.core.devices.on('changed', (d) => {
      if (d.serial === phone.serial) states.push(d.state);
    });
    phone.app.stopApp();
    // The heartbeat sees it (every 5 s here), care starts it, the next read sees it ready.
    await waitFor('app-down seen', () => states.includes('app-down'), 15_000);
    await waitFor('ready again', () => states.at(-1) === 'ready', 20_000);
    expect(phone.app.running).toBe(true);
    expect(phone.shellLog.some((l) => l.startsWith('am start -n') && l.includes('com.cashier.phone/'))).toBe(
      true,
    );

    await lastCare(r, phone.serial);
    const care = r.core.care.view(phone.serial);
    expect(care.recent[0]).toMatchObject({ action: 'revive_app', result: 'done', why: 'APP_DOWN' });
    expect(care.revivalsToday).toBe(1);
    expect(auditOf(r, phone.serial)[0]).toMatchObject({
      actor: 'station',
      action: 'care.revive_app',
      detail: { why: 'APP_DOWN', result: 'done' },
    });
    // The API shows the same.
    expect((await apiDevice(r, phone.serial))?.care).toMatchObject({
      revivalsToday: 1,
      recent: [{ action: 'revive_app', result: 'done', why: 'APP_DOWN' }],
    });

    // And the revived phone pays.
    r.core.payments.create({ orderNo: 'K1', amountFen: 100, qrCode: qr('1.00', 'K1') });
    expect((await r.final('K1')).status).toBe('succeeded');
  }, 60_000);

  it('a listener that is enabled but not live is rebound with cmd notification allow_listener', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ model: 'UNBOUND' });
    await r.waitReady(phone);
    phone.state.listenerBound = false;
    await waitFor(
      'rebound',
      () =>
        phone.state.careLog.includes(
          'allow_listener com.cashier.phone/com.cashier.phone.PayNotificationListener',
        ),
      20_000,
    );
    await waitFor('ready again', () => r.core.devices.get(phone.serial)?.state === 'ready', 20_000);
    expect(phone.state.listenerBound).toBe(true);
    expect(await lastCare(r, phone.serial)).toMatchObject({
      action: 'rebind_listener',
      result: 'done',
      why: 'NOTIFICATION_LISTENER_UNBOUND',
    });
    // The app itself was not restarted for it.
    expect(phone.shellLog.some((l) => l.startsWith('am force-stop'))).toBe(false);
  }, 60_000);

  it('a listener that is not enabled is never enabled by the station', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ model: 'NOACCESS' });
    await r.waitReady(phone);
    phone.state.listenerEnabled = false;
    phone.state.listenerBound = false;
    await waitFor(
      'not enabled seen',
      () => r.core.devices.get(phone.serial)?.reason?.code === 'NOTIFICATION_ACCESS_OFF',
      15_000,
    );
    // Two heartbeats later it is still the cashier's to grant.
    await new Promise((res) => setTimeout(res, 11_000));
    expect(phone.state.careLog).toEqual([]);
    expect(phone.state.listenerEnabled).toBe(false);
    expect(r.core.devices.get(phone.serial)?.reason?.code).toBe('NOTIFICATION_ACCESS_OFF');
  }, 60_000);

  it('a screen turned off is kept awake on USB and woken', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ model: 'DARK' });
    await r.waitReady(phone);
    phone.state.screenOn = false;
    await waitFor('woken', () => phone.state.careLog.includes('wakeup'), 20_000);
    await waitFor('ready again', () => r.core.devices.get(phone.serial)?.state === 'ready', 20_000);
    expect(phone.state.screenOn).toBe(true);
    expect(phone.state.stayOn).toBe('usb');
    expect(phone.shellLog).toContain('svc power stayon usb');
    expect(phone.shellLog).toContain('input keyevent KEYCODE_WAKEUP');
    expect(await lastCare(r, phone.serial)).toMatchObject({ action: 'keep_awake', result: 'done' });
  }, 60_000);

  it('a keyguard with no secure lock is dismissed; with a PIN the station stops and says so', async () => {
    const r = await careRig();
    const open = await r.addPhone({ model: 'SWIPE' });
    const pin = await r.addPhone({ model: 'PIN', secureLock: true });
    await r.waitReady(open);
    await r.waitReady(pin);
    open.state.locked = true;
    pin.state.locked = true;
    await waitFor('dismissed', () => open.state.careLog.includes('dismiss-keyguard'), 20_000);
    await waitFor('swipe ready', () => r.core.devices.get(open.serial)?.state === 'ready', 20_000);
    expect(open.shellLog).toContain('dumpsys lock_settings');

    await waitFor('pin stopped', () => r.core.care.view(pin.serial).stopped?.code === 'SECURE_LOCK', 20_000);
    expect(pin.shellLog).toContain('dumpsys lock_settings');
    // Never tried to dismiss it, and the phone stays out with its reason.
    expect(pin.state.careLog).not.toContain('dismiss-keyguard');
    expect(pin.state.locked).toBe(true);
    expect(r.core.devices.get(pin.serial)?.reason?.code).toBe('SCREEN_LOCKED');
    expect(r.core.care.view(pin.serial).recent[0]).toMatchObject({
      action: 'dismiss_keyguard',
      result: 'needs_person',
    });
    // It does not loop: two heartbeats on, the lock settings were read once.
    await new Promise((res) => setTimeout(res, 11_000));
    expect(pin.shellLog.filter((l) => l === 'dumpsys lock_settings')).toHaveLength(1);
  }, 90_000);

  it('the one-click battery exemption whitelists the app; with the setting on it is automatic', async () => {
    const r = await careRig({ autoWhitelist: false });
    const phone = await r.addPhone({ model: 'BATT' });
    phone.state.batteryWhitelisted = false;
    await r.waitReady(phone);
    const shown = await r.shown(phone.serial);
    expect(shown?.health.find((h) => h.name === 'battery_whitelist')?.status).toBe('fail');
    // Off: nothing on its own.
    await new Promise((res) => setTimeout(res, 6_000));
    expect(phone.state.batteryWhitelisted).toBe(false);

    expect(await r.core.care.runNow(phone.serial, 'whitelist')).toBe('done');
    expect(phone.state.batteryWhitelisted).toBe(true);
    expect(phone.shellLog).toContain('dumpsys deviceidle whitelist +com.cashier.phone');
    expect(auditOf(r, phone.serial)[0]).toMatchObject({
      action: 'care.whitelist',
      detail: { why: 'cashier', result: 'done' },
    });

    // Automatic, on a second phone.
    r.core.settings.update({ care: { autoWhitelist: true } });
    const auto = await r.addPhone({ model: 'BATT2' });
    auto.state.batteryWhitelisted = false;
    await waitFor('auto whitelisted', () => r.core.care.view(auto.serial).recent.length > 0, 20_000);
    expect(auto.state.batteryWhitelisted).toBe(true);
    expect(r.core.care.view(auto.serial).recent[0]).toMatchObject({
      action: 'whitelist',
      result: 'done',
      why: 'BATTERY_NOT_EXEMPT',
    });
  }, 60_000);

  it('an app that keeps dying is revived up to the hourly limit, then the station stops and says why', async () => {
    const r = await careRig({ reviveLimitPerHour: 2 });
    const phone = await r.addPhone({ model: 'DYING' });
    await r.waitReady(phone);
    for (let i = 1; i <= 2; i++) {
      phone.app.stopApp();
      await waitFor(`revival ${i}`, () => r.core.care.view(phone.serial).revivalsToday === i, 20_000);
      await r.waitReady(phone);
    }
    phone.app.stopApp();
    await waitFor(
      'stopped',
      () => r.core.care.view(phone.serial).stopped?.code === 'APP_KEEPS_DYING',
      20_000,
    );
    const care = r.core.care.view(phone.serial);
    expect(care.stopped).toMatchObject({
      action: 'revive_app',
      code: 'APP_KEEPS_DYING',
      messageKey: expect.stringMatching(/^care\./),
      hintKey: expect.stringMatching(/^care\./),
      params: { count: 2 },
    });
    expect(care.revivalsToday).toBe(2);
    expect(r.core.devices.get(phone.serial)?.state).toBe('app-down');
    expect(phone.app.running).toBe(false);
    expect((await apiDevice(r, phone.serial))?.care.stopped?.code).toBe('APP_KEEPS_DYING');
    // No third start, however long it waits.
    await new Promise((res) => setTimeout(res, 6_000));
    expect(phone.shellLog.filter((l) => l.startsWith('am start -n'))).toHaveLength(2);
  }, 90_000);

  it('care waits while a payment is in flight and during its settle period, then runs', async () => {
    const r = await careRig({}, { settleMs: 2_000 });
    const phone = await r.addPhone({
      model: 'BUSY',
      app: { defaultBehavior: { kind: 'notify', afterMs: 2_500 } },
    });
    await r.waitReady(phone);
    r.core.payments.create({ orderNo: 'B1', amountFen: 100, qrCode: qr('1.00', 'B1') });
    await waitFor(
      'B1 on the phone',
      () =>
        r.core.payments.get('B1')?.status === 'dispatching' ||
        r.core.payments.get('B1')?.status === 'awaiting_result',
      10_000,
    );
    // The screen goes off mid-payment, and the cashier presses "try again" too.
    phone.state.screenOn = false;
    expect(await r.core.care.runNow(phone.serial, 'keep_awake')).toBe('busy');
    const paid = await r.final('B1');
    expect(paid.status).toBe('succeeded');
    expect(phone.state.careLog).toEqual([]);
    const finalAt = Date.now();
    await waitFor('woken after', () => phone.state.careLog.includes('wakeup'), 20_000);
    const event = await lastCare(r, phone.serial);
    expect(event).toMatchObject({ action: 'keep_awake', result: 'done' });
    // Not before the payment was final.
    expect(event.at).toBeGreaterThanOrEqual(finalAt - 50);
  }, 60_000);

  it('before each payment one quick check; a phone whose listener died does not take it until care rebinds it', async () => {
    // Heartbeat far off: only the quick check can see it. Rebinding off at first, to see the hold.
    const r = await careRig({ heartbeatSec: 600, rebindListener: false });
    const phone = await r.addPhone({ model: 'QUICK' });
    await r.waitReady(phone);
    phone.state.listenerBound = false;
    // Past the freshness window of the last full read.
    await new Promise((res) => setTimeout(res, 5_500));
    r.core.payments.create({ orderNo: 'Q1', amountFen: 100, qrCode: qr('1.00', 'Q1') });
    await waitFor(
      'quick check ran',
      () =>
        phone.shellLog.some((l) =>
          l.includes('echo --cashier-station-quick-check--; dumpsys notification p com.cashier.phone'),
        ),
      10_000,
    );
    await waitFor(
      'listener reason',
      () => r.core.devices.get(phone.serial)?.reason?.code === 'NOTIFICATION_LISTENER_UNBOUND',
      10_000,
    );
    await new Promise((res) => setTimeout(res, 2_000));
    expect(r.core.payments.get('Q1')?.status).toBe('queued');
    expect(phone.app.commands).toHaveLength(0);

    r.core.settings.update({ care: { rebindListener: true } });
    const paid = await r.final('Q1');
    expect(paid.status).toBe('succeeded');
    expect(phone.state.careLog.some((l) => l.startsWith('allow_listener'))).toBe(true);
    expect(phone.app.commands).toHaveLength(1);
    expect(phone.app.commands[0].msg).toContain('Q1');
  }, 60_000);

  it('the scheduled reboot (off by default) reboots an idle phone once, and waits for it to come back ready', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ model: 'NIGHT', rebootMs: 1_500 });
    await r.waitReady(phone);
    expect(phone.reboots).toBe(0);
    // This minute, local time: due now (and not across midnight, as a minute ago could be).
    const d = new Date();
    const at = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    r.core.settings.update({ care: { scheduledReboot: { enabled: true, at } } });
    await waitFor('rebooted', () => phone.reboots === 1, 15_000);
    const back = await waitFor(
      'back ready',
      () =>
        r.core.care
          .view(phone.serial)
          .recent.find((e) => e.action === 'reboot' && /back ready/.test(e.detail)),
      30_000,
    );
    expect(back).toMatchObject({ result: 'done', why: 'schedule' });
    expect(r.core.devices.get(phone.serial)?.state).toBe('ready');
    // Once a day: a few ticks later, still one.
    await new Promise((res) => setTimeout(res, 3_000));
    expect(phone.reboots).toBe(1);
  }, 60_000);
});
