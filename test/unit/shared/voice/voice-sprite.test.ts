import { describe, expect, it } from 'vitest';
import spriteJson from '../../../../resources/voice/voice-sprite.json';
import { CLIP_IDS } from '../../../../src/shared/voice/clip-ids';
import { VoiceSpriteError, parseVoiceSprite } from '../../../../src/shared/voice/voice-sprite';

describe('parseVoiceSprite', () => {
  it('accepts the committed sprite map', () => {
    const sprite = parseVoiceSprite(spriteJson);
    expect(Object.keys(sprite)).toEqual([...CLIP_IDS]);
  });

  it.each([
    ['not an object', null],
    ['a missing clip', { ...spriteJson, yuan: undefined }],
    ['a one-number entry', { ...spriteJson, point: [100] }],
    ['a zero duration', { ...spriteJson, point: [100, 0] }],
    ['a negative start', { ...spriteJson, point: [-1, 10] }],
    ['a string', { ...spriteJson, point: ['100', 10] }],
  ])('rejects %s with a named error', (_label, json) => {
    expect(() => parseVoiceSprite(json)).toThrow(VoiceSpriteError);
    expect(() => parseVoiceSprite(json)).toThrow(/npm run voice:build/);
  });
});
