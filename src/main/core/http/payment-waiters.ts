import type { Payment, PaymentService } from '../payments/payment-types';
import { FINAL_PAYMENT_STATUSES } from '../payments/payment-types';
import type { Clock, TimerHandle } from '../util/clock';

/**
 * Long-poll waiters for `GET /payments/:orderNo?wait=N` (DESIGN §5, seeds/004): hold the request
 * until the payment reaches a final state, or answer with its current state at the deadline.
 * Intermediate moves (dispatching, awaiting_result) do not wake a waiter: the backend asked how
 * the payment ended, and waking it early would only make it poll again.
 *
 * One listener on the payment service's `updated` event serves every waiter through a map
 * keyed by orderNo, so a thousand waiters cost no database reads and no work while idle: each
 * holds one timer for its deadline and nothing else.
 */
export interface PaymentWaiters {
  /**
   * Resolves with the payment once a final state is committed, or with `null` at the deadline or when
   * `signal` fires (client gone, server closing). The caller re-reads the payment then.
   */
  waitForFinal(orderNo: string, timeoutMs: number, signal: WaitSignal): Promise<Payment | null>;
  /** Releases every waiter at once, e.g. when the server closes. */
  releaseAll(): void;
  readonly count: number;
  /** Unsubscribes from the payment service. */
  dispose(): void;
}

/** A minimal abort hook, so the caller decides what "the client went away" means. */
export interface WaitSignal {
  onAbort(listener: () => void): () => void;
}

interface Waiter {
  finish(payment: Payment | null): void;
}

export function createPaymentWaiters(payments: PaymentService, clock: Clock): PaymentWaiters {
  const byOrder = new Map<string, Set<Waiter>>();
  let count = 0;

  const unsubscribe = payments.on('updated', (payment) => {
    const waiters = byOrder.get(payment.orderNo);
    if (!waiters || !FINAL_PAYMENT_STATUSES.includes(payment.status)) return;
    for (const waiter of [...waiters]) waiter.finish(payment);
  });

  return {
    waitForFinal(orderNo, timeoutMs, signal) {
      return new Promise<Payment | null>((resolve) => {
        let timer: TimerHandle | null = null;
        let stopListening: (() => void) | null = null;
        const waiter: Waiter = {
          finish(payment) {
            const set = byOrder.get(orderNo);
            if (!set?.delete(waiter)) return;
            if (set.size === 0) byOrder.delete(orderNo);
            count -= 1;
            if (timer !== null) clock.clearTimeout(timer);
            stopListening?.();
            resolve(payment);
          },
        };
        let set = byOrder.get(orderNo);
        if (!set) byOrder.set(orderNo, (set = new Set()));
        set.add(waiter);
        count += 1;
        timer = clock.setTimeout(() => waiter.finish(null), timeoutMs);
        stopListening = signal.onAbort(() => waiter.finish(null));
      });
    },
    releaseAll() {
      for (const waiters of [...byOrder.values()]) {
        for (const waiter of [...waiters]) waiter.finish(null);
      }
    },
    get count() {
      return count;
    },
    dispose() {
      unsubscribe();
      this.releaseAll();
    },
  };
}
