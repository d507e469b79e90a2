import { createHash, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_HEADERS, signatureMatches } from '../auth/request-signature';
import type { Clock } from '../util/clock';
import { ApiError, AuthError } from './api-errors';
import type { CredentialsProvider } from './api-credentials';
import type { NonceStore } from './nonce-store';

export interface RequestAuthOptions {
  credentials: CredentialsProvider;
  clock: Clock;
  nonces: NonceStore;
  /**
   * Accepted distance between the request's timestamp and the station's clock.
   * @default 300
   */
  windowSec?: number;
}

/** What the cheap header check found, kept for the signature check once the body is in. */
export interface AuthHeaders {
  /** As sent: the canonical string signs the header text, not a re-formatted number. */
  timestamp: string;
  timestampSec: number;
  nonce: string;
  signature: string;
}

type HeaderBag = Record<string, string | string[] | undefined>;

const NONCE_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const TIMESTAMP_PATTERN = /^[0-9]{1,12}$/;

/**
 * The two halves of request authentication (docs/API.md, Signing every request). `checkHeaders` runs before the body is read, so a
 * stranger is turned away without the station buffering 64 KiB; `checkSignature` runs on the
 * raw body bytes and only then spends the nonce, so forged requests cannot burn real nonces.
 */
export interface RequestAuthenticator {
  checkHeaders(headers: HeaderBag): AuthHeaders;
  checkSignature(method: string, target: string, auth: AuthHeaders, rawBody: Buffer | null): void;
}

function single(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  // Node joins repeated custom headers with ", ", which then fails the format checks below.
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function sameKey(presented: string, expected: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function createRequestAuthenticator(options: RequestAuthOptions): RequestAuthenticator {
  const windowSec = options.windowSec ?? 300;
  return {
    checkHeaders(headers) {
      const key = single(headers, SIGNATURE_HEADERS.key);
      const timestamp = single(headers, SIGNATURE_HEADERS.timestamp);
      const nonce = single(headers, SIGNATURE_HEADERS.nonce);
      const signature = single(headers, SIGNATURE_HEADERS.signature);
      if (key === undefined || timestamp === undefined || nonce === undefined || signature === undefined) {
        const missing = Object.values(SIGNATURE_HEADERS).filter((h) => single(headers, h) === undefined);
        throw new AuthError(
          'AUTH_MISSING_HEADERS',
          'Sign the request: send X-Station-Key, X-Station-Timestamp, X-Station-Nonce and X-Station-Signature.',
          { missing },
        );
      }
      if (!sameKey(key, options.credentials.current().key)) {
        throw new AuthError(
          'AUTH_UNKNOWN_KEY',
          "X-Station-Key is not this station's key; copy it from Settings.",
        );
      }
      if (!TIMESTAMP_PATTERN.test(timestamp)) {
        throw new AuthError('AUTH_BAD_TIMESTAMP', 'X-Station-Timestamp must be unix time in whole seconds.');
      }
      const timestampSec = Number.parseInt(timestamp, 10);
      const skewSec = Math.abs(options.clock.now() / 1000 - timestampSec);
      if (skewSec > windowSec) {
        throw new AuthError(
          'AUTH_TIMESTAMP_SKEW',
          `X-Station-Timestamp is more than ${windowSec} s from the station's clock; sync the clocks (NTP).`,
          { stationTime: Math.floor(options.clock.now() / 1000) },
        );
      }
      if (!NONCE_PATTERN.test(nonce)) {
        throw new AuthError(
          'AUTH_BAD_NONCE',
          'X-Station-Nonce must be 8-64 characters of A-Z, a-z, 0-9, "_" and "-".',
        );
      }
      return { timestamp, timestampSec, nonce, signature };
    },

    checkSignature(method, target, auth, rawBody) {
      const input = { method, target, timestamp: auth.timestamp, nonce: auth.nonce, body: rawBody };
      const { secret } = options.credentials.current();
      if (!signatureMatches(secret, input, auth.signature)) {
        throw new AuthError(
          'AUTH_BAD_SIGNATURE',
          'X-Station-Signature does not match: sign METHOD, path+query as sent, timestamp, nonce and the body SHA-256 with the secret.',
        );
      }
      const verdict = options.nonces.accept(auth.nonce, auth.timestampSec * 1000);
      if (verdict === 'replayed') {
        throw new AuthError(
          'AUTH_NONCE_REPLAYED',
          'This nonce was already used; use a fresh random nonce per request.',
        );
      }
      if (verdict === 'full') {
        throw new ApiError(
          429,
          'TOO_MANY_REQUESTS',
          'Too many requests inside the signature window; slow down.',
        );
      }
    },
  };
}
