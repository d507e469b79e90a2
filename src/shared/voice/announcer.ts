import { createAnnounceQueue, type QueuedAnnouncement as Item } from './announce-queue';
import { clipsForEvent, isPaymentTrouble } from './announcement';
import type { AnnounceEvent } from './announcement';
import { DEFAULT_ANNOUNCER_SETTINGS, validateSettings, type AnnouncerSettings } from './announcer-settings';
import type {
  AnnounceResult,
  Announcer,
  AnnouncerLogEntry,
  AnnouncerOptions,
  AnnouncerState,
  SkipReason,
  SpeakingNow,
} from './announcer-types';
import { clipsToText } from './clip-ids';
import { isWithinQuietHours, localMinuteOfDay } from './quiet-hours';
import { createRecentIds } from './recent-ids';

/** Repeat bookkeeping for one unaccepted order. */
interface PendingOrder<Handle> {
  eventId: string;
  repeats: number;
  timer: Handle | null;
}

/**
 * The station's single voice. Behaviour, in the order a cashier meets it:
 * - One clip sequence at a time. Priority: test button > payment trouble > rush > new order >
 *   phone connected/disconnected > payment success, first come first served within one. A higher
 *   priority never interrupts what is playing (a clipped sentence is worse than a short wait);
 *   it goes next.
 * - Events are deduplicated by `eventId` over the last `dedupeCapacity` ids.
 * - A new order is said again `repeatIntervalMs` after its previous announcement ended, until
 *   {@link Announcer.stopOrder}; that cuts it off mid-sentence, drops a queued repeat and clears
 *   the timer. Only one repeat cycle runs per order.
 * - Quiet hours and mute skip announcements (logged, never queued for later), but a new order's
 *   repeat cycle keeps running, so an unaccepted order is heard as soon as they end. Quiet hours
 *   let payment trouble through by default (`allow: 'payment-trouble'`); mute silences all but
 *   the test button.
 */
