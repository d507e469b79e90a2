import type { AdbkitContext } from '../adbkit-client';
import type { AdbTrackerHandlers, AdbTracking } from '../adb-port';
import { toAdbDeviceType } from '../adb-port';
import { fromAdbkitError } from '../adbkit-errors';
import { withTimeout } from '../with-timeout';

/** The part of adbkit's Tracker used here; adbkit ships its promises untyped (Bluebird). */
interface AdbkitTracker {
  on(event: 'add' | 'change' | 'remove', listener: (device: TrackedDevice) => void): void;
  on(event: 'error', listener: (err: unknown) => void): void;
  on(event: 'end', listener: () => void): void;
  removeAllListeners(): void;
  end(): void;
}

interface TrackedDevice {
  id: string;
  type: string;
}

/**
 * `host:track-devices` through adbkit's tracker, reported as plain callbacks. adbkit emits
 * `error` and then `end` when the server goes away; `onEnd` is called exactly once either way.
 */
export async function trackDevices(ctx: AdbkitContext, handlers: AdbTrackerHandlers): Promise<AdbTracking> {
  let tracker: AdbkitTracker;
  try {
    tracker = await withTimeout<AdbkitTracker>(
      ctx.client.trackDevices(),
      ctx.timeoutMs,
      'host:track-devices',
    );
  } catch (err) {
    throw fromAdbkitError(err, ctx.endpoint, 'host:track-devices');
  }
  let ended = false;
  let stopped = false;
  let lastError: Error | null = null;
  const onDevice = (d: TrackedDevice) => {
    if (!stopped) handlers.onDevice({ serial: d.id, type: toAdbDeviceType(d.type), rawType: d.type });
  };
  const onRemove = (d: TrackedDevice) => {
    if (!stopped) handlers.onRemove(d.id);
  };
  const finish = () => {
    if (ended) return;
    ended = true;
    tracker.removeAllListeners();
    // Keep a listener: a late error with none attached would crash the process.
    tracker.on('error', () => {});
    if (!stopped) handlers.onEnd(lastError);
  };
  tracker.on('add', onDevice);
  tracker.on('change', onDevice);
  tracker.on('remove', onRemove);
  tracker.on('error', (err: unknown) => {
    lastError = fromAdbkitError(err, ctx.endpoint, 'host:track-devices');
    // adbkit emits `end` after `error` once its parser closed; do not rely on it alone.
    setImmediate(finish);
  });
  tracker.on('end', finish);
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      tracker.end();
      finish();
    },
  };
}
