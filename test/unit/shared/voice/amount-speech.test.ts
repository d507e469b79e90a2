import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_FEN } from '../../../../src/shared/domain/money';
import {
  AmountSpeechError,
  speakAmount,
  speakWholeNumber,
  speakYuanNumber,
} from '../../../../src/shared/voice/amount-speech';
import { clipsToText } from '../../../../src/shared/voice/clip-ids';
import type { ClipId } from '../../../../src/shared/voice/clip-ids';

// The reference below is written differently on purpose: it spells every place out in full
// ("一千零百零十五") and then repairs the string with regular expressions, where the code under
// test walks the digits with a zero flag. Agreement over a million amounts means the rules, not
// one implementation's quirks, are what the tests pin down.

// The clips' own texts (clip-ids.ts, tested there): the number words are one character each.
const text = clipsToText;

const NUMERALS = '零一二三四五六七八九';

function referenceGroup(fourDigits: string): string {
  const units = ['千', '百', '十', ''];
  let spelled = '';
  for (let i = 0; i < 4; i += 1) {
    const ch = fourDigits[i];
    spelled += ch === '0' ? '零' : NUMERALS[Number(ch)] + units[i];
  }
  return spelled.replace(/零+/g, '零').replace(/零$/, '');
}

function referenceWhole(n: number): string {
  if (n === 0) return '零';
  const padded = String(n).padStart(8, '0');
  const upper = referenceGroup(padded.slice(0, 4));
  const lower = referenceGroup(padded.slice(4));
  let spoken = upper === '' ? lower : `${upper}万${lower}`;
  spoken = spoken.replace(/^零/, '');
  spoken = spoken.replace(/^一十/, '十');
  spoken = spoken.replace(/^二(?=[百千万])/, '两');
  return spoken;
}

function referenceAmount(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100)
    .padStart(2, '0')
    .replace(/0$/, '');
  const fraction =
    cents === '' || cents === '0' ? '' : `点${cents.replace(/\d/g, (d) => NUMERALS[Number(d)])}`;
  return `支付宝到账${referenceWhole(yuan)}${fraction}元`;
}

describe('speakAmount fixed vectors', () => {
  it.each([
    [1000, '十'],
    [1200, '十二'],
    [2000, '二十'],
    [10500, '一百零五'],
    [100050, '一千点五'],
    [100500, '一千零五'],
    [1001000, '一万零一十'],
    [2000000, '两万'],
    [20000, '两百'],
    [200000, '两千'],
    [22200, '两百二十二'],
    [120000, '一千二百'],
    [200, '二'],
    [20, '零点二'],
    [1, '零点零一'],
    [50, '零点五'],
    [1250, '十二点五'],
    [1205, '十二点零五'],
    [11000, '一百一十'],
    [1000000, '一万'],
    [10000000, '十万'],
    [11000000, '十一万'],
    [10010000, '十万零一百'],
    [10100000, '十万一千'],
    [10000100, '十万零一'],
    [20000000, '二十万'],
    [22000000, '二十二万'],
    [2200000, '两万二千'],
    [100000000, '一百万'],
    [200000000, '两百万'],
    [100100000, '一百万一千'],
    [100100, '一千零一'],
    [300500000, '三百万五千'],
    [999999999, '九百九十九万九千九百九十九点九九'],
  ])('%i fen → %s', (fen, expected) => {
    expect(text(speakAmount(fen))).toBe(`支付宝到账${expected}元`);
  });

  it('groups by 万 for eight-digit whole numbers', () => {
    expect(text(speakWholeNumber(12345678))).toBe('一千二百三十四万五千六百七十八');
    expect(text(speakWholeNumber(10010000))).toBe('一千零一万');
    expect(text(speakWholeNumber(20000000))).toBe('两千万');
    expect(text(speakWholeNumber(0))).toBe('零');
  });

  it('reads the number without the frame', () => {
    expect(speakYuanNumber(1250)).toEqual(['unit-10', 'digit-2', 'point', 'digit-5']);
    expect(speakYuanNumber(0)).toEqual(['digit-0']);
  });

  it.each([0, -1, 1.5, Number.NaN, MAX_AMOUNT_FEN + 1, Number.POSITIVE_INFINITY])(
    'rejects %s fen with a named error',
    (fen) => {
      expect(() => speakAmount(fen)).toThrow(AmountSpeechError);
      try {
        speakAmount(fen);
      } catch (err) {
        expect((err as AmountSpeechError).code).toBe('VOICE_AMOUNT_OUT_OF_RANGE');
      }
    },
  );

  it('rejects whole numbers past two 万 groups', () => {
    expect(() => speakWholeNumber(100_000_000)).toThrow(AmountSpeechError);
  });
});

