import type { Clock } from '../util/clock';

export interface NonceStoreOptions {
  clock: Clock;
  /**
   * How long a nonce must be remembered after its request's timestamp: the signature window,
   * since a request older than that is refused for its timestamp anyway.
   * @default 300_000
   */
  windowMs?: number;
  /**
   * Upper bound on remembered nonces. When full, new requests are refused rather than old
   * nonces forgotten, because forgetting would let a captured request be replayed.
   * @default 100_000
   */
  maxEntries?: number;
}

export type NonceVerdict = 'accepted' | 'replayed' | 'full';

export interface NonceStore {
  /** Records `nonce` for a request stamped `timestampMs`; a nonce is accepted once. */
  accept(nonce: string, timestampMs: number): NonceVerdict;
  readonly size: number;
}

/**
 * Remembers nonces until their request could no longer pass the timestamp check. Entries are
 * bucketed by expiry second, so expiring them costs only the entries that expire: no timer,
 * no full scan.
 */
export function createNonceStore(options: NonceStoreOptions): NonceStore {
  const windowMs = options.windowMs ?? 300_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const expiries = new Map<string, number>();
  const buckets = new Map<number, string[]>();
  let sweptSec = -Infinity;

  function sweep(nowMs: number): void {
    const nowSec = Math.floor(nowMs / 1000);
    // Buckets are whole seconds, so one sweep per second is enough.
    if (nowSec === sweptSec) return;
    sweptSec = nowSec;
    for (const [sec, nonces] of buckets) {
      if (sec >= nowSec) continue;
      for (const nonce of nonces) {
        const at = expiries.get(nonce);
        if (at !== undefined && Math.floor(at / 1000) === sec) expiries.delete(nonce);
      }
      buckets.delete(sec);
    }
  }

  return {
    accept(nonce, timestampMs) {
      const now = options.clock.now();
      sweep(now);
      const seen = expiries.get(nonce);
      if (seen !== undefined && seen >= now) return 'replayed';
      if (expiries.size >= maxEntries) return 'full';
      // One extra second covers the rounding of timestamps to whole seconds.
      const expiresAt = Math.max(timestampMs, now) + windowMs + 1000;
      expiries.set(nonce, expiresAt);
      const sec = Math.floor(expiresAt / 1000);
      const bucket = buckets.get(sec);
      if (bucket) bucket.push(nonce);
      else buckets.set(sec, [nonce]);
      return 'accepted';
    },
    get size() {
      return expiries.size;
    },
  };
}
