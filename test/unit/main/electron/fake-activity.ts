import type { UpdateActivitySource } from '../../../../src/main/electron/updater';

/**
 * The payment engine's activity as the updater reads it (`Core` fits the same interface), set
 * by the test: how many payments are queued and in flight, and each phone's mode.
 */
export interface FakeActivity extends UpdateActivitySource {
  set(next: { queued?: number; inFlight?: number }): void;
  mode(serial: string, kind: string): void;
}

export function createFakeActivity(serials: string[] = ['P1', 'P2']): FakeActivity {
  let queued = 0;
  let inFlight = 0;
  const modes = new Map<string, string>();
  const updated = new Set<() => void>();
  const changed = new Set<() => void>();
  const listen = (set: Set<() => void>, fn: () => void) => {
    set.add(fn);
    return () => void set.delete(fn);
  };
  return {
    payments: {
      stats: () => ({ queued, inFlight }),
      phoneMode: (serial) => ({ kind: modes.get(serial) ?? 'idle' }),
      on: (_event, fn) => listen(updated, fn),
      phones: { on: (_event, fn) => listen(changed, fn) },
    },
    devices: { list: () => serials.map((serial) => ({ serial })) },
    set(next) {
      queued = next.queued ?? queued;
      inFlight = next.inFlight ?? inFlight;
      for (const fn of [...updated]) fn();
    },
    mode(serial, kind) {
      modes.set(serial, kind);
      for (const fn of [...changed]) fn();
    },
  };
}
