/**
 * Column widths on a receipt printer. In GB18030 mode a thermal printer draws every CJK
 * character (and every other character that takes two bytes, such as full-width punctuation)
 * on two columns, the way East Asian Width calls them Wide or Fullwidth.
 */

/** Ranges (inclusive) of code points printed on two columns. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, bopomofo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // full-width forms
  [0xffe0, 0xffe6], // full-width signs (￥)
  [0x20000, 0x3fffd], // CJK extensions B and later
];

/** 2 for a character a printer draws on two columns, else 1. */
export function charWidth(ch: string): 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0;
  for (const [from, to] of WIDE) if (cp >= from && cp <= to) return 2;
  return 1;
}

/** The columns `text` takes on paper. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** `text` cut into pieces of at most `columns` columns, never splitting a character. */
export function wrapToWidth(text: string, columns: number): string[] {
  const out: string[] = [];
  let line = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > columns && line !== '') {
      out.push(line);
      line = '';
      w = 0;
    }
    line += ch;
    w += cw;
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}

/** `text` padded with spaces on the right (or left, for `end`) to exactly `columns` columns. */
export function padToWidth(text: string, columns: number, side: 'start' | 'end' = 'start'): string {
  const gap = Math.max(0, columns - textWidth(text));
  return side === 'start' ? text + ' '.repeat(gap) : ' '.repeat(gap) + text;
}

/** `text` centred in `columns` columns (the extra space, if any, on the right). */
export function centreInWidth(text: string, columns: number): string {
  const gap = Math.max(0, columns - textWidth(text));
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + text + ' '.repeat(gap - left);
}
