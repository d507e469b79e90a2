import { describe, expect, it } from 'vitest';
import sprite from '../../../../resources/voice/voice-sprite.json';
import {
  CLIP_IDS,
  CLIP_TEXT,
  DIGIT_CLIPS,
  clipsToText,
  isClipId,
} from '../../../../src/shared/voice/clip-ids';

describe('clip ids and the committed sprite', () => {
  it('has exactly one sprite entry per clip id', () => {
    expect(Object.keys(sprite).sort()).toEqual([...CLIP_IDS].sort());
  });

  it('lays the clips out in order, without overlaps, each a plausible length', () => {
    const entries = CLIP_IDS.map((id) => [id, sprite[id]] as const);
    let previousEnd = 0;
    for (const [id, [start, duration]] of entries) {
      expect(start, id).toBeGreaterThan(previousEnd);
      expect(duration, id).toBeGreaterThanOrEqual(120);
      expect(duration, id).toBeLessThanOrEqual(5000);
      previousEnd = start + duration;
    }
  });

  it('names the digit clips in digit order and gives every clip a text', () => {
    expect(DIGIT_CLIPS.map((c) => CLIP_TEXT[c]).join('')).toBe('零一二三四五六七八九');
    expect(CLIP_IDS.every((id) => CLIP_TEXT[id].length > 0)).toBe(true);
    expect(clipsToText(['alipay-received', 'unit-10', 'digit-2', 'yuan'])).toBe('支付宝到账十二元');
    expect(isClipId('yuan')).toBe(true);
    expect(isClipId('toString')).toBe(false);
  });
});
