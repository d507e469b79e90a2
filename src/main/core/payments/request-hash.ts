import { createHash } from 'node:crypto';
import { DEFAULT_EXPIRES_IN_SEC } from '../../../shared/domain/payment-input';
import type { CreatePaymentInput } from './payment-types';

/**
 * Identifies a create request's content, for idempotency by orderNo. Defaults are filled in
 * first, so leaving out `expiresInSec` and sending the default are the same request.
 */
export function paymentRequestHash(input: CreatePaymentInput): string {
  const canonical = JSON.stringify([
    input.orderNo,
    input.amountFen,
    input.qrCode,
    input.deviceSerial ?? null,
    input.callbackUrl ?? null,
    input.expiresInSec ?? DEFAULT_EXPIRES_IN_SEC,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
