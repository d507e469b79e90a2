import type { Storage } from '../storage/storage';
import type { Clock } from '../util/clock';
import type { Judgement } from './result-judge';
import type { PaymentStatus, ReviewReason } from '../../../shared/domain/payment-status';
import { isFinal } from '../../../shared/domain/payment-status';
import type { Payment } from './payment-types';

/**
 * Every committed state change of a payment goes through here: one transaction that re-reads
 * the stored row, checks the transition, writes it, records the attempt and hands a final state
 * to `onFinal` inside the same transaction (the callback outbox writes there, so a final state
 * never commits without its callback). The caller acts (writes to a socket, restarts an app)
 * only after the method returned: every state change is committed before the action that
 * follows it.
 *
 * Methods return the committed payment, or null when the stored row was not in the expected
 * state (someone else moved it first): the caller then does nothing.
 */
export interface PaymentLedger {
  insert(p: Payment): void;
  /**
   * Inserts a new payment straight as `dispatching` on `serial`, with its attempt: what
   * `insert` then `dispatching` would leave, in two statements instead of five. Inside the
   * caller's transaction.
   */
  insertDispatching(p: Payment, serial: string): { payment: Payment; attemptId: number };
  dispatching(orderNo: string, serial: string): { payment: Payment; attemptId: number } | null;
  awaitingResult(orderNo: string, attemptId: number, writtenAt: number): Payment | null;
  /** Nothing reached the phone: back to the queue, or cancelled/expired if that is due now. */
  notDelivered(orderNo: string, attemptId: number, detail: string): Payment | null;
  finish(orderNo: string, attemptId: number, outcome: string, j: Judgement): Payment | null;
  cancelQueued(orderNo: string): Payment | null;
  requestCancel(orderNo: string): Payment | null;
  expire(orderNo: string): Payment | null;
  resolve(orderNo: string, status: 'succeeded' | 'failed', note: string, by: string): Payment | null;
  /** Crash recovery: an in-flight payment becomes unknown; it may have been paid. */
  inFlightAtRestart(orderNo: string): Payment | null;
}

