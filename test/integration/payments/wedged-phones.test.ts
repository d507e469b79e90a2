import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHarness } from '../../support/engine-harness';
import { createManualClock } from '../../../src/main/core/util/clock';
import { createEngineHarness, qr, sleep, until } from '../../support/engine-harness';

/**
 * The reference phone app's hazards (docs/PHONE-PROTOCOL.md) and the layered defence against them, over simulated phones that
 * keep its semaphores and FIFO.
 */
let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

const settlingReports = (serial: string) =>
  h.activities.filter(
    (a) =>
      a.serial === serial && a.activity.kind === 'needs-attention' && a.activity.reason.code === 'SETTLING',
  );

describe('a phone that never answers', () => {
  it('times out to unknown, restarts the app, settles, restarts again; the next payment gets its own result', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 300, settleMs: 400 });
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'A', amountFen: 300, qrCode: qr('3.00', 'A') });
    const a = await h.final('A');
    expect(a).toMatchObject({ status: 'unknown', review: { reason: 'timeout' }, notificationText: null });

    h.engine.create({ orderNo: 'B', amountFen: 500, qrCode: qr('5.00', 'B') });
    const b = await h.final('B');
    expect(b).toMatchObject({ status: 'succeeded', notificationText: '你已成功付款5.00元' });
    // First restart right after the wedge, second at the end of the settle period.
    expect(h.devices.restarts.map((r) => r.serial)).toEqual(['P1', 'P1']);
    expect(h.devices.restarts[1].at - h.devices.restarts[0].at).toBeGreaterThanOrEqual(380);
    // B was written only after the second restart.
    expect(sim.commands.map((c) => c.msg)).toEqual([qr('3.00', 'A'), qr('5.00', 'B')]);
    expect(sim.commands[1].at).toBeGreaterThanOrEqual(h.devices.restarts[1].at);
    // A was written once and never again.
    expect(h.storage.attempts.writtenCount('A')).toBe(1);
    // Durable, so a restart in between redoes the wedge (wedge-across-restart.test.ts).
    expect(h.storage.audit.forSubject('device:P1')).toMatchObject([
      { action: 'phone.wedged', detail: { orderNo: 'A', reason: 'timeout' } },
      { action: 'phone.settled' },
    ]);
  });

  it('reports "settling, N s left" to the device view while out of rotation', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 200, settleMs: 2_100 });
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'A', amountFen: 300, qrCode: qr('3.00') });
    await h.final('A');
    await until(() => settlingReports('P1').length >= 2, 3_000, 'two settling reports');
    expect(h.engine.phoneMode('P1').kind).toBe('settling');
    const [first, second] = settlingReports('P1').map((r) => r.activity);
    expect(first).toMatchObject({ reason: { params: { secondsLeft: 3 } } });
    expect(second).toMatchObject({ reason: { params: { secondsLeft: 2 } } });
    expect(first.kind === 'needs-attention' && first.until).toBeGreaterThan(Date.now());
    expect(h.view('P1')?.state).toBe('needs-attention');
    await until(() => h.engine.phoneMode('P1').kind === 'idle', 3_000, 'P1 back in rotation');
    expect(h.view('P1')?.state).toBe('ready');
  });
});

describe('the default settle period, on a manual clock', () => {
  it('keeps a wedged phone out of rotation for exactly 60 s, then restarts it once more', async () => {
    const clock = createManualClock(1_700_000_000_000);
    // The default settle period (60 s) and second restart; only the result timeout is short.
    h = await createEngineHarness({ resultTimeoutMs: 200, settleMs: 60_000, secondRestart: true }, { clock });
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'A', amountFen: 300, qrCode: qr('3.00', 'A') });
    await h.final('A');
    await until(() => h.engine.phoneMode('P1').kind === 'settling', 2_000, 'settling');
    h.engine.create({ orderNo: 'B', amountFen: 100, qrCode: qr('1.00', 'B'), expiresInSec: 3600 });
    clock.advance(59_999);
    await sleep(100);
    expect(h.engine.get('B')?.status).toBe('queued');
    expect(h.devices.restarts).toHaveLength(1);
    clock.advance(1);
    expect(await h.final('B')).toMatchObject({ status: 'succeeded' });
    expect(h.devices.restarts).toHaveLength(2);
    expect(sim.commands.map((c) => c.msg)).toEqual([qr('3.00', 'A'), qr('1.00', 'B')]);
  });
});

