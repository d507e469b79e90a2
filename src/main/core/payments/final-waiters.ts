import { isFinal } from '../../../shared/domain/payment-status';
import type { Clock, TimerHandle } from '../util/clock';
import type { Payment, PaymentService } from './payment-types';

/**
 * Long polls (`GET /payments/:orderNo?wait=N`, and anyone else who waits for a payment to end):
 * hold the caller until the payment reaches a final state, or answer with its current state at
 * the deadline. Intermediate moves (dispatching, awaiting_result) do not wake a waiter: it asked
 * how the payment ended, and waking it early would only make it ask again.
 *
 * One listener on the payment service's `updated` event serves every waiter through a map keyed
 * by orderNo, so a thousand waiters cost no database reads and no work while idle: each holds
 * one timer for its deadline and nothing else.
 */
export interface FinalWaiters {
  /**
   * Resolves at once with the payment when it is already final, when there is no such payment
   * (undefined) or when `ms` is 0; otherwise with the payment once a final state is committed, or
   * with its current state at the deadline or when `signal` fires (client gone, server closing).
   */
  waitForFinal(orderNo: string, ms: number, signal?: WaitSignal): Promise<Payment | undefined>;
  /** Answers every waiter now with the payment's current state, e.g. when the server closes. */
  releaseAll(): void;
  readonly count: number;
  /** Releases everyone and unsubscribes from the payment service. */
  dispose(): void;
}

/** A minimal abort hook, so the caller decides what "the client went away" means. */
export interface WaitSignal {
  onAbort(listener: () => void): () => void;
}

interface Waiter {
  finish(payment: Payment | undefined): void;
}

export function createFinalWaiters(payments: Pick<PaymentService, 'on' | 'get'>, clock: Clock): FinalWaiters {
  const byOrder = new Map<string, Set<Waiter>>();
  let count = 0;

  const unsubscribe = payments.on('updated', (payment) => {
    const waiters = byOrder.get(payment.orderNo);
    if (!waiters || !isFinal(payment)) return;
    for (const waiter of [...waiters]) waiter.finish(payment);
  });

  const waiters: FinalWaiters = {
    waitForFinal(orderNo, ms, signal) {
      const now = payments.get(orderNo);
      if (!now || isFinal(now) || ms <= 0) return Promise.resolve(now);
      return new Promise((resolve) => {
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
        const current = () => waiter.finish(payments.get(orderNo));
        timer = clock.setTimeout(current, ms);
        stopListening = signal?.onAbort(current) ?? null;
      });
    },
    releaseAll() {
      for (const [orderNo, set] of [...byOrder]) {
        const payment = payments.get(orderNo);
        for (const waiter of [...set]) waiter.finish(payment);
      }
    },
    get count() {
      return count;
    },
    dispose() {
      unsubscribe();
      waiters.releaseAll();
    },
  };
  return waiters;
}
