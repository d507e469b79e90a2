import { describe, expect, it } from 'vitest';
import { formatFen, MAX_AMOUNT_FEN, parseDecimalToFen } from '../../../../src/shared/domain/money';

describe('money at the edges', () => {
  it('parses decimal strings to fen with integer math', () => {
    expect(parseDecimalToFen('12.50')).toBe(1250);
    expect(parseDecimalToFen('12.5')).toBe(1250);
    expect(parseDecimalToFen('0.01')).toBe(1);
    expect(parseDecimalToFen('0.1')).toBe(10);
    expect(parseDecimalToFen('7')).toBe(700);
    expect(parseDecimalToFen('0')).toBe(0);
    // 0.1 + 0.2 style float traps: 1.15 * 100 is 114.99999999999999 in floats.
    expect(parseDecimalToFen('1.15')).toBe(115);
    expect(parseDecimalToFen('9999999.99')).toBe(MAX_AMOUNT_FEN);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '+1',
    '-1',
    '1.',
    '.5',
    '1.234',
    '1e2',
    '0x10',
    '01',
    '00.5',
    '10000000',
    '10000000.00',
    'NaN',
    'Infinity',
    '１２',
    '1,5',
    '1.5\u200f',
    '٣',
  ])('rejects %j', (text) => {
    expect(parseDecimalToFen(text)).toBeNull();
  });

  it('formats fen as two-decimal strings', () => {
    expect(formatFen(1250)).toBe('12.50');
    expect(formatFen(1)).toBe('0.01');
    expect(formatFen(10)).toBe('0.10');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(MAX_AMOUNT_FEN)).toBe('9999999.99');
    expect(() => formatFen(-1)).toThrow(RangeError);
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });

  it('round-trips every fen value in a sample', () => {
    for (let fen = 0; fen < 100_000; fen += 7) expect(parseDecimalToFen(formatFen(fen))).toBe(fen);
  });
});
