/**
 * A set that remembers only the last `capacity` ids, so deduplicating a long-running station's
 * events costs bounded memory. Oldest ids are forgotten first.
 */
export interface RecentIds {
  /** Records `id`; returns false when it was already among the remembered ids. */
  add(id: string): boolean;
  has(id: string): boolean;
  readonly size: number;
}

export function createRecentIds(capacity: number): RecentIds {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`RecentIds capacity must be a positive integer, got ${capacity}.`);
  }
  // A Set iterates in insertion order, so its first element is always the oldest.
  const ids = new Set<string>();
  return {
    add(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > capacity) ids.delete(ids.values().next().value as string);
      return true;
    },
    has: (id) => ids.has(id),
    get size() {
      return ids.size;
    },
  };
}
