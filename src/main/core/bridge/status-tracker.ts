import { createTypedEmitter } from '../util/typed-emitter';
import type { ApiStatus, StatusPort, StatusPortEvents } from './bridge-core';

export interface StatusTracker extends StatusPort {
  /** Call once the API listens, with its base URL. */
  apiListening(url: string): void;
  apiStopped(): void;
  /** Call on every authenticated backend request. */
  backendContact(at: number): void;
}

/**
 * The status bar's API half. The queue length is read live (e.g. `() => engine.stats().queued`)
 * because the bridge already re-reads the status after every payment event.
 */
export function createStatusTracker(options: { queueLength: () => number }): StatusTracker {
  const emitter = createTypedEmitter<StatusPortEvents>();
  let apiUrl: string | null = null;
  let lastBackendContactAt: number | null = null;
  const get = (): ApiStatus => ({
    apiListening: apiUrl !== null,
    apiUrl,
    lastBackendContactAt,
    queueLength: options.queueLength(),
  });
  const changed = (): void => emitter.emit('changed', get());
  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    get,
    apiListening(url) {
      apiUrl = url;
      changed();
    },
    apiStopped() {
      apiUrl = null;
      changed();
    },
    backendContact(at) {
      lastBackendContactAt = at;
      changed();
    },
  };
}
