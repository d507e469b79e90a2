import { randomUUID } from 'node:crypto';
import { fenToYuan } from '../payments/money';
import type { Payment } from '../payments/payment-types';
import type { OutboxRepository } from '../storage/outbox-repository';

/** The payment as the backend sees it in callbacks: decimal amount, ISO times (issue 4 §4). */
export interface PaymentWire {
  orderNo: string;
  status: Payment['status'];
  amount: string;
  deviceSerial: string | null;
  notificationText: string | null;
  review: Payment['review'];
  cancelRequested: boolean;
  refundNeeded: boolean;
  resolution: { status: 'succeeded' | 'failed'; note: string; by: string; at: string } | null;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}

export function paymentToWire(p: Payment): PaymentWire {
  return {
    orderNo: p.orderNo,
    status: p.status,
    amount: fenToYuan(p.amountFen),
    deviceSerial: p.deviceSerial,
    notificationText: p.notificationText,
    review: p.review,
    cancelRequested: p.cancelRequested,
    refundNeeded: p.refundNeeded,
    resolution: p.resolution ? { ...p.resolution, at: new Date(p.resolution.at).toISOString() } : null,
    expiresAt: new Date(p.expiresAt).toISOString(),
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

export interface PaymentCallbackBody {
  eventId: string;
  type: 'payment.updated';
  payment: PaymentWire;
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