export function createPaymentLedger(
  storage: Storage,
  clock: Clock,
  /** Runs inside the transaction that makes a payment final, before it commits. */
  onFinal: (p: Payment, at: number) => void = () => undefined,
): PaymentLedger {
  /** Read, check, write; enqueue the callback when the new state is final. */
  function move(
    orderNo: string,
    from: readonly PaymentStatus[],
    /** The new state, or null to leave the payment as it is. */
    change: (p: Payment, now: number) => Payment | null,
    extra?: (next: Payment, now: number) => void,
  ): Payment | null {
    return storage.transaction(() => {
      const cur = storage.payments.get(orderNo);
      if (!cur || !from.includes(cur.status)) return null;
      const now = clock.now();
      const changed = change(cur, now);
      if (!changed) return null;
      const next = { ...changed, updatedAt: now };
      if (!storage.payments.replace(next, cur.status)) return null;
      extra?.(next, now);
      if (isFinal(next)) onFinal(next, now);
      return next;
    });
  }

  const review = (reason: ReviewReason, detail?: string): Payment['review'] =>
    detail === undefined ? { reason } : { reason, detail };

  return {
    insert: (p) => storage.payments.insert(p),

    insertDispatching(p, serial) {
      const payment: Payment = { ...p, status: 'dispatching', deviceSerial: serial };
      storage.payments.insert(payment);
      return { payment, attemptId: storage.attempts.start(p.orderNo, serial, p.createdAt) };
    },

    dispatching(orderNo, serial) {
      let attemptId = 0;
      const payment = move(
        orderNo,
        ['queued'],
        (p) => ({ ...p, status: 'dispatching', deviceSerial: serial }),
        (_p, now) => {
          attemptId = storage.attempts.start(orderNo, serial, now);
        },
      );
      return payment ? { payment, attemptId } : null;
    },

    awaitingResult: (orderNo, attemptId, writtenAt) =>
      move(
        orderNo,
        ['dispatching'],
        (p) => ({ ...p, status: 'awaiting_result' }),
        () => storage.attempts.markWritten(attemptId, writtenAt),
      ),

    notDelivered: (orderNo, attemptId, detail) =>
      move(
        orderNo,
        ['dispatching'],
        (p, now) => {
          // Nothing was written, so cancel and expiry can still win cleanly.
          if (p.cancelRequested) return { ...p, status: 'cancelled' };
          if (now >= p.expiresAt) return { ...p, status: 'expired' };
          return { ...p, status: 'queued', deviceSerial: p.pinnedSerial };
        },
        (_p, now) => storage.attempts.finish(attemptId, 'not_delivered', now, detail),
      ),

    finish: (orderNo, attemptId, outcome, j) =>
      move(
        orderNo,
        ['dispatching', 'awaiting_result'],
        (p) => {
          const refund = p.cancelRequested && j.status === 'succeeded';
          return {
            ...p,
            status: j.status,
            notificationText: j.notificationText,
            review: refund
              ? review('refund_needed', 'cancelled while in flight, but the phone paid')
              : j.review,
            refundNeeded: refund,
          };
        },
        (next, now) => {
          storage.attempts.finish(attemptId, outcome, now, j.review?.detail ?? null);
          // Committed with the verdict, before the app restart it leads to.
          if (j.wedged && next.deviceSerial) {
            storage.audit.append({
              at: now,
              actor: 'station',
              action: 'phone.wedged',
              subject: `device:${next.deviceSerial}`,
              detail: { orderNo, reason: j.review?.reason ?? null },
            });
          }
        },
      ),

    cancelQueued: (orderNo) =>
      move(
        orderNo,
        ['queued'],
        (p) => ({ ...p, status: 'cancelled', cancelRequested: true }),
        (_p, now) => storage.cancellations.record(orderNo, now),
      ),

    requestCancel: (orderNo) =>
      move(
        orderNo,
        ['dispatching', 'awaiting_result'],
        (p) => ({ ...p, cancelRequested: true }),
        (_p, now) => storage.cancellations.record(orderNo, now),
      ),

    expire: (orderNo) =>
      move(orderNo, ['queued'], (p, now) => (now >= p.expiresAt ? { ...p, status: 'expired' } : null)),

    resolve: (orderNo, status, note, by) =>
      move(
        orderNo,
        ['unknown'],
        (p, now) => {
          const refund = p.cancelRequested && status === 'succeeded';
          return {
            ...p,
            status,
            resolution: { status, note, by, at: now },
            refundNeeded: refund,
            review: refund ? review('refund_needed', 'resolved as paid after a cancel') : p.review,
          };
        },
        (next, now) =>
          storage.audit.append({
            at: now,
            actor: by,
            action: 'payment.resolve',
            subject: `payment:${orderNo}`,
            detail: { from: 'unknown', to: status, note, review: next.review },
          }),
      ),

    inFlightAtRestart: (orderNo) =>
      move(
        orderNo,
        ['dispatching', 'awaiting_result'],
        (p) => ({
          ...p,
          status: 'unknown',
          review: review('in_flight_at_restart', `was ${p.status} when the station stopped`),
        }),
        (next, now) => {
          storage.attempts.finishOpen(orderNo, 'in_flight_at_restart', now, null);
          // Its app may still hold the command: the phone is wedged until its settle ends, and
          // stays so across another restart (see PHONE_WEDGE_ACTIONS).
          if (next.deviceSerial) {
            storage.audit.append({
              at: now,
              actor: 'station',
              action: 'phone.wedged',
              subject: `device:${next.deviceSerial}`,
              detail: { orderNo, reason: 'in_flight_at_restart' },
            });
          }
          storage.audit.append({
            at: now,
            actor: 'station',
            action: 'payment.recovered',
            subject: `payment:${orderNo}`,
            detail: { to: 'unknown', serial: next.deviceSerial },
          });
        },
      ),
  };
}
