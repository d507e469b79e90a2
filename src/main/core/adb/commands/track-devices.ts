import net from 'node:net';
import type { AdbDeviceEntry, AdbTrackerHandlers, AdbTracking } from '../adb-port';
import { toAdbDeviceType } from '../adb-port';
import {
  AdbCommandFailedError,
  AdbProtocolError,
  AdbServerUnavailableError,
  AdbTimeoutError,
} from '../adb-errors';
import type { AdbEndpoint } from '../host-request';
import { encodeHostRequest } from '../host-request';

/** What changed between two device lists: `changed` holds new devices and new states. */
export interface DeviceListDiff {
  changed: AdbDeviceEntry[];
  removed: string[];
}

/** Parses one `host:track-devices` message: `<serial>\t<state>` per line. */
export function parseTrackMessage(text: string): AdbDeviceEntry[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const tab = l.indexOf('\t');
      const serial = tab < 0 ? l.trim() : l.slice(0, tab);
      const rawType = tab < 0 ? '' : l.slice(tab + 1).trim();
      const head = rawType.startsWith('no permissions') ? 'no permissions' : rawType;
      return { serial, type: toAdbDeviceType(head), rawType };
    });
}

/** The add/change/remove diff, pure (the way adbkit's `Tracker.update` does it). */
export function diffDeviceLists(prev: ReadonlyMap<string, string>, next: AdbDeviceEntry[]): DeviceListDiff {
  const seen = new Set<string>();
  const changed: AdbDeviceEntry[] = [];
  for (const d of next) {
    seen.add(d.serial);
    if (prev.get(d.serial) !== d.rawType) changed.push(d);
  }
  const removed = [...prev.keys()].filter((s) => !seen.has(s));
  return { changed, removed };
}

/**
 * `host:track-devices` on a socket of our own. adbkit's tracker reads through an endless
 * recursive promise chain that keeps every past device list reachable (a leak the bench
 * measured), so the stream is read here: OKAY, then one hex-length-prefixed list per change.
 */
export function trackDevices(
  endpoint: AdbEndpoint,
  handlers: AdbTrackerHandlers,
  timeoutMs: number,
): Promise<AdbTracking> {
  const host = endpoint.host ?? '127.0.0.1';
  const where = `${host}:${endpoint.port}`;
  return new Promise<AdbTracking>((resolve, reject) => {
    const socket = net.createConnection({ host, port: endpoint.port });
    let buffered: Buffer = Buffer.alloc(0);
    let started = false;
    let ended = false;
    let stopped = false;
    let known = new Map<string, string>();
    const timer = setTimeout(() => fail(new AdbTimeoutError('host:track-devices', timeoutMs)), timeoutMs);
    timer.unref();

    const tracking: AdbTracking = {
      stop() {
        stopped = true;
        socket.destroy();
      },
    };

    function fail(err: Error): void {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      socket.destroy();
      if (!started) reject(err);
      else if (!stopped) handlers.onEnd(err);
    }

    function onMessage(text: string): void {
      const list = parseTrackMessage(text);
      const diff = diffDeviceLists(known, list);
      known = new Map(list.map((d) => [d.serial, d.rawType]));
      if (stopped) return;
      for (const serial of diff.removed) handlers.onRemove(serial);
      for (const d of diff.changed) handlers.onDevice(d);
    }

    function step(): void {
      if (!started) {
        if (buffered.length < 4) return;
        const status = buffered.subarray(0, 4).toString('ascii');
        if (status === 'FAIL') {
          if (buffered.length < 8) return;
          const len = Number.parseInt(buffered.subarray(4, 8).toString('ascii'), 16);
          if (buffered.length < 8 + len) return;
          fail(new AdbCommandFailedError('host:track-devices', buffered.subarray(8, 8 + len).toString()));
          return;
        }
        if (status !== 'OKAY') {
          fail(new AdbProtocolError('host:track-devices', `expected OKAY, got ${JSON.stringify(status)}`));
          return;
        }
        started = true;
        clearTimeout(timer);
        buffered = buffered.subarray(4);
        resolve(tracking);
      }
      while (buffered.length >= 4 && !ended) {
        const len = Number.parseInt(buffered.subarray(0, 4).toString('ascii'), 16);
        if (!Number.isFinite(len)) {
          fail(new AdbProtocolError('host:track-devices', 'bad length prefix'));
          return;
        }
        if (buffered.length < 4 + len) return;
        const text = buffered.subarray(4, 4 + len).toString('utf8');
        buffered = buffered.subarray(4 + len);
        onMessage(text);
      }
    }

    socket.on('connect', () => socket.write(encodeHostRequest('host:track-devices')));
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      step();
    });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      fail(new AdbServerUnavailableError(where, err.code ?? err.message, { cause: err })),
    );
    socket.on('close', () => fail(new AdbServerUnavailableError(where, 'tracking connection closed')));
  });
}