describe('a late notification after the restart is never credited to the next payment', () => {
  async function wedgeB(settings: Parameters<typeof createEngineHarness>[0]) {
    h = await createEngineHarness(settings);
    const sim = await h.devices.addPhone('P1', { defaultBehavior: { kind: 'notify', afterMs: 250 } });
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'B', amountFen: 300, qrCode: qr('3.00', 'B') });
    expect(await h.final('B')).toMatchObject({ status: 'unknown', review: { reason: 'timeout' } });
    await until(() => h.devices.restarts.length === 1, 2_000, 'first restart');
    await sleep(20);
    // Alipay's notification for B arrives now, into the restarted app's fresh FIFO.
    sim.notify('你已成功付款3.00元');
    expect(sim.pendingNotifications).toEqual(['你已成功付款3.00元']);
    h.engine.create({ orderNo: 'C', amountFen: 700, qrCode: qr('7.00', 'C') });
    return sim;
  }

  it('settle + second restart: C (7.00) gets its own 7.00 result', async () => {
    const sim = await wedgeB({ resultTimeoutMs: 300, settleMs: 500, secondRestart: true });
    const c = await h.final('C');
    expect(c).toMatchObject({ status: 'succeeded', notificationText: '你已成功付款7.00元', review: null });
    expect(h.devices.restarts).toHaveLength(2);
    expect(sim.commands.map((x) => x.msg)).toEqual([qr('3.00', 'B'), qr('7.00', 'C')]);
  });

  it('without the second restart, the amount check still refuses the stale 3.00', async () => {
    await wedgeB({ resultTimeoutMs: 300, settleMs: 200, secondRestart: false, minResultMs: 0 });
    const c = await h.final('C');
    expect(c.status).toBe('unknown');
    expect(c.review?.reason).toBe('amount_mismatch');
    expect(c.notificationText).toBe('你已成功付款3.00元');
  });

  it('without the second restart and with the same amount, the too-fast check refuses it', async () => {
    h = await createEngineHarness({
      resultTimeoutMs: 300,
      settleMs: 100,
      secondRestart: false,
      minResultMs: 150,
    });
    const sim = await h.devices.addPhone('P1', { defaultBehavior: { kind: 'notify', afterMs: 250 } });
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'B', amountFen: 300, qrCode: qr('3.00', 'B') });
    await h.final('B');
    await until(() => h.devices.restarts.length === 1, 2_000, 'first restart');
    await sleep(20);
    sim.notify('你已成功付款3.00元');
    h.engine.create({ orderNo: 'C2', amountFen: 300, qrCode: qr('3.00', 'C2') });
    const c = await h.final('C2');
    expect(c).toMatchObject({ status: 'unknown', review: { reason: 'result_too_fast' } });
    expect(c.status).not.toBe('succeeded');
  });
});

describe('the too-fast check', () => {
  it('makes a result under the threshold unknown with result_too_fast, and wedges the phone', async () => {
    h = await createEngineHarness({ minResultMs: 400, settleMs: 100 });
    await h.devices.addPhone('P1', { defaultBehavior: { kind: 'notify', afterMs: 5 } });
    h.engine.create({ orderNo: 'T', amountFen: 100, qrCode: qr('1.00') });
    const t = await h.final('T');
    expect(t).toMatchObject({ status: 'unknown', review: { reason: 'result_too_fast' } });
    expect(t.notificationText).toBe('你已成功付款1.00元');
    await until(() => h.devices.restarts.length >= 1, 2_000, 'restart');
  });

  it('accepts a result over the threshold', async () => {
    h = await createEngineHarness({ minResultMs: 100 });
    await h.devices.addPhone('P1', { defaultBehavior: { kind: 'notify', afterMs: 150 } });
    h.engine.create({ orderNo: 'S', amountFen: 100, qrCode: qr('1.00') });
    expect((await h.final('S')).status).toBe('succeeded');
  });
});

