import type { AnnounceEvent, AnnounceKind } from './announcement';
import type { ClipId } from './clip-ids';
import type { AnnouncerSettings } from './announcer-settings';
import type { VoiceClock, VoicePlayer } from './voice-ports';

/**
 * Why an announcement was not (fully) spoken: `duplicate` event id; `already-announcing` the
 * order under another event id; `quiet-hours`; `muted`; `accepted` (the order left `new`);
 * `player-error` (the audio failed); `disposed` (the announcer was shut down).
 */
export type SkipReason =
  'duplicate' | 'already-announcing' | 'quiet-hours' | 'muted' | 'accepted' | 'player-error' | 'disposed';

export interface AnnouncerLogEntry {
  /** Clock time of the entry. */
  at: number;
  /**
   * `started`: the player was handed the clips. `played`: it finished. `stopped`: cut short.
   * `skipped`: taken off the queue without playing. `dropped`: refused when announced.
   * `failed`: the player rejected.
   */
  outcome: 'started' | 'played' | 'stopped' | 'skipped' | 'dropped' | 'failed';
  kind: AnnounceKind;
  eventId: string;
  orderId?: string;
  /** 0 for the first announcement of a new order, then 1, 2, … for each repeat. */
  repeat: number;
  clips: readonly ClipId[];
  /** The clips as Chinese text, e.g. 支付宝到账十二点五元. */
  text: string;
  reason?: SkipReason;
  /** The player's error message, for `failed`. */
  error?: string;
}

/** What is being said right now, for the "now speaking" indicator. */
export interface SpeakingNow {
  kind: AnnounceKind;
  eventId: string;
  orderId?: string;
  repeat: number;
  clips: readonly ClipId[];
  text: string;
  startedAt: number;
}

/** A snapshot; a new object on every change, so `useSyncExternalStore` can compare by identity. */
export interface AnnouncerState {
  speaking: SpeakingNow | null;
  /** Announcements waiting behind the current one. */
  queued: number;
  /** Orders still repeating (announced and not yet accepted). */
  repeatingOrders: readonly string[];
  /** Clock time the mute ends, or null when not muted. */
  mutedUntil: number | null;
  settings: Readonly<AnnouncerSettings>;
}

export type AnnounceResult = { accepted: true } | { accepted: false; reason: SkipReason };

export interface Announcer {
  /** Queues an event's announcement; duplicates (by `eventId`) are dropped. */
  announce(event: AnnounceEvent): AnnounceResult;
  /**
   * The order left `new` (accepted, done or cancelled): its repeats stop, a queued repeat is
   * removed, and if it is being spoken right now it is cut off.
   */
  stopOrder(orderId: string): void;
  /** Silences everything (except the test button) for `durationMs`; cuts off what is playing. */
  muteFor(durationMs: number): void;
  unmute(): void;
  updateSettings(patch: Partial<AnnouncerSettings>): void;
  getState(): AnnouncerState;
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The last entries, oldest first. */
  getLog(): readonly AnnouncerLogEntry[];
  /** Stops playback and every timer; later calls are ignored. */
  dispose(): void;
}

export interface AnnouncerOptions<Handle> {
  player: VoicePlayer;
  clock: VoiceClock<Handle>;
  /** Initial settings; anything left out takes its default. */
  settings?: Partial<AnnouncerSettings>;
  /**
   * How many event ids are remembered for deduplication.
   * @default 2000
   */
  dedupeCapacity?: number;
  /**
   * How many log entries are kept.
   * @default 200
   */
  logCapacity?: number;
  /**
   * Local minute of the day (0–1439) for a clock time; injectable so tests do not depend on the
   * machine's time zone.
   * @default the machine's local time
   */
  minuteOfDay?: (epochMs: number) => number;
}
