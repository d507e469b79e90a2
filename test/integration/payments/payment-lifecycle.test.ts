import { afterEach, describe, expect, it } from 'vitest';
import { createPaymentEngine } from '../../../src/main/core/payments/payment-engine';
import {
  InvalidCursorError,
  PaymentNotFoundError,
  PaymentNotResolvableError,
} from '../../../src/main/core/payments/payment-errors';
import { openStorage } from '../../../src/main/core/storage/storage';
import { createManualClock } from '../../../src/main/core/util/clock';
import type { EngineHarness } from '../../support/engine-harness';
import { createEngineHarness, qr, until } from '../../support/engine-harness';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

describe('idempotency by orderNo', () => {
  it('same body → the existing payment; different body → conflict; the phone is paid once', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    const input = { orderNo: 'D1', amountFen: 300, qrCode: qr('3.00') };
    expect(h.engine.create(input).kind).toBe('created');
    expect(h.engine.create({ ...input, expiresInSec: 120 }).kind).toBe('existing');
    const conflict = h.engine.create({ ...input, amountFen: 301 });
    expect(conflict.kind).toBe('conflict');
    expect(conflict.kind === 'conflict' && conflict.payment.amountFen).toBe(300);
    await h.final('D1');
    const again = h.engine.create(input);
    expect(again).toMatchObject({ kind: 'existing', payment: { status: 'succeeded' } });
    expect(sim.commands).toHaveLength(1);
  });
});

describe('cancel', () => {
  it('before create: recorded, and the later create is refused', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    expect(h.engine.cancel('C0')).toEqual({ kind: 'cancelled', payment: null });
    expect(h.engine.create({ orderNo: 'C0', amountFen: 100, qrCode: qr('1.00') })).toEqual({
      kind: 'cancelled',
    });
    expect(h.engine.get('C0')).toBeUndefined();
    expect(sim.commands).toHaveLength(0);
  });

  it('while queued: cancelled, never dispatched, and a repeat create is refused', async () => {
    h = await createEngineHarness();
    h.engine.create({
      orderNo: 'C1',
      amountFen: 100,
      qrCode: qr('1.00'),
      callbackUrl: 'http://127.0.0.1:9/cb',
    });
    const r = h.engine.cancel('C1');
    expect(r).toMatchObject({ kind: 'cancelled', payment: { status: 'cancelled' } });
    const sim = await h.devices.addPhone('P1');
    h.engine.create({ orderNo: 'C1b', amountFen: 100, qrCode: qr('1.00') });
    await h.final('C1b');
    expect(sim.commands.map((c) => c.msg)).toEqual([qr('1.00')]);
    expect(sim.commands).toHaveLength(1);
    expect(h.engine.create({ orderNo: 'C1', amountFen: 100, qrCode: qr('1.00') })).toEqual({
      kind: 'cancelled',
    });
    // Its final state went to the outbox with the rest.
    expect(h.storage.outbox.forOrder('C1')).toHaveLength(1);
  });

  it('during dispatch: cancel_requested, and a success anyway is flagged refund needed', async () => {
    h = await createEngineHarness();
    await h.devices.addPhone('P1', { defaultBehavior: { kind: 'notify', afterMs: 200 } });
    h.engine.create({ orderNo: 'C2', amountFen: 300, qrCode: qr('3.00') });
    await until(() => h.engine.get('C2')?.status === 'awaiting_result', 2_000, 'awaiting');
    const r = h.engine.cancel('C2');
    expect(r).toMatchObject({ kind: 'cancel_requested', payment: { cancelRequested: true } });
    expect(h.engine.cancel('C2').kind).toBe('cancel_requested');
    const p = await h.final('C2');
    expect(p).toMatchObject({
      status: 'succeeded',
      cancelRequested: true,
      refundNeeded: true,
      review: { reason: 'refund_needed' },
    });
  });

  it('during dispatch, when the payment then fails: failed, no refund', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'fail', afterMs: 200 });
    h.engine.create({ orderNo: 'C3', amountFen: 300, qrCode: qr('3.00') });
    await until(() => h.engine.get('C3')?.status === 'awaiting_result', 2_000, 'awaiting');
    h.engine.cancel('C3');
    expect(await h.final('C3')).toMatchObject({
      status: 'failed',
      cancelRequested: true,
      refundNeeded: false,
    });
  });

  it('while dispatching, when nothing reached the phone: cancelled, never written', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    sim.stopApp(); // connections are refused: the exchange ends not_delivered
    h.engine.on('updated', (p) => {
      // Right after `dispatching` is committed, before the connection is even opened.
      if (p.orderNo === 'C5' && p.status === 'dispatching') h.engine.cancel('C5');
    });
    h.engine.create({ orderNo: 'C5', amountFen: 300, qrCode: qr('3.00') });
    expect(await h.final('C5')).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(h.storage.attempts.writtenCount('C5')).toBe(0);
  });

  it('after the final state: already_final, nothing changes', async () => {
    h = await createEngineHarness();
    await h.devices.addPhone('P1');
    h.engine.create({ orderNo: 'C4', amountFen: 300, qrCode: qr('3.00') });
    await h.final('C4');
    expect(h.engine.cancel('C4')).toMatchObject({ kind: 'already_final', payment: { status: 'succeeded' } });
    expect(h.engine.get('C4')?.cancelRequested).toBe(false);
  });
});

