import { describe, expect, it } from 'vitest';
import type { WaitSignal } from '../../../../../src/main/core/payments/final-waiters';
import { createFinalWaiters } from '../../../../../src/main/core/payments/final-waiters';
import type { Payment, PaymentEvents } from '../../../../../src/main/core/payments/payment-types';
import { createManualClock } from '../../../../../src/main/core/util/clock';
import { createTypedEmitter } from '../../../../../src/main/core/util/typed-emitter';

/** What the waiters need of a payment service: `get`, and `updated` for every committed move. */
function paymentSource() {
  const emitter = createTypedEmitter<PaymentEvents>();
  const store = new Map<string, Payment>();
  let reads = 0;
  return {
    on: emitter.on.bind(emitter),
    get(orderNo: string) {
      reads++;
      return store.get(orderNo);
    },
    put(orderNo: string, status: Payment['status']) {
      const p = { orderNo, status } as Payment;
      store.set(orderNo, p);
      emitter.emit('updated', p);
    },
    get listeners() {
      return emitter.listenerCount('updated');
    },
    get reads() {
      return reads;
    },
  };
}

function manualSignal(): WaitSignal & { abort(): void; listeners: number } {
  const listeners = new Set<() => void>();
  return {
    onAbort(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    abort: () => [...listeners].forEach((l) => l()),
    get listeners() {
      return listeners.size;
    },
  };
}

describe('final waiters (long polls)', () => {
  it('share one service listener and one timer each, and wake only on a final state', async () => {
    const clock = createManualClock(0);
    const payments = paymentSource();
    payments.put('A', 'queued');
    const waiters = createFinalWaiters(payments, clock);
    const pending = [1, 2, 3].map(() => waiters.waitForFinal('A', 30_000, manualSignal()));
    expect(payments.listeners).toBe(1);
    expect(clock.pendingTimers).toBe(3);
    expect(waiters.count).toBe(3);
    let woken = 0;
    pending.forEach((p) => void p.then(() => woken++));
    const reads = payments.reads;
    payments.put('A', 'dispatching');
    payments.put('A', 'awaiting_result');
    await Promise.resolve();
    await Promise.resolve();
    expect(woken).toBe(0);
    expect(waiters.count).toBe(3);
    payments.put('A', 'succeeded');
    const results = await Promise.all(pending);
    expect(results.map((p) => p?.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // Woken by the event itself: no read of the payment while waiting, none to answer.
    expect(payments.reads).toBe(reads);
    expect(clock.pendingTimers).toBe(0);
    expect(waiters.count).toBe(0);
  });

  it('wake only the waiters of the payment that became final', async () => {
    const clock = createManualClock();
    const payments = paymentSource();
    payments.put('A', 'queued');
    payments.put('B', 'queued');
    const waiters = createFinalWaiters(payments, clock);
    const a = Array.from({ length: 500 }, () => waiters.waitForFinal('A', 30_000));
    const b = waiters.waitForFinal('B', 30_000);
    expect(waiters.count).toBe(501);
    payments.put('A', 'succeeded');
    expect(waiters.count).toBe(1);
    expect((await Promise.all(a)).every((p) => p?.status === 'succeeded')).toBe(true);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(30_000);
    expect((await b)?.status).toBe('queued');
    expect(waiters.count).toBe(0);
  });

  it('answers at once for a final or missing payment, or when asked not to wait', async () => {
    const payments = paymentSource();
    payments.put('A', 'failed');
    payments.put('Q', 'queued');
    const clock = createManualClock();
    const waiters = createFinalWaiters(payments, clock);
    expect((await waiters.waitForFinal('A', 1_000))?.status).toBe('failed');
    expect(await waiters.waitForFinal('X', 1_000)).toBeUndefined();
    expect((await waiters.waitForFinal('Q', 0))?.status).toBe('queued');
    expect(waiters.count).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('answers with the current state at the deadline and when the client goes away, leaving nothing behind', async () => {
    const clock = createManualClock(0);
    const payments = paymentSource();
    payments.put('B', 'awaiting_result');
    const waiters = createFinalWaiters(payments, clock);
    const signal = manualSignal();
    const byTimeout = waiters.waitForFinal('B', 5_000, signal);
    clock.advance(5_000);
    expect((await byTimeout)?.status).toBe('awaiting_result');
    expect(signal.listeners).toBe(0);
    const gone = manualSignal();
    const byAbort = waiters.waitForFinal('B', 5_000, gone);
    gone.abort();
    expect((await byAbort)?.status).toBe('awaiting_result');
    expect(clock.pendingTimers).toBe(0);
    expect(waiters.count).toBe(0);
  });

  it('releases everyone on close and unsubscribes on dispose', async () => {
    const clock = createManualClock(0);
    const payments = paymentSource();
    payments.put('C', 'queued');
    payments.put('D', 'dispatching');
    const waiters = createFinalWaiters(payments, clock);
    const pending = ['C', 'D'].map((orderNo) => waiters.waitForFinal(orderNo, 30_000, manualSignal()));
    waiters.dispose();
    expect((await Promise.all(pending)).map((p) => p?.status)).toEqual(['queued', 'dispatching']);
    expect(payments.listeners).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });
});
