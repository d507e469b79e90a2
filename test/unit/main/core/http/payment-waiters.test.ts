import { describe, expect, it } from 'vitest';
import { createPaymentWaiters } from '../../../../../src/main/core/http/payment-waiters';
import type { WaitSignal } from '../../../../../src/main/core/http/payment-waiters';
import { createManualClock } from '../../../../../src/main/core/util/clock';
import { createInMemoryPayments } from '../../../../support/in-memory-services';

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

describe('payment waiters', () => {
  it('share one service listener and hold one timer each', async () => {
    const clock = createManualClock(0);
    const payments = createInMemoryPayments(clock);
    payments.create({ orderNo: 'A', amountFen: 1, qrCode: 'q' });
    const waiters = createPaymentWaiters(payments, clock);
    const pending = [1, 2, 3].map(() => waiters.waitForFinal('A', 30_000, manualSignal()));
    expect(payments.listenerCount).toBe(1);
    expect(clock.pendingTimers).toBe(3);
    expect(waiters.count).toBe(3);
    // Intermediate states do not wake a long poll; the final one does.
    let woken = 0;
    pending.forEach((p) => void p.then(() => woken++));
    payments.advance('A', 'dispatching');
    payments.advance('A', 'awaiting_result');
    await Promise.resolve();
    await Promise.resolve();
    expect(woken).toBe(0);
    expect(waiters.count).toBe(3);
    payments.advance('A', 'succeeded');
    const results = await Promise.all(pending);
    expect(results.map((p) => p?.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(clock.pendingTimers).toBe(0);
    expect(waiters.count).toBe(0);
  });

  it('resolves null at the deadline and when the client goes away, leaving nothing behind', async () => {
    const clock = createManualClock(0);
    const payments = createInMemoryPayments(clock);
    const waiters = createPaymentWaiters(payments, clock);
    const signal = manualSignal();
    const byTimeout = waiters.waitForFinal('B', 5_000, signal);
    clock.advance(5_000);
    expect(await byTimeout).toBeNull();
    expect(signal.listeners).toBe(0);
    const gone = manualSignal();
    const byAbort = waiters.waitForFinal('B', 5_000, gone);
    gone.abort();
    expect(await byAbort).toBeNull();
    expect(clock.pendingTimers).toBe(0);
    expect(waiters.count).toBe(0);
  });

  it('releases everyone on close and unsubscribes on dispose', async () => {
    const clock = createManualClock(0);
    const payments = createInMemoryPayments(clock);
    const waiters = createPaymentWaiters(payments, clock);
    const pending = ['C', 'D'].map((orderNo) => waiters.waitForFinal(orderNo, 30_000, manualSignal()));
    waiters.dispose();
    expect(await Promise.all(pending)).toEqual([null, null]);
    expect(payments.listenerCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });
});
