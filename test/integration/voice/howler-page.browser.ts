// Bundled by howler-player-chromium.test.ts into an IIFE and run in real headless Chromium: the
// howler adapter, and the announcer on top of it, against the committed sprite.
import sprite from '../../../resources/voice/voice-sprite.json';
import type { ClipId } from '../../../src/shared/voice/clip-ids';
import { parseVoiceSprite } from '../../../src/shared/voice/voice-sprite';
import { createAnnouncer } from '../../../src/shared/voice/announcer';
import type { AnnouncerLogEntry } from '../../../src/shared/voice/announcer-types';
import { createSystemVoiceClock } from '../../../src/shared/voice/voice-ports';
import { createHowlerPlayer, type HowlerPlayerEvent } from '../../../src/renderer/src/voice/howler-player';
import type { SpriteSound, SpriteSoundListener } from '../../../src/renderer/src/voice/sprite-sound';

export interface PlayReport {
  events: HowlerPlayerEvent[];
  loadState: string;
  elapsedMs: number;
  error: { name: string; code: string } | null;
}

const voiceSprite = parseVoiceSprite(sprite);

/** Plays `clips`; with `stopAfterMs`, calls `stop()` that long after starting. */
export async function playSequence(src: string, clips: ClipId[], stopAfterMs?: number): Promise<PlayReport> {
  const events: HowlerPlayerEvent[] = [];
  const player = createHowlerPlayer({
    src,
    sprite: voiceSprite,
    onEvent: (e) => events.push(e),
    loadTimeoutMs: 5_000,
  });
  const started = performance.now();
  if (stopAfterMs !== undefined) setTimeout(() => player.stop(), stopAfterMs);
  let error: PlayReport['error'] = null;
  try {
    await player.play(clips);
  } catch (err) {
    const e = err as Error & { code: string };
    error = { name: e.name, code: e.code };
  }
  const report = { events, loadState: player.loadState(), elapsedMs: performance.now() - started, error };
  player.dispose();
  return report;
}

/** Announces a payment through the real announcer and waits until it has been spoken. */
export function announcePayment(src: string, amountFen: number): Promise<AnnouncerLogEntry[]> {
  const player = createHowlerPlayer({ src, sprite: voiceSprite });
  const announcer = createAnnouncer({ player, clock: createSystemVoiceClock() });
  return new Promise((resolve) => {
    const unsubscribe = announcer.subscribe(() => {
      const log = announcer.getLog();
      if (log.some((e) => e.outcome === 'played' || e.outcome === 'failed')) {
        unsubscribe();
        resolve([...log]);
        announcer.dispose();
        player.dispose();
      }
    });
    announcer.announce({ kind: 'payment-succeeded', eventId: 'pay-1', amountFen });
  });
}

/**
 * The player's failure paths, over a scripted stand-in for the Howl (real howler cannot be made
 * to hang or refuse on demand): `mode` says what the stand-in does when a clip is played.
 */
export async function playWithFakeSound(
  mode: 'hang' | 'playerror' | 'never-loads',
): Promise<{ error: { name: string; code: string } | null; calls: string[]; elapsedMs: number }> {
  const calls: string[] = [];
  const listeners = new Map<string, SpriteSoundListener>();
  const fake: SpriteSound = {
    state: () => (mode === 'never-loads' ? 'loading' : 'loaded'),
    play(clip) {
      calls.push(`play:${clip}`);
      // Howler reports a refused play asynchronously, after the caller has subscribed.
      if (mode === 'playerror') setTimeout(() => listeners.get('playerror')?.(7, 'NotAllowedError'), 5);
      return 7;
    },
    stop: () => calls.push('stop'),
    volume: (v) => calls.push(`volume:${v}`),
    once: (event, listener) => listeners.set(event, listener),
    off: (event) => listeners.delete(event),
    unload: () => calls.push('unload'),
  };
  const player = createHowlerPlayer({
    src: 'unused.ogg',
    sprite: voiceSprite,
    createSound: () => fake,
    clipTimeoutSlackMs: 100,
    loadTimeoutMs: 200,
  });
  player.setVolume(1.7);
  player.setVolume(-1);
  const started = performance.now();
  let error: { name: string; code: string } | null = null;
  try {
    await player.play(['digit-1', 'yuan']);
  } catch (err) {
    const e = err as Error & { code: string };
    error = { name: e.name, code: e.code };
  }
  player.dispose();
  return { error, calls, elapsedMs: performance.now() - started };
}
