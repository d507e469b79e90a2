import { z } from 'zod';

/**
 * The payment states, the one list of them. `queued` → `dispatching` → `awaiting_result` →
 * `succeeded` | `failed` | `unknown`; `cancelled` before dispatch; `expired` when not dispatched
 * in time (docs/ARCHITECTURE.md draws the path).
 */
export const PAYMENT_STATUSES = [
  'queued',
  'dispatching',
  'awaiting_result',
  'succeeded',
  'failed',
  'unknown',
  'cancelled',
  'expired',
] as const;
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** States a payment never leaves by itself (`unknown` waits for a person, but no phone moves it). */
export const FINAL_PAYMENT_STATUSES = [
  'succeeded',
  'failed',
  'unknown',
  'cancelled',
  'expired',
] as const satisfies readonly PaymentStatus[];

/** What the cashier's payments view lists: everything in flight or queued, and what needs a person. */
export const ACTIVE_PAYMENT_STATUSES = [
  'queued',
  'dispatching',
  'awaiting_result',
  'unknown',
] as const satisfies readonly PaymentStatus[];

const FINAL: ReadonlySet<string> = new Set(FINAL_PAYMENT_STATUSES);

export function isFinalStatus(status: PaymentStatus): boolean {
  return FINAL.has(status);
}

export function isFinal(payment: { status: PaymentStatus }): boolean {
  return FINAL.has(payment.status);
}

/** Why a payment needs a person. Stable codes: the window and the docs have a text for each. */
export const REVIEW_REASONS = [
  'timeout',
  'connection_lost',
  'protocol_error',
  'amount_mismatch',
  'unrecognized_text',
  'result_too_fast',
  'in_flight_at_restart',
  'refund_needed',
] as const;
export const reviewReasonSchema = z.enum(REVIEW_REASONS);
export type ReviewReason = z.infer<typeof reviewReasonSchema>;
