import { createManualClock, type ManualClock } from '../../../../src/main/core/util/clock';
import type { AnnouncerSettings } from '../../../../src/shared/voice/announcer-settings';
import { createAnnouncer } from '../../../../src/shared/voice/announcer';
import type { Announcer, AnnouncerLogEntry } from '../../../../src/shared/voice/announcer-types';
import { createFakeVoicePlayer, type FakeVoicePlayer } from './fake-voice-player';

// 2026-01-05 12:00 UTC; the announcer reads the time of day through an injected UTC function, so
// these tests do not depend on the machine's time zone.
export const NOON = Date.UTC(2026, 0, 5, 12, 0);
export const MINUTE = 60_000;
const utcMinuteOfDay = (ms: number): number => Math.floor(ms / MINUTE) % (24 * 60);

export interface AnnouncerHarness {
  clock: ManualClock;
  player: FakeVoicePlayer;
  announcer: Announcer;
}

export function createAnnouncerHarness(
  settings: Partial<AnnouncerSettings> = {},
  start = NOON,
  extra: { logCapacity?: number; dedupeCapacity?: number } = {},
): AnnouncerHarness {
  const clock = createManualClock(start);
  const player = createFakeVoicePlayer();
  const announcer = createAnnouncer({ player, clock, settings, minuteOfDay: utcMinuteOfDay, ...extra });
  return { clock, player, announcer };
}

export const newOrder = (orderId: string, eventId = `e-${orderId}`) => ({
  kind: 'new-order' as const,
  eventId,
  orderId,
});

/** The log as short strings: `outcome:kind/order#repeat(reason)`. */
export const outcomes = (log: readonly AnnouncerLogEntry[]): string[] =>
  log.map(
    (e) =>
      `${e.outcome}:${e.kind}${e.orderId ? `/${e.orderId}` : ''}${e.repeat ? `#${e.repeat}` : ''}${e.reason ? `(${e.reason})` : ''}`,
  );
