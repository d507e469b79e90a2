/** Integer fen to the decimal yuan string used at the edges: 1250 → "12.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The largest amount a payment may carry: 9,999,999.99 yuan (issue 4 §4). */
export const MAX_PAYMENT_FEN = 999_999_999;
