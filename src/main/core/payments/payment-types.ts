import type { z } from 'zod';
import type { PaymentInput } from '../../../shared/domain/payment-input';
import type { PaymentStatus } from '../../../shared/domain/payment-status';
import type { paymentRecordSchema } from '../../../shared/domain/records';
import type { TypedEmitter } from '../util/typed-emitter';

/**
 * A payment as the core holds it: the shared record (integer fen, epoch-ms times; money is
 * integer fen in the core and decimal strings only at the edges) plus what stays inside.
 */
export type Payment = z.infer<typeof paymentRecordSchema> & {
  /** Hash of the creating request's canonical body, for idempotency by orderNo. */
  requestHash: string;
};

/** A create request as the engine takes it; its fields and limits are the shared ones. */
export type CreatePaymentInput = PaymentInput;

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
