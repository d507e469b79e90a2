import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';

// How a payment reaches a phone through a real adb server (Debian's adb), in both dispatch modes,
// when the phone's refusal of the connection arrives late: a busy adb server, a hub with many
// phones. The simulated phone answers the OPEN 300 ms after it arrives.

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;
const FAST = { resultTimeoutMs: 3_000, settleMs: 5_000, minResultMs: 0 };
const LATE_MS = 300;
// The dispatch itself: no quick check before it (it would see the app down and never try the
// phone) and no revival of the app the tests stop.
const NO_CHECK = { preDispatchCheck: false, reviveApp: false };

/** Two ready phones; the app of the first is down and its phone refuses the OPEN late. */
async function twoPhonesOneLateRefusal(r: CoreRig) {
  const down = await r.addPhone({ model: 'DOWN', openDelay: { refuseMs: LATE_MS } });
  const up = await r.addPhone({ model: 'UP', app: { defaultBehavior: { kind: 'notify', afterMs: 50 } } });
  await r.waitReady(down);
  await r.waitReady(up);
  down.app.stopApp();
  return { down, up };
}

describe('dispatch through the adb transport (dispatchVia: transport)', () => {
  it('a late refusal is not_delivered: the payment goes back to the queue and another phone pays it', async () => {
    rig = await createCoreRig({
      settingsOverrides: { payments: { ...FAST, dispatchVia: 'transport' }, care: NO_CHECK },
    });
    const { down, up } = await twoPhonesOneLateRefusal(rig);
    // Two at once: the rotation gives one to each phone.
    rig.core.payments.create({ orderNo: 'T1', amountFen: 100, qrCode: qr('1.00', 'T1') });
    rig.core.payments.create({ orderNo: 'T2', amountFen: 200, qrCode: qr('2.00', 'T2') });
    const t1 = await rig.final('T1');
    const t2 = await rig.final('T2');
    expect([t1, t2].map((p) => [p.status, p.deviceSerial])).toEqual([
      ['succeeded', up.serial],
      ['succeeded', up.serial],
    ]);
    expect(down.app.commands).toHaveLength(0);
    // One of them was tried on the refusing phone first, and the ledger says nothing left for it.
    const onDown = ['T1', 'T2']
      .flatMap((o) => rig!.core.storage.attempts.forPayment(o))
      .filter((a) => a.serial === down.serial);
    expect(onDown.length).toBeGreaterThanOrEqual(1);
    for (const a of onDown) {
      expect(a.outcome).toBe('not_delivered');
      expect(a.writtenAt).toBeNull();
      expect(a.detail).toMatch(/^refused: .* did not accept tcp:10010/);
      // The refusal was waited for, not guessed.
      expect(a.endedAt! - a.startedAt).toBeGreaterThanOrEqual(LATE_MS - 20);
    }
    // No settle period and no app restart for a phone that never got the command.
    expect(['idle', 'cooldown']).toContain(rig.core.payments.phoneMode(down.serial).kind);
  }, 60_000);

  it('a late acceptance is waited for: the command is written only after the phone took the connection', async () => {
    rig = await createCoreRig({
      settingsOverrides: { payments: { ...FAST, dispatchVia: 'transport' }, care: NO_CHECK },
    });
    const phone = await rig.addPhone({ model: 'SLOW', openDelay: { acceptMs: LATE_MS } });
    await rig.waitReady(phone);
    const t0 = Date.now();
    rig.core.payments.create({ orderNo: 'S1', amountFen: 300, qrCode: qr('3.00', 'S1') });
    const s1 = await rig.final('S1');
    expect(s1).toMatchObject({ status: 'succeeded', notificationText: '你已成功付款3.00元' });
    const [attempt] = rig.core.storage.attempts.forPayment('S1');
    expect(attempt.writtenAt! - t0).toBeGreaterThanOrEqual(LATE_MS - 20);
    expect(phone.app.commands.map((c) => c.msg)).toEqual([qr('3.00', 'S1')]);
  }, 60_000);
});

describe('dispatch through the forward (dispatchVia: forward)', () => {
  it('keeps the grace behaviour: a refusal later than the grace is taken for a payment that may have been sent', async () => {
    rig = await createCoreRig({
      connectGraceMs: 100,
      settingsOverrides: { payments: { ...FAST, dispatchVia: 'forward' }, care: NO_CHECK },
    });
    const { down } = await twoPhonesOneLateRefusal(rig);
    rig.core.payments.create({ orderNo: 'F1', amountFen: 100, qrCode: qr('1.00', 'F1') });
    rig.core.payments.create({ orderNo: 'F2', amountFen: 200, qrCode: qr('2.00', 'F2') });
    const [f1, f2] = [await rig.final('F1'), await rig.final('F2')];
    const onDown = [f1, f2].find((p) => p.deviceSerial === down.serial);
    // This is the hazard the transport mode removes: nothing reached the phone, yet a person
    // has to resolve the payment, and the phone is taken out to settle.
    expect(onDown).toMatchObject({ status: 'unknown' });
    expect(onDown!.review?.reason).toBe('connection_lost');
    expect(down.app.commands).toHaveLength(0);
    expect(['restarting', 'settling', 'restart_failed']).toContain(
      rig.core.payments.phoneMode(down.serial).kind,
    );
  }, 60_000);

  it('pays normally through the forward', async () => {
    rig = await createCoreRig({
      settingsOverrides: { payments: { ...FAST, dispatchVia: 'forward' }, care: NO_CHECK },
    });
    const phone = await rig.addPhone({ model: 'FWD' });
    await rig.waitReady(phone);
    rig.core.payments.create({ orderNo: 'N1', amountFen: 150, qrCode: qr('1.50', 'N1') });
    expect(await rig.final('N1')).toMatchObject({ status: 'succeeded', deviceSerial: phone.serial });
  }, 60_000);
});
