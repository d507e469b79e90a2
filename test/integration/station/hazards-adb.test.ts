import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';
import { waitFor } from '../../support/adb-station';

// Payment hazards that only a real adb path shows faithfully: the app dying or the phone being
// pulled out while a payment is on it. The engine-level versions run against loopback phones in
// test/integration/payments.

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;
const FAST = {
  payments: { resultTimeoutMs: 3_000, settleMs: 500, minResultMs: 0 },
  // The hazards under phone care: no quick check before a payment (it would keep these phones
  // from being tried at all) and no revival (the tests bring the app back themselves).
  // test/integration/care/ has care over the same hazards.
  care: { preDispatchCheck: false, reviveApp: false },
};

describe('payment hazards through a real adb server', () => {
  it('the app crashing mid-payment makes it unknown, never resent; the phone recovers', async () => {
    rig = await createCoreRig({ settingsOverrides: FAST });
    const phone = await rig.addPhone({ model: 'CRASHY' });
    await rig.waitReady(phone);
    phone.app.queueBehavior({ kind: 'crash', afterMs: 50 });
    rig.core.payments.create({ orderNo: 'K1', amountFen: 100, qrCode: qr('1.00', 'K1') });
    const k1 = await rig.final('K1');
    expect(k1.status).toBe('unknown');
    expect(k1.review?.reason).toBe('connection_lost');
    // The station restarts the app; the next payment gets its own result, K1 is not sent again.
    rig.core.payments.create({ orderNo: 'K2', amountFen: 200, qrCode: qr('2.00', 'K2') });
    const k2 = await rig.final('K2');
    expect(k2).toMatchObject({ status: 'succeeded', notificationText: '你已成功付款2.00元' });
    expect(phone.app.commands.map((c) => c.msg)).toEqual([qr('1.00', 'K1'), qr('2.00', 'K2')]);
  }, 60_000);

  it('unplugging the phone mid-payment makes it unknown; queued payments go to the phone left', async () => {
    rig = await createCoreRig({ settingsOverrides: FAST });
    const pulled = await rig.addPhone({ model: 'PULLED' });
    await rig.waitReady(pulled);
    pulled.app.queueBehavior({ kind: 'never' });
    rig.core.payments.create({ orderNo: 'U1', amountFen: 100, qrCode: qr('1.00', 'U1') });
    await waitFor('U1 on the phone', () => pulled.app.commands.length === 1);
    const other = await rig.addPhone({ model: 'OTHER' });
    await rig.waitReady(other);
    rig.core.payments.create({ orderNo: 'U2', amountFen: 100, qrCode: qr('1.00', 'U2') });
    await pulled.unplug();
    const u1 = await rig.final('U1');
    expect(u1.status).toBe('unknown');
    await waitFor(
      'pulled phone gone',
      () =>
        rig!.core.devices.get(pulled.serial) === undefined ||
        rig!.core.devices.get(pulled.serial)?.state === 'gone',
    );
    const u2 = await rig.final('U2');
    expect(u2).toMatchObject({ status: 'succeeded', deviceSerial: other.serial });
    expect(pulled.app.commands).toHaveLength(1);
  }, 60_000);

  it('an app that is down is not_delivered: the payment waits and goes out once the app is back', async () => {
    rig = await createCoreRig({ settingsOverrides: FAST });
    const phone = await rig.addPhone({ model: 'DOWN' });
    await rig.waitReady(phone);
    phone.app.stopApp();
    rig.core.payments.create({ orderNo: 'D1', amountFen: 100, qrCode: qr('1.00', 'D1') });
    await new Promise((r) => setTimeout(r, 300));
    expect(['queued', 'dispatching']).toContain(rig.core.payments.get('D1')?.status);
    expect(phone.app.commands).toHaveLength(0);
    phone.app.startApp();
    const d1 = await rig.final('D1');
    expect(d1.status).toBe('succeeded');
    expect(phone.app.commands).toHaveLength(1);
  }, 60_000);
});
