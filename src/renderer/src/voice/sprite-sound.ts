import { Howl } from 'howler';
import type { ClipId, VoiceSprite } from '../../../shared/voice/clip-ids';

export type SpriteSoundEvent = 'load' | 'loaderror' | 'end' | 'playerror';

/** Howler passes the sound id, and for the error events the error (a code or message). */
export type SpriteSoundListener = (soundId: number, error?: unknown) => void;

/**
 * The few Howl methods the player uses. A port, so howler's types stay in this folder and the
 * player's sequencing can be tested without an audio stack; a `Howl` satisfies it as is.
 */
export interface SpriteSound {
  state(): 'unloaded' | 'loading' | 'loaded';
  /** Starts one sprite clip; returns its sound id. */
  play(clip: ClipId): number;
  /** Stops every clip of this sound. */
  stop(): void;
  volume(volume: number): void;
  once(event: SpriteSoundEvent, listener: SpriteSoundListener, soundId?: number): void;
  off(event: SpriteSoundEvent, listener: SpriteSoundListener, soundId?: number): void;
  unload(): void;
}

export interface SpriteSoundOptions {
  /** Audio URL(s) in order of preference, e.g. the bundler's URL for `resources/voice/voice.ogg`. */
  src: string | string[];
  sprite: VoiceSprite;
  volume: number;
  /**
   * Formats of `src`, for URLs without a file extension (blob: or data: URLs).
   * @default taken from the URL's extension
   */
  format?: string[];
}

/**
 * The real sound. Web Audio (not `html5`), because sprites need sample-accurate offsets and the
 * file is small enough to decode whole; the toolchain notes `html5` reports MP3 durations as
 * Infinity at load.
 */
export function createHowlSound(options: SpriteSoundOptions): SpriteSound {
  const sprite: Record<string, [number, number]> = {};
  for (const [clip, [start, duration]] of Object.entries(options.sprite)) sprite[clip] = [start, duration];
  const howl: SpriteSound = new Howl({
    src: Array.isArray(options.src) ? options.src : [options.src],
    sprite,
    volume: options.volume,
    preload: true,
    html5: false,
    ...(options.format ? { format: options.format } : {}),
  });
  return howl;
}
