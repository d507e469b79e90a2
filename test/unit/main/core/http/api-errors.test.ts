import { describe, expect, it } from 'vitest';
import { toErrorAnswer } from '../../../../../src/main/core/http/api-errors';
import { OrderNotFoundError } from '../../../../../src/main/core/orders/order-errors';
import {
  InvalidCursorError,
  InvalidPaymentInputError,
  PaymentNotFoundError,
  PaymentNotResolvableError,
} from '../../../../../src/main/core/payments/payment-errors';
import { StorageError } from '../../../../../src/main/core/storage/storage-errors';

describe('domain errors become HTTP answers in one table', () => {
  it.each([
    [new PaymentNotFoundError('A1'), 404, 'PAYMENT_NOT_FOUND'],
    [new PaymentNotResolvableError('A1', 'succeeded'), 409, 'PAYMENT_NOT_UNKNOWN'],
    [new InvalidCursorError(), 400, 'BAD_CURSOR'],
    [new OrderNotFoundError('O1'), 404, 'ORDER_NOT_FOUND'],
  ])('%s → %i %s, with its message and details', (error, status, code) => {
    const answer = toErrorAnswer(error);
    expect(answer).toMatchObject({
      status,
      internal: false,
      body: { error: { code, message: error.message } },
    });
  });

  it('sends the facts behind an error as details', () => {
    expect(toErrorAnswer(new PaymentNotResolvableError('A1', 'failed')).body.error.details).toEqual({
      status: 'failed',
    });
  });

  it('a coded error a route should never meet, or a fault, is an internal 500 with nothing of it sent', () => {
    // Input errors: the routes validate with the services' own schemas first.
    for (const error of [
      new InvalidPaymentInputError('qrCode', 'qrCode must not be empty'),
      new StorageError('STORAGE_CLOSED', 'The database is closed.'),
      Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }),
    ]) {
      const answer = toErrorAnswer(error);
      expect(answer.status).toBe(500);
      expect(answer.internal).toBe(true);
      expect(answer.body.error.code).toBe('INTERNAL');
      expect(JSON.stringify(answer.body)).not.toContain(error.message);
    }
  });
});
