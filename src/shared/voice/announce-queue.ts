import { ANNOUNCE_PRIORITY, type AnnounceKind } from './announcement';
import type { ClipId } from './clip-ids';

export interface QueuedAnnouncement {
  kind: AnnounceKind;
  eventId: string;
  orderId?: string;
  /** 0 for a first announcement, then the repeat number. */
  repeat: number;
  clips: ClipId[];
}

/**
 * The waiting announcements: highest priority first, and first come first served within a
 * priority. A linear scan, because the queue holds a handful of items and a heap would only add
 * code.
 */
export interface AnnounceQueue {
  add(item: QueuedAnnouncement): void;
  takeNext(): QueuedAnnouncement | undefined;
  /** Removes and returns every matching item, in arrival order. */
  removeWhere(match: (item: QueuedAnnouncement) => boolean): QueuedAnnouncement[];
  readonly size: number;
}

export function createAnnounceQueue(): AnnounceQueue {
  // Arrival order is the array order, so the first best-priority item is the oldest of them.
  const items: QueuedAnnouncement[] = [];
  return {
    add(item) {
      items.push(item);
    },
    takeNext() {
      let best = -1;
      for (let i = 0; i < items.length; i += 1) {
        if (best < 0 || ANNOUNCE_PRIORITY[items[i].kind] < ANNOUNCE_PRIORITY[items[best].kind]) best = i;
      }
      return best < 0 ? undefined : items.splice(best, 1)[0];
    },
    removeWhere(match) {
      const removed = items.filter(match);
      for (const item of removed) items.splice(items.indexOf(item), 1);
      return removed;
    },
    get size() {
      return items.length;
    },
  };
}
