// Bundled by howler-player-chromium.test.ts into an IIFE and run in real headless Chromium: the
// howler adapter, and the announcer on top of it, against the committed sprite.
import sprite from '../../../resources/voice/voice-sprite.json';
import type { ClipId } from '../../../src/shared/voice/clip-ids';
import { parseVoiceSprite } from '../../../src/shared/voice/voice-sprite';
import { createAnnouncer } from '../../../src/shared/voice/announcer';
import type { AnnouncerLogEntry } from '../../../src/shared/voice/announcer-types';
import { createSystemVoiceClock } from '../../../src/shared/voice/voice-ports';
import { createHowlerPlayer, type HowlerPlayerEvent } from '../../../src/renderer/src/voice/howler-player';

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
