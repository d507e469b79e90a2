import type { PaymentInput } from '../../../shared/domain/payment-input';
import type { PaymentStatus } from '../../../shared/domain/payment-status';
import type { StoredPayment } from '../storage/payment-repository';
import type { TypedEmitter } from '../util/typed-emitter';

/**
 * A payment as the core holds it: the shared record (money in integer fen, decimal strings only
 * at the edges; epoch-ms times) plus the request hash that stays inside, as storage keeps it.
 */
export type Payment = StoredPayment;

/** A create request as the engine takes it; its fields and limits are the shared ones. */
export type CreatePaymentInput = PaymentInput;

export type CreatePaymentResult =
  | {
      kind: 'created';
      payment: Payment;
      /**
       * When a free phone took the payment in its create: resolves once the command is written
       * to that phone, or once the attempt ended without it.
       */
      sent?: Promise<void>;
    }
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
