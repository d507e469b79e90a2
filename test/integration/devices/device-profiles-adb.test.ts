import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { DEVICE_PROFILES } from '../../../src/sim/adb-device/profiles/device-profiles';
import { waitFor } from '../../support/adb-station';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';
import { isFinal } from '../../../src/shared/domain/payment-status';

// One simulated phone of every device profile, attached through the real adb server to the
// real station core. Each answers the station's checks from real captures (test/fixtures/android/),
// so this is the station meeting the phones cashiers own: the ready ones take a payment, the
// ones whose captures show a problem get the matching reason and hint, and pay once it is fixed.

let rig: CoreRig;
const phones = new Map<string, SimulatedPhone>();
const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;

beforeAll(async () => {
  rig = await createCoreRig({
    settingsOverrides: {
      payments: { resultTimeoutMs: 5_000, settleMs: 500, minResultMs: 0 },
      // What the station shows before anything is done about it; care of these very profiles
      // is in test/integration/care/care-profiles-adb.test.ts.
      care: { rebindListener: false, keepAwake: false, dismissKeyguard: false, reviveApp: false },
    },
  });
  for (const p of DEVICE_PROFILES) phones.set(p.id, await rig.addPhone({ profile: p.id }));
}, 60_000);
afterAll(async () => rig?.close());

async function settled(serial: string) {
  return waitFor(
    `${serial} probed`,
    () => {
      const s = rig.core.devices.get(serial);
      return s && !['connecting', 'offline'].includes(s.state) ? s : null;
    },
    20_000,
  );
}

async function pays(phone: SimulatedPhone, orderNo: string): Promise<void> {
  rig.core.payments.create({
    orderNo,
    amountFen: 1234,
    qrCode: qr('12.34', orderNo),
    deviceSerial: phone.serial,
  });
  const p = await waitFor(
    `${orderNo} final`,
    () => {
      const x = rig.core.payments.get(orderNo);
      return x && isFinal(x) ? x : null;
    },
    20_000,
  );
  expect(p).toMatchObject({
    status: 'succeeded',
    deviceSerial: phone.serial,
    notificationText: '你已成功付款12.34元',
  });
  expect(phone.app.commands.map((c) => c.msg)).toContain(qr('12.34', orderNo));
}

describe.each(DEVICE_PROFILES.map((p) => [p.id, p] as const))('a phone of profile %s', (id, profile) => {
  it(
    profile.expect.state === 'ready'
      ? 'becomes ready through real adb and takes a payment'
      : `shows ${profile.expect.reason} with its hint, and pays once that is put right`,
    async () => {
      const phone = phones.get(id)!;
      const snap = await settled(phone.serial);
      if (profile.expect.state === 'ready') {
        expect(snap).toMatchObject({ state: 'ready', reason: null });
        expect(
          snap.health.every((h) => h.status === 'ok'),
          JSON.stringify(snap.health),
        ).toBe(true);
        await pays(phone, `PROF-${id}`);
        return;
      }
      const expected = profile.expect;
      expect(snap).toMatchObject({ state: 'needs-attention', reason: { code: expected.reason } });
      expect(snap.reason?.hintKey).toMatch(/^device\.reason\.\w+\.hint$/);
      // Nothing is sent to a phone that is not ready.
      expect(phone.app.commands).toHaveLength(0);
      if (expected.reason === 'SCREEN_OFF') {
        phone.state.screenOn = true;
        const woken = await rig.core.devices.refresh(phone.serial);
        expect(woken?.reason?.code).toBe(expected.then);
        phone.state.locked = false;
      }
      if (expected.reason === 'NOTIFICATION_LISTENER_UNBOUND') phone.state.listenerBound = true;
      const fixed = await rig.core.devices.refresh(phone.serial);
      expect(fixed).toMatchObject({ state: 'ready', reason: null });
      await pays(phone, `PROF-${id}`);
    },
    60_000,
  );
});

describe('the device view of a profile phone', () => {
  it('keeps every raw output behind its checks, as the phone printed it', async () => {
    const phone = phones.get('android16-hyperos')!;
    await settled(phone.serial);
    const d = rig.core.devices.diagnostics(phone.serial)!;
    expect(d.outputs.map((o) => o.command)).toEqual([
      'getprop',
      'pm path com.cashier.phone',
      'pm path com.eg.android.AlipayGphone',
      'cat /proc/net/tcp /proc/net/tcp6',
      'dumpsys notification',
      'dumpsys power',
      'dumpsys window',
      'dumpsys deviceidle whitelist',
    ]);
    const notif = d.outputs.find((o) => o.command === 'dumpsys notification')!;
    expect(notif.output).toContain(
      '(user 0):   All notification listeners (2) enabled for current profiles:',
    );
    const live = d.health.find((h) => h.name === 'notification_listener')!;
    expect(live.evidence).toContain(
      'ComponentInfo{com.cashier.phone/com.cashier.phone.PayNotificationListener} (user 0)',
    );
    expect(rig.core.devices.get(phone.serial)).toMatchObject({
      model: '2509FPN0BC',
      rom: 'HyperOS 3.0',
      androidVersion: '16',
    });
  });
});