describe('speakAmount against the reference', () => {
  it('agrees on every amount from 0.01 to 10000.00', () => {
    const mismatches: string[] = [];
    for (let fen = 1; fen <= 1_000_000; fen += 1) {
      const got = text(speakAmount(fen));
      const want = referenceAmount(fen);
      if (got !== want && mismatches.length < 20) mismatches.push(`${fen}: ${got} ≠ ${want}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees on structured and random amounts up to 9,999,999.99', () => {
    const samples: number[] = [MAX_AMOUNT_FEN];
    // Every amount made of one or two non-zero digits at any places: the zero-run cases.
    for (let a = 0; a < 9; a += 1) {
      for (let b = a; b < 9; b += 1) {
        for (const da of [1, 2, 5, 9])
          for (const db of [0, 1, 2, 7]) samples.push(da * 10 ** b + db * 10 ** a);
      }
    }
    // A fixed-seed LCG so a failure reproduces.
    let seed = 0x5eed;
    for (let i = 0; i < 200_000; i += 1) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      samples.push(1 + (seed % MAX_AMOUNT_FEN));
    }
    const mismatches = samples
      .filter((fen) => fen >= 1 && fen <= MAX_AMOUNT_FEN)
      .filter((fen) => text(speakAmount(fen)) !== referenceAmount(fen))
      .slice(0, 20)
      .map((fen) => `${fen}: ${text(speakAmount(fen))} ≠ ${referenceAmount(fen)}`);
    expect(mismatches).toEqual([]);
  });
});

describe('speakAmount properties', () => {
  const amounts: number[] = [];
  for (let fen = 1; fen <= 1_000_000; fen += 7) amounts.push(fen);
  for (let fen = 1_000_000; fen <= MAX_AMOUNT_FEN; fen += 99_991) amounts.push(fen);

  it('frames every amount with 支付宝到账 … 元 and uses only number clips inside', () => {
    const numberClips = new Set<ClipId>([
      'digit-0',
      'digit-1',
      'digit-2',
      'digit-3',
      'digit-4',
      'digit-5',
      'digit-6',
      'digit-7',
      'digit-8',
      'digit-9',
      'unit-10',
      'unit-100',
      'unit-1000',
      'unit-10000',
      'liang',
      'point',
    ]);
    const bad = amounts.filter((fen) => {
      const clips = speakAmount(fen);
      return (
        clips[0] !== 'alipay-received' ||
        clips.at(-1) !== 'yuan' ||
        !clips.slice(1, -1).every((c) => numberClips.has(c))
      );
    });
    expect(bad).toEqual([]);
  });

  it('never says 零 twice in a row, before 元, before a unit, or at the start of a non-zero whole', () => {
    const bad = amounts.filter((fen) => {
      const spoken = text(speakAmount(fen));
      return /零零|零元|零[十百千万]|到账零[一二两三四五六七八九十]/.test(spoken) || /零点?$/.test(spoken);
    });
    expect(bad).toEqual([]);
  });

  it('has at most one 点, at most one 万 and at most two fraction digits', () => {
    const bad = amounts.filter((fen) => {
      const spoken = text(speakAmount(fen));
      const fraction = spoken.split('点')[1] ?? '';
      return (
        (spoken.match(/点/g) ?? []).length > 1 ||
        (spoken.match(/万/g) ?? []).length > 1 ||
        fraction.length > 3
      );
    });
    expect(bad).toEqual([]);
  });

  it('says 点 exactly when the amount has a fraction, and 两 only first', () => {
    const bad = amounts.filter((fen) => {
      const spoken = text(speakAmount(fen));
      return spoken.includes('点') !== (fen % 100 !== 0) || spoken.slice(6).includes('两');
    });
    expect(bad).toEqual([]);
  });
});
