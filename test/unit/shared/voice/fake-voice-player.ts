import type { ClipId } from '../../../../src/shared/voice/clip-ids';
import type { VoicePlayer } from '../../../../src/shared/voice/voice-ports';

export type PlayerCall =
  { call: 'play'; clips: readonly ClipId[] } | { call: 'stop' } | { call: 'setVolume'; volume: number };

/**
 * A recording stand-in for the audio device: `play` stays pending until the test says the audio
 * ended (`endPlayback`) or broke (`failPlayback`), the way howler's `end` or `playerror` would.
 */
export interface FakeVoicePlayer extends VoicePlayer {
  readonly calls: PlayerCall[];
  /** The clips of each `play`, in order. */
  readonly played: (readonly ClipId[])[];
  /** The sequence currently playing, or null. */
  readonly playing: readonly ClipId[] | null;
  endPlayback(): Promise<void>;
  failPlayback(message: string): Promise<void>;
}

/** Lets the announcer's `.then` callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createFakeVoicePlayer(): FakeVoicePlayer {
  const calls: PlayerCall[] = [];
  let pending: { clips: readonly ClipId[]; resolve: () => void; reject: (err: Error) => void } | null = null;
  return {
    calls,
    get played() {
      return calls.flatMap((c) => (c.call === 'play' ? [c.clips] : []));
    },
    get playing() {
      return pending?.clips ?? null;
    },
    play(clips) {
      calls.push({ call: 'play', clips: [...clips] });
      if (pending)
        throw new Error('play() while a sequence is still playing: the announcer overlapped audio');
      return new Promise<void>((resolve, reject) => {
        pending = { clips, resolve, reject };
      });
    },
    stop() {
      calls.push({ call: 'stop' });
      pending?.resolve();
      pending = null;
    },
    setVolume(volume) {
      calls.push({ call: 'setVolume', volume });
    },
    async endPlayback() {
      if (!pending) throw new Error('endPlayback() with nothing playing');
      const { resolve } = pending;
      pending = null;
      resolve();
      await settle();
    },
    async failPlayback(message) {
      if (!pending) throw new Error('failPlayback() with nothing playing');
      const { reject } = pending;
      pending = null;
      reject(new Error(message));
      await settle();
    },
  };
}
