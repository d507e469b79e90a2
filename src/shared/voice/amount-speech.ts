import { MAX_AMOUNT_FEN } from '../domain/money';
import { DIGIT_CLIPS, type ClipId } from './clip-ids';

/**
 * Cloud-speaker amount reading ("支付宝到账 十二 点 五 元") built from single-syllable clips.
 *
 * Rules, in the order a listener notices them:
 * - Grouping by 万: 1234,5678 → 一千二百三十四万五千六百七十八.
 * - A run of zeros inside the number is read as one 零, and never at the end of a 万 group
 *   (1005 → 一千零五, 10010 → 一万零一十, 100000 → 十万, 101000 → 十万一千).
 * - A number starting at the tens place drops the 一: 10 → 十, 12 → 十二, 100000 → 十万; but
 *   inside a number the 一 stays: 110 → 一百一十, 10010 → 一万零一十.
 * - 两: only the first spoken digit, and only when it is a 2 followed by 百, 千 or 万
 *   (200 → 两百, 2000 → 两千, 20000 → 两万, 2000000 → 两百万, 222 → 两百二十二). Everywhere
 *   else 2 is 二: 2 → 二, 20 → 二十, 1200 → 一千二百, 0.2 → 零点二. That is what cloud
 *   speakers say, and it keeps a 2 in the middle of a long amount unambiguous.
 * - The fraction is read digit by digit after 点, with its trailing zero dropped (12.50 →
 *   十二点五, 0.01 → 零点零一); a whole amount has no 点 at all.
 */

export class AmountSpeechError extends Error {
  readonly code = 'VOICE_AMOUNT_OUT_OF_RANGE';
  constructor(
    readonly value: number,
    expected = `integer fen from 1 to ${MAX_AMOUNT_FEN}`,
  ) {
    super(`Cannot speak ${value}: expected ${expected}; announce without the number instead.`);
    this.name = 'AmountSpeechError';
  }
}

/** The unit spoken after a digit at each place within a 万 group (个, 十, 百, 千). */
const PLACE_UNITS: readonly (ClipId | null)[] = [null, 'unit-10', 'unit-100', 'unit-1000'];

/** The whole clip sequence for a received payment: 支付宝到账 + the amount + 元. */
export function speakAmount(fen: number): ClipId[] {
  if (!Number.isSafeInteger(fen) || fen < 1 || fen > MAX_AMOUNT_FEN) throw new AmountSpeechError(fen);
  return ['alipay-received', ...speakYuanNumber(fen), 'yuan'];
}

/** The number part only (no 支付宝到账, no 元), e.g. 1250 → 十二 点 五. */
export function speakYuanNumber(fen: number): ClipId[] {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_AMOUNT_FEN) {
    throw new AmountSpeechError(fen, `integer fen from 0 to ${MAX_AMOUNT_FEN}`);
  }
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  const clips = speakWholeNumber(whole);
  if (jiao !== 0 || cent !== 0) {
    clips.push('point', DIGIT_CLIPS[jiao]);
    if (cent !== 0) clips.push(DIGIT_CLIPS[cent]);
  }
  return clips;
}

/** The largest whole number {@link speakWholeNumber} reads: two full 万 groups. */
export const MAX_WHOLE_NUMBER = 99_999_999;

/**
 * A whole number, 0 ≤ n ≤ 99,999,999, read place by place from the highest (12345678 →
 * 一千二百三十四万五千六百七十八). Amounts stop at 9,999,999 yuan; the wider range is for counts.
 */
export function speakWholeNumber(n: number): ClipId[] {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_WHOLE_NUMBER) {
    throw new AmountSpeechError(n, `a whole number from 0 to ${MAX_WHOLE_NUMBER}`);
  }
  if (n === 0) return ['digit-0'];
  const digits = String(n).split('').map(Number);
  const clips: ClipId[] = [];
  let started = false;
  // A zero is only spoken once a later non-zero digit shows it was "inside" the number.
  let zeroPending = false;
  for (let i = 0; i < digits.length; i += 1) {
    const place = digits.length - 1 - i; // 0 = 个, 4 = 万, 7 = 千万
    const d = digits[i];
    if (d !== 0) {
      if (zeroPending) clips.push('digit-0');
      zeroPending = false;
      clips.push(...speakDigit(d, place, !started));
      started = true;
    } else if (started) {
      zeroPending = true;
    }
    if (place === 4 && started) {
      // 万 closes the upper group; a zero at its 个 place is covered by the 万 itself, which is
      // why 101000 is 十万一千 and not 十万零一千.
      clips.push('unit-10000');
      zeroPending = false;
    }
  }
  return clips;
}

function speakDigit(d: number, place: number, first: boolean): ClipId[] {
  const inGroup = place % 4;
  const unit = PLACE_UNITS[inGroup];
  if (first && d === 1 && inGroup === 1) return ['unit-10'];
  // Followed by 百 or 千, or by the 万 that closes the upper group.
  const beforeBigUnit = inGroup >= 2 || place === 4;
  const digit: ClipId = first && d === 2 && beforeBigUnit ? 'liang' : DIGIT_CLIPS[d];
  return unit ? [digit, unit] : [digit];
}