export function createAnnouncer<Handle>(options: AnnouncerOptions<Handle>): Announcer {
  const { player, clock } = options;
  const minuteOfDay = options.minuteOfDay ?? localMinuteOfDay;
  const logCapacity = options.logCapacity ?? 200;
  const seen = createRecentIds(options.dedupeCapacity ?? 2000);
  // Orders already accepted: a late or replayed new-order event for one must not start repeats.
  const settledOrders = createRecentIds(options.dedupeCapacity ?? 2000);
  const listeners = new Set<() => void>();
  const log: AnnouncerLogEntry[] = [];
  const queue = createAnnounceQueue();
  const pendingOrders = new Map<string, PendingOrder<Handle>>();
  let settings: AnnouncerSettings = { ...DEFAULT_ANNOUNCER_SETTINGS, ...options.settings };
  validateSettings(settings);
  let current: { item: Item; startedAt: number } | null = null;
  let mutedUntil: number | null = null;
  let muteTimer: Handle | null = null;
  let disposed = false;
  let state = snapshot();
  player.setVolume(settings.volume);

  function snapshot(): AnnouncerState {
    const speaking: SpeakingNow | null = current && {
      kind: current.item.kind,
      eventId: current.item.eventId,
      orderId: current.item.orderId,
      repeat: current.item.repeat,
      clips: current.item.clips,
      text: clipsToText(current.item.clips),
      startedAt: current.startedAt,
    };
    return {
      speaking,
      queued: queue.size,
      repeatingOrders: [...pendingOrders.keys()],
      mutedUntil,
      settings: { ...settings },
    };
  }

  function changed(): void {
    state = snapshot();
    for (const listener of [...listeners]) listener();
  }

  function record(
    item: Item,
    outcome: AnnouncerLogEntry['outcome'],
    reason?: SkipReason,
    error?: string,
  ): void {
    const entry: AnnouncerLogEntry = {
      at: clock.now(),
      outcome,
      kind: item.kind,
      eventId: item.eventId,
      repeat: item.repeat,
      clips: item.clips,
      text: clipsToText(item.clips),
    };
    if (item.orderId !== undefined) entry.orderId = item.orderId;
    if (reason) entry.reason = reason;
    if (error !== undefined) entry.error = error;
    log.push(entry);
    if (log.length > logCapacity) log.splice(0, log.length - logCapacity);
  }

  function isMuted(): boolean {
    return mutedUntil !== null && clock.now() < mutedUntil;
  }

  /** Why `item` must stay silent right now, or null when it may play. */
  function silenceReason(item: Item): SkipReason | null {
    if (item.kind === 'test') return null;
    if (isMuted()) return 'muted';
    const quiet = settings.quietHours;
    if (quiet && isWithinQuietHours(quiet, minuteOfDay(clock.now()))) {
      const allowed = (quiet.allow ?? 'payment-trouble') === 'payment-trouble' && isPaymentTrouble(item.kind);
      if (!allowed) return 'quiet-hours';
    }
    return null;
  }

  function pump(): void {
    while (!disposed && !current) {
      const item = queue.takeNext();
      if (!item) return;
      const reason = silenceReason(item);
      if (reason) {
        record(item, 'skipped', reason);
        // A skipped new order still counts as announced: it repeats, so it is heard once the
        // mute or the quiet hours end.
        scheduleRepeat(item);
        continue;
      }
      start(item);
    }
  }

  function start(item: Item): void {
    const playing = { item, startedAt: clock.now() };
    current = playing;
    record(item, 'started');
    let done: Promise<void>;
    try {
      done = player.play(item.clips);
    } catch (err) {
      done = Promise.reject(err);
    }
    // Only the playback that is still current may finish; one that was cut off already logged.
    done.then(
      () => finish(playing, 'played'),
      (err: unknown) => finish(playing, 'failed', err instanceof Error ? err.message : String(err)),
    );
  }

  function finish(playing: NonNullable<typeof current>, outcome: 'played' | 'failed', error?: string): void {
    if (current !== playing) return;
    current = null;
    record(playing.item, outcome, outcome === 'failed' ? 'player-error' : undefined, error);
    scheduleRepeat(playing.item);
    pump();
    changed();
  }

  function cutOff(reason: SkipReason): void {
    if (!current) return;
    const { item } = current;
    current = null;
    record(item, 'stopped', reason);
    player.stop();
    if (reason !== 'accepted') scheduleRepeat(item);
  }

  function scheduleRepeat(item: Item): void {
    if (item.kind !== 'new-order' || item.orderId === undefined || disposed) return;
    const pending = pendingOrders.get(item.orderId);
    if (!pending || pending.timer !== null) return;
    const orderId = item.orderId;
    pending.timer = clock.setTimeout(() => {
      pending.timer = null;
      if (disposed || pendingOrders.get(orderId) !== pending) return;
      pending.repeats += 1;
      queue.add({
        kind: 'new-order',
        eventId: pending.eventId,
        orderId,
        repeat: pending.repeats,
        clips: ['new-order'],
      });
      pump();
      changed();
    }, settings.repeatIntervalMs);
  }

  function announce(event: AnnounceEvent): AnnounceResult {
    const orderId = 'orderId' in event ? event.orderId : undefined;
    const clips = clipsForEvent(event, settings.speakAmounts);
    const item = { kind: event.kind, eventId: event.eventId, orderId, repeat: 0, clips };
    const refuse = (reason: SkipReason): AnnounceResult => {
      record(item, 'dropped', reason);
      changed();
      return { accepted: false, reason };
    };
    if (disposed) return refuse('disposed');
    if (!seen.add(event.eventId)) return refuse('duplicate');
    if (event.kind === 'new-order') {
      // The backend may re-send an order under a fresh event id; one order, one repeat cycle.
      if (pendingOrders.has(event.orderId)) return refuse('already-announcing');
      if (settledOrders.has(event.orderId)) return refuse('accepted');
      pendingOrders.set(event.orderId, { eventId: event.eventId, repeats: 0, timer: null });
    }
    queue.add(item);
    pump();
    changed();
    return { accepted: true };
  }

  function stopOrder(orderId: string): void {
    settledOrders.add(orderId);
    const pending = pendingOrders.get(orderId);
    if (pending?.timer != null) clock.clearTimeout(pending.timer);
    pendingOrders.delete(orderId);
    const removed = queue.removeWhere((item) => item.kind === 'new-order' && item.orderId === orderId);
    for (const item of removed) record(item, 'skipped', 'accepted');
    if (current?.item.kind === 'new-order' && current.item.orderId === orderId) cutOff('accepted');
    pump();
    changed();
  }

  function muteFor(durationMs: number): void {
    if (disposed) return;
    if (muteTimer !== null) clock.clearTimeout(muteTimer);
    mutedUntil = clock.now() + Math.max(0, durationMs);
    // Only a non-test announcement is silenced by the mute.
    if (current && current.item.kind !== 'test') cutOff('muted');
    muteTimer = clock.setTimeout(unmute, Math.max(0, durationMs));
    pump();
    changed();
  }

  function unmute(): void {
    if (muteTimer !== null) clock.clearTimeout(muteTimer);
    muteTimer = null;
    mutedUntil = null;
    pump();
    changed();
  }

  function updateSettings(patch: Partial<AnnouncerSettings>): void {
    const next = { ...settings, ...patch };
    validateSettings(next);
    settings = next;
    if (patch.volume !== undefined) player.setVolume(settings.volume);
    changed();
  }

  function dispose(): void {
    if (disposed) return;
    // Flag first, so cutting off the current item schedules no repeat.
    disposed = true;
    cutOff('disposed');
    for (const item of queue.removeWhere(() => true)) record(item, 'skipped', 'disposed');
    for (const pending of pendingOrders.values()) {
      if (pending.timer !== null) clock.clearTimeout(pending.timer);
    }
    pendingOrders.clear();
    if (muteTimer !== null) clock.clearTimeout(muteTimer);
    changed();
    listeners.clear();
  }

  return {
    announce,
    stopOrder,
    muteFor,
    unmute,
    updateSettings,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getLog: () => [...log],
    dispose,
  };
}
