import type { TypedEmitter } from '../util/typed-emitter';

/** DESIGN §4. Money is integer fen in the core; decimal strings only at the edges. */
export type PaymentStatus =
  'queued' | 'dispatching' | 'awaiting_result' | 'succeeded' | 'failed' | 'unknown' | 'cancelled' | 'expired';

export const FINAL_PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'succeeded',
  'failed',
  'unknown',
  'cancelled',
  'expired',
];

/** Why a payment needs a person. Stable codes; the UI has texts for each. */
export type ReviewReason =
  | 'timeout'
  | 'connection_lost'
  | 'protocol_error'
  | 'amount_mismatch'
  | 'unrecognized_text'
  | 'result_too_fast'
  | 'in_flight_at_restart'
  | 'refund_needed';

export interface Payment {
  orderNo: string;
  status: PaymentStatus;
  amountFen: number;
  qrCode: string;
  /** Pinned by the request, or the phone that took it; null until dispatched when not pinned. */
  deviceSerial: string | null;
  pinnedSerial: string | null;
  callbackUrl: string | null;
  notificationText: string | null;
  review: { reason: ReviewReason; detail?: string } | null;
  cancelRequested: boolean;
  refundNeeded: boolean;
  /** Who resolved an `unknown` by hand, if anyone. */
  resolution: { status: 'succeeded' | 'failed'; note: string; by: string; at: number } | null;
  expiresAt: number;
  createdAt: number;
  updatedAt: number;
  /** Hash of the creating request's canonical body, for idempotency by orderNo. */
  requestHash: string;
}

export interface CreatePaymentInput {
  orderNo: string;
  amountFen: number;
  qrCode: string;
  deviceSerial?: string;
  callbackUrl?: string;
  /** @default 120 */
  expiresInSec?: number;
}

export type CreatePaymentResult =
  | { kind: 'created'; payment: Payment }
  | { kind: 'existing'; payment: Payment }
  | { kind: 'conflict'; payment: Payment }
  | { kind: 'cancelled' };

export type CancelResult =
  | { kind: 'cancelled'; payment: Payment | null }
  | { kind: 'cancel_requested'; payment: Payment }
  | { kind: 'already_final'; payment: Payment };

export interface ListPaymentsQuery {
  status?: PaymentStatus;
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface PaymentEvents extends Record<string, unknown> {
  /** Every committed state change. */
  updated: Payment;
}

export interface PaymentService extends TypedEmitter<PaymentEvents> {
  create(input: CreatePaymentInput): CreatePaymentResult;
  get(orderNo: string): Payment | undefined;
  list(query: ListPaymentsQuery): { payments: Payment[]; nextCursor: string | null };
  cancel(orderNo: string): CancelResult;
  /** For `unknown` only; recorded in the audit log. */
  resolve(orderNo: string, status: 'succeeded' | 'failed', note: string, by: string): Payment;
}
