import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The HMAC scheme of docs/API.md (Signing every request), used both ways: the backend signs its requests to the station,
 * and the station signs its callbacks to the backend.
 *
 *   signature = hex(HMAC-SHA256(secret,
 *     METHOD + "\n" + target + "\n" + timestamp + "\n" + nonce + "\n" + hex(SHA-256(body))))
 *
 * `target` is the request target exactly as sent (path and query); `timestamp` is unix seconds.
 */
export interface SignatureInput {
  method: string;
  target: string;
  timestamp: string | number;
  nonce: string;
  body: string | Uint8Array | null | undefined;
}

export const SIGNATURE_HEADERS = {
  key: 'x-station-key',
  timestamp: 'x-station-timestamp',
  nonce: 'x-station-nonce',
  signature: 'x-station-signature',
} as const;

export function sha256Hex(body: string | Uint8Array | null | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex');
}

export function canonicalString(input: SignatureInput): string {
  return [
    input.method.toUpperCase(),
    input.target,
    String(input.timestamp),
    input.nonce,
    sha256Hex(input.body),
  ].join('\n');
}

export function signRequest(secret: string, input: SignatureInput): string {
  return createHmac('sha256', secret).update(canonicalString(input)).digest('hex');
}

/** Constant-time comparison of a presented signature with the expected one. */
export function signatureMatches(secret: string, input: SignatureInput, presented: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(presented)) return false;
  const expected = Buffer.from(signRequest(secret, input), 'hex');
  return timingSafeEqual(expected, Buffer.from(presented, 'hex'));
}
