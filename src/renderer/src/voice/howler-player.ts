import type { ClipId, VoiceSprite } from '../../../shared/voice/clip-ids';
import { createSystemVoiceClock, type VoiceClock, type VoicePlayer } from '../../../shared/voice/voice-ports';
import {
  createHowlSound,
  type SpriteSound,
  type SpriteSoundListener,
  type SpriteSoundOptions,
} from './sprite-sound';

export class VoicePlayerError extends Error {
  constructor(
    readonly code: 'VOICE_LOAD_FAILED' | 'VOICE_LOAD_TIMEOUT' | 'VOICE_PLAY_FAILED' | 'VOICE_CLIP_TIMEOUT',
    message: string,
  ) {
    super(message);
    this.name = 'VoicePlayerError';
  }
}

/** What the player reports as it goes, for the e2e tests and the debug log. */
export type HowlerPlayerEvent =
  | { type: 'load' }
  | { type: 'play'; clip: ClipId; soundId: number }
  | { type: 'end'; clip: ClipId; soundId: number }
  | { type: 'stop' }
  | { type: 'error'; code: VoicePlayerError['code']; message: string };

export interface HowlerPlayerOptions {
  /** Audio URL(s) of the sprite, in order of preference. */
  src: string | string[];
  /** The committed `resources/voice/voice-sprite.json`. */
  sprite: VoiceSprite;
  /**
   * Initial volume, 0 to 1; the announcer sets its own right away.
   * @default 1
   */
  volume?: number;
  /** Passed to howler for URLs without an extension. */
  format?: string[];
  /**
   * Longest wait for the sprite to load before a `play` fails, so a missing file cannot hold the
   * announcement queue forever.
   * @default 10_000
   */
  loadTimeoutMs?: number;
  /**
   * Extra time over a clip's own length before it counts as stuck. Guards against an audio
   * context that never starts (autoplay blocked), which would otherwise never fire `end`.
   * @default 3_000
   */
  clipTimeoutSlackMs?: number;
  /** Timers for the two watchdogs. @default the browser's timers */
  clock?: VoiceClock;
  /** Observes loads, clip starts and ends, stops and errors. */
  onEvent?: (event: HowlerPlayerEvent) => void;
  /** Makes the sound; tests pass a fake. @default a howler `Howl` */
  createSound?: (options: SpriteSoundOptions) => SpriteSound;
}

export interface HowlerPlayer extends VoicePlayer {
  /** Howler's load state of the sprite. */
  loadState(): 'unloaded' | 'loading' | 'loaded';
  /** Stops playback and frees the decoded audio. */
  dispose(): void;
}

/** One `play` call; `cancel` ends its current clip wait as if the clip had ended. */
interface Run {
  cancel: () => void;
}

/**
 * The announcer's {@link VoicePlayer} over one howler sprite: clips of a sequence play back to
 * back, each started when the previous one's `end` fires.
 */
export function createHowlerPlayer(options: HowlerPlayerOptions): HowlerPlayer {
  const clock: VoiceClock = options.clock ?? createSystemVoiceClock();
  const emit = options.onEvent ?? (() => {});
  const loadTimeoutMs = options.loadTimeoutMs ?? 10_000;
  const slackMs = options.clipTimeoutSlackMs ?? 3_000;
  const sound = (options.createSound ?? createHowlSound)({
    src: options.src,
    sprite: options.sprite,
    volume: options.volume ?? 1,
    ...(options.format ? { format: options.format } : {}),
  });
  let loadError: string | null = null;
  let active: Run | null = null;

  let loadReported = false;
  // Howler calls the newest listener first, so whichever of the two load listeners runs first
  // reports the load; the flag keeps it to one event, before any clip's `play`.
  const reportLoad = () => {
    if (loadReported) return;
    loadReported = true;
    emit({ type: 'load' });
  };
  // Listen from the start: a load that finishes before the first play must not be missed.
  sound.once('load', reportLoad);
  sound.once('loaderror', (_id, error) => {
    loadError = String(error);
  });

  function fail(code: VoicePlayerError['code'], message: string): VoicePlayerError {
    emit({ type: 'error', code, message });
    return new VoicePlayerError(code, message);
  }

  function whenLoaded(): Promise<void> {
    const failure = () =>
      fail(
        'VOICE_LOAD_FAILED',
        `Voice sprite failed to load (${loadError}); check that resources/voice/voice.ogg is served.`,
      );
    if (loadError !== null) return Promise.reject(failure());
    if (sound.state() === 'loaded') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clock.clearTimeout(timer);
        sound.off('load', onLoad);
        sound.off('loaderror', onError);
      };
      const onLoad: SpriteSoundListener = () => {
        done();
        reportLoad();
        resolve();
      };
      const onError: SpriteSoundListener = (_id, error) => {
        loadError = String(error);
        done();
        reject(failure());
      };
      const timer = clock.setTimeout(() => {
        done();
        reject(
          fail(
            'VOICE_LOAD_TIMEOUT',
            `Voice sprite did not load within ${loadTimeoutMs} ms; check the audio URL.`,
          ),
        );
      }, loadTimeoutMs);
      sound.once('load', onLoad);
      sound.once('loaderror', onError);
    });
  }

  function playClip(clip: ClipId, run: Run): Promise<void> {
    return new Promise((resolve, reject) => {
      const soundId = sound.play(clip);
      emit({ type: 'play', clip, soundId });
      const done = () => {
        clock.clearTimeout(timer);
        sound.off('end', onEnd, soundId);
        sound.off('playerror', onError, soundId);
        run.cancel = () => {};
      };
      const onEnd: SpriteSoundListener = () => {
        done();
        emit({ type: 'end', clip, soundId });
        resolve();
      };
      const onError: SpriteSoundListener = (_id, error) => {
        done();
        reject(fail('VOICE_PLAY_FAILED', `Clip ${clip} could not play (${String(error)}).`));
      };
      const limit = options.sprite[clip][1] + slackMs;
      const timer = clock.setTimeout(() => {
        done();
        sound.stop();
        reject(
          fail('VOICE_CLIP_TIMEOUT', `Clip ${clip} did not finish within ${limit} ms; is audio blocked?`),
        );
      }, limit);
      run.cancel = () => {
        done();
        resolve();
      };
      sound.once('end', onEnd, soundId);
      sound.once('playerror', onError, soundId);
    });
  }

  function stop(): void {
    const run = active;
    active = null;
    if (!run) return;
    run.cancel();
    sound.stop();
    emit({ type: 'stop' });
  }

  async function play(clips: readonly ClipId[]): Promise<void> {
    // The announcer never overlaps sequences; if a caller does, the newer one wins.
    stop();
    const run: Run = { cancel: () => {} };
    active = run;
    try {
      await whenLoaded();
      for (const clip of clips) {
        if (active !== run) return;
        await playClip(clip, run);
      }
    } finally {
      if (active === run) active = null;
    }
  }

  return {
    play,
    stop,
    setVolume: (volume) => sound.volume(Math.min(1, Math.max(0, volume))),
    loadState: () => sound.state(),
    dispose() {
      stop();
      sound.unload();
    },
  };
}
