import { CLIP_IDS, type VoiceSprite } from './clip-ids';

export class VoiceSpriteError extends Error {
  readonly code = 'VOICE_SPRITE_INVALID';
  constructor(detail: string) {
    super(`The voice sprite map is invalid: ${detail}. Regenerate it with npm run voice:build.`);
    this.name = 'VoiceSpriteError';
  }
}

/**
 * Checks a loaded `voice-sprite.json` and returns it typed. JSON imports type every entry as
 * `number[]`, and a stale file from an older build could miss a clip; both are caught here
 * rather than as a silent gap in an announcement.
 */
export function parseVoiceSprite(json: unknown): VoiceSprite {
  if (typeof json !== 'object' || json === null) throw new VoiceSpriteError('not an object');
  const entries = json as Record<string, unknown>;
  const sprite: Partial<Record<string, readonly [number, number]>> = {};
  for (const clip of CLIP_IDS) {
    const entry = entries[clip];
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      !entry.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) ||
      entry[1] === 0
    ) {
      throw new VoiceSpriteError(`clip "${clip}" needs [startMs, durationMs], got ${JSON.stringify(entry)}`);
    }
    sprite[clip] = [entry[0], entry[1]];
  }
  return sprite as VoiceSprite;
}
