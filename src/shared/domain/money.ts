/**
 * Money at the edges. The core counts integer fen; the wire carries decimal strings such as
 * `"12.50"`. Both directions use integer arithmetic only, so no amount ever passes through a
 * binary float (0.1 + 0.2 is how a shop loses a fen).
 */

/** The largest amount the API accepts, in fen (9999999.99). */
export const MAX_AMOUNT_FEN = 999_999_999;

/**
 * ASCII digits only (`[0-9]`, never `\d` with the `u` flag), no sign, no exponent, no leading
 * zeros, at most 7 integer digits and 2 decimals. Full-width digits and the like fail here.
 */
export const DECIMAL_AMOUNT_PATTERN = /^(0|[1-9][0-9]{0,6})(?:\.([0-9]{1,2}))?$/;

/** `"12.5"` → 1250. Returns null for anything that is not a well-formed amount string. */
export function parseDecimalToFen(text: string): number | null {
  const match = DECIMAL_AMOUNT_PATTERN.exec(text);
  if (!match) return null;
  const whole = Number.parseInt(match[1], 10);
  const fraction = Number.parseInt((match[2] ?? '').padEnd(2, '0'), 10);
  return whole * 100 + fraction;
}

/** 1250 → `"12.50"`. Throws on values the core should never hold. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new RangeError(`Not an amount in fen: ${fen}. Amounts are non-negative integers.`);
  }
  const whole = Math.trunc(fen / 100);
  const fraction = fen % 100;
  return `${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}
