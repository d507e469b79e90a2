import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/adb-station';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';

// Phone care on the simulator's real profiles (src/sim/adb-device/profiles/), whose captures
// start in a state that needs a person without care: a One UI 13 dump whose listeners are enabled
// but not live, an Android 14 phone asleep on its lock screen, and an Android 7 phone whose
// `cmd notification` has no shell command.

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function careRig() {
  rig = await createCoreRig({
    settingsOverrides: {
      care: { heartbeatSec: 5 },
      payments: { resultTimeoutMs: 3_000, settleMs: 500, minResultMs: 0 },
    },
  });
  return rig;
}

const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;

describe('phone care on the real profiles', () => {
  it('android13-unbound: the listener is rebound and the phone pays, with no cashier action', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ profile: 'android13-unbound' });
    await r.waitReady(phone, 30_000);
    expect(phone.state.careLog).toEqual([
      'allow_listener com.cashier.phone/com.cashier.phone.PayNotificationListener',
    ]);
    r.core.payments.create({ orderNo: 'P13', amountFen: 100, qrCode: qr('1.00', 'P13') });
    expect((await r.final('P13')).status).toBe('succeeded');
  }, 60_000);

  it('android14-locked: woken, then its keyguard (no secure lock) dismissed, and it pays', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ profile: 'android14-locked' });
    await r.waitReady(phone, 30_000);
    expect(phone.state.careLog).toEqual(['stayon usb', 'wakeup', 'dismiss-keyguard']);
    const actions = r.core.care.view(phone.serial).recent.map((e) => [e.action, e.result, e.why]);
    expect(actions).toEqual([
      ['dismiss_keyguard', 'done', 'SCREEN_LOCKED'],
      ['keep_awake', 'done', 'SCREEN_OFF'],
    ]);
    r.core.payments.create({ orderNo: 'P14', amountFen: 100, qrCode: qr('1.00', 'P14') });
    expect((await r.final('P14')).status).toBe('succeeded');
  }, 60_000);

  it('android14-locked with a PIN: woken, never unlocked, and the cashier is told to unlock it', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ profile: 'android14-locked', secureLock: true });
    await waitFor(
      'secure lock stop',
      () => r.core.care.view(phone.serial).stopped?.code === 'SECURE_LOCK',
      30_000,
    );
    expect(phone.state.careLog).toEqual(['stayon usb', 'wakeup']);
    expect(r.core.devices.get(phone.serial)?.reason?.code).toBe('SCREEN_LOCKED');
    expect((await r.shown(phone.serial))?.care.stopped).toMatchObject({
      code: 'SECURE_LOCK',
      hintKey: 'care.stopped.secureLock.hint',
    });
  }, 60_000);

  it('android7-miui: no notification shell command there, so the station restarts the app instead', async () => {
    const r = await careRig();
    const phone = await r.addPhone({ profile: 'android7-miui' });
    await r.waitReady(phone, 30_000);
    phone.state.listenerBound = false;
    await waitFor('restart instead', () => phone.shellLog.some((l) => l.startsWith('am force-stop')), 30_000);
    const allow = phone.shellLog.findIndex((l) => l.startsWith('cmd notification allow_listener'));
    const stop = phone.shellLog.findIndex((l) => l.startsWith('am force-stop'));
    expect(allow).toBeGreaterThanOrEqual(0);
    expect(allow).toBeLessThan(stop);
    // It asked once: the answer said the command is not there.
    expect(phone.shellLog.filter((l) => l.startsWith('cmd notification'))).toHaveLength(1);
    const rebind = r.core.care.view(phone.serial).recent.find((e) => e.action === 'rebind_listener');
    expect(rebind).toMatchObject({ result: 'unsupported', detail: 'No shell command implementation.' });
  }, 60_000);
});
