import type { ClipId } from './clip-ids';

/**
 * The audio device as the announcer sees it. The renderer implements it with howler
 * (`src/renderer/src/voice/howler-player.ts`); tests use a recording fake.
 */
export interface VoicePlayer {
  /**
   * Plays the clips back to back. Resolves when the last one ends or when {@link stop} cuts the
   * sequence short; rejects when the audio cannot be played at all.
   */
  play(clips: readonly ClipId[]): Promise<void>;
  /** Stops the sequence now; the pending `play` promise resolves. */
  stop(): void;
  /** 0 (silent) to 1 (full). */
  setVolume(volume: number): void;
}

/**
 * Time for the announcer. Structurally the core's `Clock`, repeated here because shared code may
 * not import from `src/main`; the handle type is whatever the clock hands out.
 */
export interface VoiceClock<Handle = unknown> {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): Handle;
  clearTimeout(handle: Handle): void;
}

/** The real clock, for the renderer: the browser's timers and `Date.now()`. */
export function createSystemVoiceClock(): VoiceClock<ReturnType<typeof globalThis.setTimeout>> {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle),
  };
}
