import spriteJson from '../../../../resources/voice/voice-sprite.json';
import type { VoiceSprite } from '../../../shared/voice/clip-ids';
import { parseVoiceSprite } from '../../../shared/voice/voice-sprite';

export interface VoiceAssets {
  /** URL of the sprite audio, as the bundler emitted it. */
  src: string;
  sprite: VoiceSprite;
}

/**
 * The committed sprite, ready for `createHowlerPlayer`. `new URL(literal, import.meta.url)` is
 * the form Vite recognises: it copies `voice.ogg` into the build with a hashed name, for both the
 * Electron window and the `npm run serve` browser, with no extra type declarations.
 */
export function loadVoiceAssets(): VoiceAssets {
  return {
    src: new URL('../../../../resources/voice/voice.ogg', import.meta.url).href,
    sprite: parseVoiceSprite(spriteJson),
  };
}
