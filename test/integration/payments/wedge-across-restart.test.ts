import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHarness } from '../../support/engine-harness';
import { createEngineHarness, qr, until } from '../../support/engine-harness';

/**
 * Found by the chaos soak (`npm run soak -- --payments 150 --fault-every 2 --rate 6 --seed 3`,
 * SOAK3-000041: "timeout", yet its PAY never reached the app): a wedge lived only in memory. A
 * station stopped or killed after a timeout was committed but before the wedge ran to its end
 * (before the app restart, or during the settle, before the second restart) forgot it, and the
 * next payment went to a phone whose app still held the old command or a late notification.
 */
let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

describe('a wedge survives a station restart', () => {
  it('stopped before the app restart: the phone is restarted before its next payment', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 300, settleMs: 300 });
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    // The restart cannot happen before the station goes away.
    h.devices.failRestarts('P1', true);
    h.engine.create({ orderNo: 'A', amountFen: 300, qrCode: qr('3.00', 'A') });
    expect(await h.final('A')).toMatchObject({ status: 'unknown', review: { reason: 'timeout' } });
    await until(() => h.engine.phoneMode('P1').kind === 'restart_failed', 2_000, 'the restart to fail');
    // A's handler still holds the app's command semaphore: a PAY now would block behind it.
    expect(sim.running).toBe(true);
    expect(sim.commands).toHaveLength(1);

    h.devices.failRestarts('P1', false);
    const restartsBefore = h.devices.restarts.filter((r) => r.serial === 'P1').length;
    await h.restart();
    h.engine.create({ orderNo: 'B', amountFen: 500, qrCode: qr('5.00', 'B') });
    const b = await h.final('B');
    expect(b).toMatchObject({ status: 'succeeded', notificationText: '你已成功付款5.00元' });
    // Restarted (twice: at once, and at the end of the settle) before B was written.
    const after = h.devices.restarts.filter((r) => r.serial === 'P1').slice(restartsBefore);
    expect(after).toHaveLength(2);
    const bCommand = sim.commands.find((c) => c.msg === qr('5.00', 'B'))!;
    expect(bCommand.at).toBeGreaterThanOrEqual(after[1].at);
    expect(h.storage.audit.forSubject('device:P1').map((e) => e.action)).toEqual([
      'phone.wedged',
      'phone.settled',
    ]);
  });

  it('stopped during the settle: a late notification of the same amount never answers the next payment', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 300, settleMs: 1_500 });
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'A', amountFen: 300, qrCode: qr('3.00', 'A') });
    expect(await h.final('A')).toMatchObject({ status: 'unknown', review: { reason: 'timeout' } });
    await until(() => h.engine.phoneMode('P1').kind === 'settling', 2_000, 'P1 settling');
    // A's notification comes late, into the restarted app, while the station is away.
    await h.engine.stop();
    sim.notify('你已成功付款3.00元');
    expect(sim.pendingNotifications).toEqual(['你已成功付款3.00元']);

    await h.restart();
    h.engine.create({ orderNo: 'B', amountFen: 300, qrCode: qr('3.00', 'B') });
    const b = await h.final('B', 8_000);
    // With the too-fast check off (as here), only the redone wedge keeps A's notice from B.
    expect(b).toMatchObject({ status: 'succeeded', notificationText: '你已成功付款3.00元' });
    const answered = sim.commands.find((c) => c.msg === qr('3.00', 'B'))!;
    expect(sim.pendingNotifications).toEqual([]);
    // B reached a fresh app process: the one the late notification landed in was restarted away.
    expect(answered.generation).toBeGreaterThan(sim.commands[0].generation + 1);
  });

  it('a wedge that ran to its end is not redone', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 300, settleMs: 200 });
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'A', amountFen: 300, qrCode: qr('3.00', 'A') });
    await h.final('A');
    await until(() => h.engine.phoneMode('P1').kind === 'idle', 3_000, 'P1 back in rotation');
    const restarts = h.devices.restarts.length;
    await h.restart();
    h.engine.create({ orderNo: 'B', amountFen: 500, qrCode: qr('5.00', 'B') });
    expect(await h.final('B')).toMatchObject({ status: 'succeeded' });
    expect(h.devices.restarts.length).toBe(restarts);
  });
});
