import { describe, expect, it } from 'vitest';
import { paymentRequestHash } from '../../../../../src/main/core/payments/request-hash';

describe('paymentRequestHash', () => {
  const base = { orderNo: 'A', amountFen: 100, qrCode: 'q' };
  it('treats the default expiry as the same request, anything else as different', () => {
    expect(paymentRequestHash(base)).toBe(paymentRequestHash({ ...base, expiresInSec: 120 }));
    expect(paymentRequestHash(base)).not.toBe(paymentRequestHash({ ...base, expiresInSec: 60 }));
    expect(paymentRequestHash(base)).not.toBe(paymentRequestHash({ ...base, deviceSerial: 'S' }));
    expect(paymentRequestHash(base)).not.toBe(paymentRequestHash({ ...base, qrCode: 'q2' }));
  });
});