describe('results that cannot be trusted', () => {
  it('amount mismatch → unknown with the review reason, phone wedged', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'notify', text: '你已成功付款9.99元' });
    h.engine.create({ orderNo: 'M', amountFen: 300, qrCode: qr('3.00') });
    const m = await h.final('M');
    expect(m).toMatchObject({ status: 'unknown', review: { reason: 'amount_mismatch' } });
    expect(m.review?.detail).toMatch(/9\.99.*3\.00/);
    await until(() => h.devices.restarts.length >= 1, 2_000, 'restart');
  });

  it('unrecognized text → unknown unrecognized_text', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'notify', text: '你有一条新消息' });
    h.engine.create({ orderNo: 'U', amountFen: 300, qrCode: qr('3.00') });
    expect(await h.final('U')).toMatchObject({ status: 'unknown', review: { reason: 'unrecognized_text' } });
  });

  it('a garbage frame → unknown protocol_error, phone wedged', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'garbage' });
    h.engine.create({ orderNo: 'G', amountFen: 300, qrCode: qr('3.00') });
    expect(await h.final('G')).toMatchObject({ status: 'unknown', review: { reason: 'protocol_error' } });
    await until(() => h.devices.restarts.length >= 1, 2_000, 'restart');
  });

  it('the app dying after the command → unknown connection_lost, never resent', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    await h.devices.addPhone('P2', { defaultBehavior: { kind: 'notify', afterMs: 50 } });
    sim.queueBehavior({ kind: 'crash', afterMs: 20 });
    h.engine.create({ orderNo: 'K', amountFen: 300, qrCode: qr('3.00'), deviceSerial: 'P1' });
    const k = await h.final('K');
    expect(k).toMatchObject({ status: 'unknown', review: { reason: 'connection_lost' } });
    expect(h.devices.sim('P2').commands).toHaveLength(0);
    expect(h.storage.attempts.forPayment('K')).toHaveLength(1);
  });
});

describe('unplug in the middle of a payment', () => {
  it('the payment becomes unknown, is not resent, and the other phones carry the queue', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 2_000 });
    const p1 = await h.devices.addPhone('P1', { defaultBehavior: { kind: 'never' } });
    h.engine.create({ orderNo: 'UP', amountFen: 300, qrCode: qr('3.00') });
    await until(() => h.engine.get('UP')?.status === 'awaiting_result', 2_000, 'awaiting');
    for (let i = 0; i < 3; i++)
      h.engine.create({ orderNo: `Q${i}`, amountFen: 100, qrCode: qr('1.00', `${i}`) });
    await h.devices.addPhone('P2');
    h.devices.unplug('P1');
    expect(await h.final('UP')).toMatchObject({ status: 'unknown', review: { reason: 'connection_lost' } });
    for (let i = 0; i < 3; i++)
      expect(await h.final(`Q${i}`)).toMatchObject({ status: 'succeeded', deviceSerial: 'P2' });
    expect(p1.commands).toHaveLength(1);
    expect(h.storage.attempts.forPayment('UP')).toHaveLength(1);
    // Its restart fails while it is gone; it stays out of rotation and is retried.
    await until(() => h.engine.phoneMode('P1').kind === 'restart_failed', 2_000, 'restart_failed');
    // Plugged back in: restarted at once, settles, restarted again, then takes payments.
    const back = await h.devices.addPhone('P1');
    h.engine.create({ orderNo: 'AFTER', amountFen: 100, qrCode: qr('1.00', 'after'), deviceSerial: 'P1' });
    expect(await h.final('AFTER')).toMatchObject({ status: 'succeeded', deviceSerial: 'P1' });
    expect(back.commands).toHaveLength(1);
  });
});

describe('other phones keep working while one settles', () => {
  it('queued payments are not stuck behind the settling phone', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 200, settleMs: 3_000 });
    const p1 = await h.devices.addPhone('P1');
    p1.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'W', amountFen: 300, qrCode: qr('3.00'), deviceSerial: 'P1' });
    await h.final('W');
    await until(() => h.engine.phoneMode('P1').kind === 'settling', 2_000, 'settling');
    await h.devices.addPhone('P2', { defaultBehavior: { kind: 'notify', afterMs: 10 } });
    const started = Date.now();
    for (let i = 0; i < 8; i++)
      h.engine.create({ orderNo: `N${i}`, amountFen: 100, qrCode: qr('1.00', `${i}`) });
    for (let i = 0; i < 8; i++)
      expect(await h.final(`N${i}`)).toMatchObject({ status: 'succeeded', deviceSerial: 'P2' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(h.engine.phoneMode('P1').kind).toBe('settling');
    expect(p1.commands).toHaveLength(1);
  });
});
