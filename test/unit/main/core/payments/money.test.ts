import { describe, expect, it } from 'vitest';
import { fenToYuan } from '../../../../../src/main/core/payments/money';
import { paymentRequestHash } from '../../../../../src/main/core/payments/request-hash';

describe('fenToYuan', () => {
  it.each([
    [1, '0.01'],
    [10, '0.10'],
    [1250, '12.50'],
    [999_999_999, '9999999.99'],
    [-5, '-0.05'],
  ])('%i → %s', (fen, yuan) => expect(fenToYuan(fen)).toBe(yuan));
});

describe('paymentRequestHash', () => {
  const base = { orderNo: 'A', amountFen: 100, qrCode: 'q' };
  it('treats the default expiry as the same request, anything else as different', () => {
    expect(paymentRequestHash(base)).toBe(paymentRequestHash({ ...base, expiresInSec: 120 }));
    expect(paymentRequestHash(base)).not.toBe(paymentRequestHash({ ...base, expiresInSec: 60 }));
    expect(paymentRequestHash(base)).not.toBe(paymentRequestHash({ ...base, deviceSerial: 'S' }));
    expect(paymentRequestHash(base)).not.toBe(paymentRequestHash({ ...base, qrCode: 'q2' }));
  });
});