describe('expiry', () => {
  it('a queued payment not dispatched in time expires and is never sent', async () => {
    const clock = createManualClock(1_700_000_000_000);
    h = await createEngineHarness({}, { clock });
    h.engine.create({ orderNo: 'X1', amountFen: 100, qrCode: qr('1.00'), expiresInSec: 10 });
    h.engine.create({ orderNo: 'X2', amountFen: 100, qrCode: qr('1.00'), expiresInSec: 30 });
    clock.advance(9_999);
    expect(h.engine.get('X1')?.status).toBe('queued');
    clock.advance(1_000);
    expect(h.engine.get('X1')).toMatchObject({ status: 'expired', updatedAt: 1_700_000_010_000 });
    expect(h.engine.get('X2')?.status).toBe('queued');
    const sim = await h.devices.addPhone('P1');
    expect(await h.final('X2')).toMatchObject({ status: 'succeeded' });
    expect(sim.commands.map((c) => c.msg)).toEqual([qr('1.00')]);
  });
});

describe('a phone whose app is not listening', () => {
  it('not_delivered puts the payment back in the queue, and another phone takes it', async () => {
    h = await createEngineHarness();
    const p1 = await h.devices.addPhone('P1');
    p1.stopApp(); // the device is still listed as ready with its forward, but nothing listens
    h.engine.create({ orderNo: 'ND', amountFen: 100, qrCode: qr('1.00') });
    await until(
      () => h.storage.attempts.forPayment('ND').length === 1 && h.engine.get('ND')?.status === 'queued',
    );
    await h.devices.addPhone('P2');
    expect(await h.final('ND')).toMatchObject({ status: 'succeeded', deviceSerial: 'P2' });
    const attempts = h.storage.attempts.forPayment('ND');
    expect(attempts.map((a) => [a.serial, a.outcome])).toEqual([
      ['P1', 'not_delivered'],
      ['P2', 'result'],
    ]);
    expect(attempts[0].writtenAt).toBeNull();
    expect(h.storage.attempts.writtenCount('ND')).toBe(1);
  });
});

describe('crash recovery', () => {
  it('a payment created before start() is not dispatched until recovery has run', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 5_000, settleMs: 100 });
    const sim = await h.devices.addPhone('P1', { defaultBehavior: { kind: 'never' } });
    h.engine.create({ orderNo: 'S1', amountFen: 300, qrCode: qr('3.00', 'S1') });
    await until(() => h.engine.get('S1')?.status === 'awaiting_result', 2_000, 'awaiting');
    await h.engine.stop();
    h.storage.close();
    h.storage = openStorage({ file: h.file });
    h.engine = createPaymentEngine({
      storage: h.storage,
      devices: h.devices,
      settings: () => h.settings,
      connectGraceMs: 0,
    });
    sim.setDefaultBehavior({ kind: 'notify', afterMs: 5 });
    h.engine.create({ orderNo: 'S2', amountFen: 100, qrCode: qr('1.00', 'S2') });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.engine.get('S2')?.status).toBe('queued');
    await h.engine.start();
    expect(h.engine.get('S1')?.review?.reason).toBe('in_flight_at_restart');
    expect(await h.final('S2')).toMatchObject({ status: 'succeeded' });
  });

  it('in-flight payments become unknown (in_flight_at_restart), queued ones resume, the phone settles first', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 5_000, settleMs: 300 });
    const sim = await h.devices.addPhone('P1', { defaultBehavior: { kind: 'never' } });
    h.engine.create({ orderNo: 'R1', amountFen: 300, qrCode: qr('3.00', 'R1') });
    // The app has R1 and chose to hold it (the engine may mark it awaiting before the app reads it).
    await until(
      () => h.engine.get('R1')?.status === 'awaiting_result' && sim.commands.length === 1,
      2_000,
      'R1 held by the app',
    );
    h.engine.create({ orderNo: 'R2', amountFen: 500, qrCode: qr('5.00', 'R2') });
    sim.setDefaultBehavior({ kind: 'notify', afterMs: 5 });
    await h.restart();
    expect(h.engine.get('R1')).toMatchObject({
      status: 'unknown',
      review: { reason: 'in_flight_at_restart' },
    });
    expect(await h.final('R2')).toMatchObject({
      status: 'succeeded',
      notificationText: '你已成功付款5.00元',
    });
    expect(sim.commands.map((c) => c.msg)).toEqual([qr('3.00', 'R1'), qr('5.00', 'R2')]);
    expect(h.devices.restarts.length).toBe(2);
    expect(h.storage.audit.forSubject('payment:R1').map((e) => e.action)).toEqual(['payment.recovered']);
  });
});

