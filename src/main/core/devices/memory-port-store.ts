import type { PortStore } from './device-types';

/** A {@link PortStore} in memory, for tests and the demo; the product persists it in SQLite. */
export function createMemoryPortStore(initial?: Iterable<[string, number]>): PortStore & {
  readonly saved: ReadonlyMap<string, number>;
} {
  const map = new Map<string, number>(initial);
  return {
    load: () => new Map(map),
    save(serial, port) {
      map.set(serial, port);
    },
    get saved() {
      return map;
    },
  };
}
