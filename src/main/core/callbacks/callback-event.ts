import { randomUUID } from 'node:crypto';
import type { PaymentDto } from '../../../shared/api/payment-schemas';
import { paymentToWire } from '../../../shared/api/wire';
import type { Payment } from '../payments/payment-types';
import type { OutboxRepository } from '../storage/outbox-repository';

export interface PaymentCallbackBody {
  eventId: string;
  type: 'payment.updated';
  /** The same record as `GET /payments/:orderNo` answers. */
  payment: PaymentDto;
}

/**
 * Puts the callback for a payment's (final) state into the outbox. Call it inside the same
 * transaction as the state change, so the state and its callback are committed together.
 * Returns the eventId, or null when the payment has no callbackUrl.
 */
export function enqueuePaymentCallback(outbox: OutboxRepository, p: Payment, at: number): string | null {
  if (!p.callbackUrl) return null;
  const eventId = randomUUID();
  const body: PaymentCallbackBody = { eventId, type: 'payment.updated', payment: paymentToWire(p) };
  outbox.enqueue({ eventId, orderNo: p.orderNo, url: p.callbackUrl, body: JSON.stringify(body), at });
  return eventId;
}

/**
 * Writes the callback of every final state into the outbox, inside the transaction that makes
 * the state final: a crash can never leave a final payment without its callback, or a callback
 * for a state that did not commit. The sender delivers what is written.
 */
export function writeCallbacksOnFinal(
  payments: { whenFinal(hook: (p: Payment, at: number) => void): () => void },
  outbox: OutboxRepository,
): () => void {
  return payments.whenFinal((p, at) => void enqueuePaymentCallback(outbox, p, at));
}
