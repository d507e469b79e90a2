import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalString,
  signatureMatches,
  signRequest,
} from '../../../../../src/main/core/auth/request-signature';

describe('request signature', () => {
  const input = {
    method: 'post',
    target: '/api/v1/payments?x=1',
    timestamp: 1_700_000_000,
    nonce: 'abc12345',
    body: '{"a":1}',
  };

  it('builds the canonical string of docs/API.md', () => {
    expect(canonicalString(input)).toBe(
      'POST\n/api/v1/payments?x=1\n1700000000\nabc12345\n015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862',
    );
    // Empty body hashes as the empty string.
    expect(canonicalString({ ...input, body: null }).split('\n')[4]).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('is a lowercase hex HMAC-SHA256 over that string', () => {
    const expected = createHmac('sha256', 's3cret').update(canonicalString(input)).digest('hex');
    expect(signRequest('s3cret', input)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies only the exact signature', () => {
    const sig = signRequest('s3cret', input);
    expect(signatureMatches('s3cret', input, sig)).toBe(true);
    expect(signatureMatches('other', input, sig)).toBe(false);
    expect(signatureMatches('s3cret', { ...input, body: '{"a":2}' }, sig)).toBe(false);
    expect(signatureMatches('s3cret', { ...input, target: '/api/v1/payments' }, sig)).toBe(false);
    expect(signatureMatches('s3cret', input, sig.toUpperCase())).toBe(false);
    expect(signatureMatches('s3cret', input, 'zz')).toBe(false);
  });
});
