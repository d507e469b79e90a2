import { randomBytes } from 'node:crypto';
import { signRequest, signatureMatches } from '../auth/request-signature';

/**
 * Signed stream entries (docs/FLEET.md). The scheme is the HTTP one (docs/API.md, Signing every
 * request) with the method `XADD` for what the backend adds and `RESULT` for what a station
 * publishes, and the stream key as the target:
 *
 *   sig = hex(HMAC-SHA256(fleetSecret, METHOD + "\n" + streamKey + "\n" + ts + "\n" + nonce + "\n" + hex(SHA-256(body))))
 *
 * `body` is the entry's `body` field, or for a cancel its `orderNo`, or for a result its `payment`.
 */
export const FLEET_SKEW_SEC = 300;
export const FLEET_NONCE = /^[A-Za-z0-9_-]{8,64}$/;

export interface SignedFields {
  ts: string;
  nonce: string;
  sig: string;
}

export type EntryVerdict =
  | { ok: true; ts: number; nonce: string }
  | {
      ok: false;
      code: 'FLEET_BAD_SIGNATURE' | 'FLEET_STALE' | 'FLEET_BAD_NONCE' | 'FLEET_MALFORMED';
      message: string;
    };

/**
 * When Redis added a stream entry, from its id (`<unix ms>-<seq>`), in unix seconds; null for an
 * id of another form. A stream is a queue: an entry may wait there long after it was signed, so
 * the signature window is measured against this time, not against the reader's clock.
 */
export function entryTimeSec(id: string): number | null {
  const m = /^(\d{1,15})-\d+$/.exec(id);
  return m ? Math.floor(Number(m[1]) / 1000) : null;
}

/**
 * Checks an entry's ts, nonce form and signature; the nonce's single use is checked fleet-wide
 * after. `atSec` is the time the ts must be near: when Redis added the entry (see
 * {@link entryTimeSec}) for what stations read, now for what a backend reads as it is published.
 */
export function verifyEntry(
  secret: string,
  method: 'XADD' | 'RESULT',
  streamKey: string,
  signed: Partial<SignedFields>,
  body: string,
  atSec: number,
): EntryVerdict {
  const { ts, nonce, sig } = signed;
  if (ts === undefined || nonce === undefined || sig === undefined)
    return { ok: false, code: 'FLEET_MALFORMED', message: 'the entry needs the fields ts, nonce and sig' };
  if (!/^\d{1,12}$/.test(ts))
    return { ok: false, code: 'FLEET_MALFORMED', message: 'ts must be unix seconds' };
  if (!FLEET_NONCE.test(nonce))
    return { ok: false, code: 'FLEET_BAD_NONCE', message: 'nonce must be 8–64 of A–Z a–z 0–9 _ -' };
  if (!signatureMatches(secret, { method, target: streamKey, timestamp: ts, nonce, body }, sig))
    return {
      ok: false,
      code: 'FLEET_BAD_SIGNATURE',
      message: 'the signature does not match the fleet secret',
    };
  if (Math.abs(atSec - Number(ts)) > FLEET_SKEW_SEC)
    return {
      ok: false,
      code: 'FLEET_STALE',
      message: `ts is ${atSec - Number(ts)} s from the time the entry was added (at most ±${FLEET_SKEW_SEC} s)`,
    };
  return { ok: true, ts: Number(ts), nonce };
}

/** Signs what a station publishes (or, in tests and examples, what a backend adds). */
export function signEntry(
  secret: string,
  method: 'XADD' | 'RESULT',
  streamKey: string,
  body: string,
  nowSec: number,
  nonce = randomBytes(12).toString('base64url'),
): SignedFields {
  const ts = String(nowSec);
  return { ts, nonce, sig: signRequest(secret, { method, target: streamKey, timestamp: ts, nonce, body }) };
}

/** A stream entry's flat field list (`[k1, v1, k2, v2…]`) as an object; the first of a repeated field wins. */
export function entryFields(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) if (!(flat[i] in out)) out[flat[i]] = flat[i + 1];
  return out;
}
