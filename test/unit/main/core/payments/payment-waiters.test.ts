import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../../../src/main/core/payments/payment-types';
import { createPaymentWaiters } from '../../../../../src/main/core/payments/payment-waiters';
import { createManualClock } from '../../../../../src/main/core/util/clock';

const pay = (orderNo: string, status: Payment['status']) => ({ orderNo, status }) as Payment;

describe('payment waiters', () => {
  it('wake only the waiters of the payment that became final', async () => {
    const clock = createManualClock();
    const w = createPaymentWaiters(clock);
    const store = new Map([
      ['A', pay('A', 'queued')],
      ['B', pay('B', 'queued')],
    ]);
    const a = Array.from({ length: 500 }, () => w.wait('A', 30_000, () => store.get('A')));
    const b = w.wait('B', 30_000, () => store.get('B'));
    expect(w.size).toBe(501);
    w.notify(pay('A', 'awaiting_result'));
    expect(w.size).toBe(501);
    w.notify(pay('A', 'succeeded'));
    expect(w.size).toBe(1);
    expect((await Promise.all(a)).every((p) => p?.status === 'succeeded')).toBe(true);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(30_000);
    expect((await b)?.status).toBe('queued');
    expect(w.size).toBe(0);
  });

  it('answers at once for a final or missing payment', async () => {
    const w = createPaymentWaiters(createManualClock());
    expect((await w.wait('A', 1_000, () => pay('A', 'failed')))?.status).toBe('failed');
    expect(await w.wait('X', 1_000, () => undefined)).toBeUndefined();
    expect(w.size).toBe(0);
  });
});
