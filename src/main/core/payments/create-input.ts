import { MAX_PAYMENT_FEN } from './money';
import { InvalidPaymentInputError } from './payment-errors';
import type { CreatePaymentInput } from './payment-types';

const ORDER_NO = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The engine's own guard on what it stores. The HTTP layer validates first with its schemas;
 * this catches any other caller (IPC, demo, tests) with the same rules.
 */
export function validateCreateInput(input: CreatePaymentInput): void {
  if (!ORDER_NO.test(input.orderNo))
    throw new InvalidPaymentInputError('orderNo', 'must be 1–64 of [A-Za-z0-9_-]');
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > MAX_PAYMENT_FEN) {
    throw new InvalidPaymentInputError('amountFen', `must be an integer from 1 to ${MAX_PAYMENT_FEN} fen`);
  }
  if (input.qrCode.length < 1 || input.qrCode.length > 2048) {
    throw new InvalidPaymentInputError('qrCode', 'must be 1–2048 characters');
  }
  if (input.expiresInSec !== undefined) {
    if (!Number.isInteger(input.expiresInSec) || input.expiresInSec < 1 || input.expiresInSec > 3600) {
      throw new InvalidPaymentInputError('expiresInSec', 'must be an integer of at most 3600 seconds');
    }
  }
  if (
    input.deviceSerial !== undefined &&
    (input.deviceSerial.length < 1 || input.deviceSerial.length > 128)
  ) {
    throw new InvalidPaymentInputError('deviceSerial', 'must be 1–128 characters');
  }
  if (input.callbackUrl !== undefined && !/^https?:\/\/\S+$/i.test(input.callbackUrl)) {
    throw new InvalidPaymentInputError('callbackUrl', 'must be an http or https URL');
  }
}
