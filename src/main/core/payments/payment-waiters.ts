import type { Clock, TimerHandle } from '../util/clock';
import type { Payment } from './payment-types';
import { FINAL_PAYMENT_STATUSES } from './payment-types';

export const isFinal = (p: Payment): boolean => FINAL_PAYMENT_STATUSES.includes(p.status);

interface Waiter {
  resolve(p: Payment | undefined): void;
  timer: TimerHandle;
}

/**
 * Long-poll support: waiters are kept per orderNo, so an update touches only its own waiters
 * and a thousand idle waiters cost a map entry and a timer each, with no polling.
 */
export interface PaymentWaiters {
  wait(orderNo: string, ms: number, current: () => Payment | undefined): Promise<Payment | undefined>;
  /** Wakes the waiters of this payment when it is final. */
  notify(p: Payment): void;
  readonly size: number;
  /** Wakes everyone with the current state (shutdown). */
  flush(current: (orderNo: string) => Payment | undefined): void;
}

export function createPaymentWaiters(clock: Clock): PaymentWaiters {
  const byOrder = new Map<string, Set<Waiter>>();
  let size = 0;

  function remove(orderNo: string, w: Waiter): void {
    const set = byOrder.get(orderNo);
    if (!set?.delete(w)) return;
    size--;
    if (set.size === 0) byOrder.delete(orderNo);
  }

  return {
    wait(orderNo, ms, current) {
      const now = current();
      if (!now || isFinal(now) || ms <= 0) return Promise.resolve(now);
      return new Promise((resolve) => {
        const w: Waiter = {
          resolve,
          timer: clock.setTimeout(() => {
            remove(orderNo, w);
            resolve(current());
          }, ms),
        };
        let set = byOrder.get(orderNo);
        if (!set) byOrder.set(orderNo, (set = new Set()));
        set.add(w);
        size++;
      });
    },
    notify(p) {
      if (!isFinal(p)) return;
      const set = byOrder.get(p.orderNo);
      if (!set) return;
      byOrder.delete(p.orderNo);
      size -= set.size;
      for (const w of set) {
        clock.clearTimeout(w.timer);
        w.resolve(p);
      }
    },
    get size() {
      return size;
    },
    flush(current) {
      for (const [orderNo, set] of byOrder) {
        for (const w of set) {
          clock.clearTimeout(w.timer);
          w.resolve(current(orderNo));
        }
      }
      byOrder.clear();
      size = 0;
    },
  };
}