describe('manual resolution of unknown', () => {
  it('resolves unknown with an audit entry, and refuses anything else', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 200 });
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'M1', amountFen: 300, qrCode: qr('3.00') });
    await h.final('M1');
    const p = h.engine.resolve('M1', 'succeeded', 'checked the Alipay bill', 'cashier-1');
    expect(p).toMatchObject({
      status: 'succeeded',
      resolution: { status: 'succeeded', note: 'checked the Alipay bill', by: 'cashier-1' },
      review: { reason: 'timeout' },
    });
    expect(h.storage.audit.forSubject('payment:M1')).toMatchObject([
      { actor: 'cashier-1', action: 'payment.resolve', detail: { from: 'unknown', to: 'succeeded' } },
    ]);
    expect(() => h.engine.resolve('M1', 'failed', 'x', 'y')).toThrow(PaymentNotResolvableError);
    expect(() => h.engine.resolve('nope', 'failed', 'x', 'y')).toThrow(PaymentNotFoundError);
  });
});

describe('list', () => {
  it('pages newest first with an opaque cursor, optionally by status', async () => {
    h = await createEngineHarness();
    for (let i = 0; i < 5; i++) h.engine.create({ orderNo: `LS${i}`, amountFen: 100, qrCode: qr('1.00') });
    h.engine.cancel('LS1');
    const a = h.engine.list({ limit: 3 });
    expect(a.payments.map((p) => p.orderNo)).toEqual(['LS4', 'LS3', 'LS2']);
    const b = h.engine.list({ limit: 3, cursor: a.nextCursor! });
    expect(b).toMatchObject({ nextCursor: null });
    expect(b.payments.map((p) => p.orderNo)).toEqual(['LS1', 'LS0']);
    expect(h.engine.list({ status: 'cancelled' }).payments.map((p) => p.orderNo)).toEqual(['LS1']);
  });

  it('refuses a cursor it did not issue instead of serving the first page again', async () => {
    h = await createEngineHarness();
    h.engine.create({ orderNo: 'LC1', amountFen: 100, qrCode: qr('1.00') });
    for (const cursor of [
      '',
      'garbage',
      Buffer.from('-1').toString('base64url'),
      Buffer.from('1e3').toString('base64url'),
    ]) {
      expect(() => h.engine.list({ cursor }), cursor).toThrow(InvalidCursorError);
    }
  });
});

describe('waitForFinal (long polls)', () => {
  it('wakes on the final state, times out with the current state, and a thousand waiters cost a map entry each', async () => {
    h = await createEngineHarness();
    for (let i = 0; i < 1000; i++)
      h.engine.create({ orderNo: `W${i}`, amountFen: 100, qrCode: qr('1.00', `${i}`) });
    const waits = Array.from({ length: 1000 }, (_, i) => h.engine.waitForFinal(`W${i}`, 20_000));
    expect(h.engine.stats().waiters).toBe(1000);
    const timedOut = await h.engine.waitForFinal('W999', 50);
    expect(timedOut?.status).toBe('queued');
    await h.devices.addPhone('P1', { defaultBehavior: { kind: 'notify', afterMs: 0 } });
    h.engine.create({ orderNo: 'W-first', amountFen: 100, qrCode: qr('1.00') });
    const first = await h.engine.waitForFinal('W0', 5_000);
    expect(first?.status).toBe('succeeded');
    expect(h.engine.stats().waiters).toBeLessThan(1000);
    expect(await h.engine.waitForFinal('none', 10)).toBeUndefined();
    await h.engine.stop();
    const all = await Promise.all(waits);
    expect(all.every((p) => p !== undefined)).toBe(true);
    expect(h.engine.stats().waiters).toBe(0);
  }, 30_000);
});
