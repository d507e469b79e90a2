import type { AdbDeviceEntry, AdbPort, AdbTracking } from '../adb/adb-port';
import { AdbServerUnavailableError } from '../adb/adb-errors';
import type { AdbLookup } from '../adb/find-adb';
import type { Clock, TimerHandle } from '../util/clock';
import type { AdbStatus } from './device-types';

export interface AdbSupervisorOptions {
  adb: AdbPort;
  clock: Clock;
  /** Where adb was looked for; a failed lookup plus a dead server is reported as `missing`. */
  lookup?: AdbLookup;
  /** Protocol version of the station's own adb binary; a server of another version is a conflict. */
  clientVersion?: number | null;
  retryInitialMs: number;
  retryMaxMs: number;
  pollIntervalMs: number;
  /** This many server losses within `conflictWindowMs` means another adb keeps replacing ours. */
  conflictRestarts: number;
  conflictWindowMs: number;
  onStatus(status: AdbStatus): void;
  /** Tracking is (re)established; `devices` is a fresh `devices-l` to reconcile against. */
  onConnected(devices: AdbDeviceEntry[]): void;
  onServerLost(): void;
  onDevice(entry: AdbDeviceEntry, seq: number): void;
  onRemove(serial: string, seq: number): void;
  /** A `devices-l` poll; `seqAtStart` lets the caller ignore what tracking reported meanwhile. */
  onPoll(devices: AdbDeviceEntry[], seqAtStart: number): void;
}

export interface AdbSupervisor {
  start(): void;
  stop(): void;
  status(): AdbStatus;
}

/**
 * Keeps a tracking connection to the adb server: retracks with exponential backoff when the
 * server dies or is replaced, polls `devices-l` (adb 29 does not push `unauthorized`), and
 * tells a missing adb and a fight between adb versions apart from a plain restart.
 */
export function createAdbSupervisor(o: AdbSupervisorOptions): AdbSupervisor {
  let status: AdbStatus = { kind: 'starting' };
  let tracking: AdbTracking | null = null;
  let timer: TimerHandle | null = null;
  let attempt = 0;
  let lastVersion = 0;
  let stopped = true;
  let seq = 0;
  let epoch = 0;
  const losses: number[] = [];
  /** Versions seen at each (re)connect, within the conflict window. */
  let serverVersions: { version: number; at: number }[] = [];

  function setStatus(s: AdbStatus): void {
    if (JSON.stringify(s) === JSON.stringify(status)) return;
    status = s;
    o.onStatus(s);
  }

  function schedule(ms: number, fn: () => void): void {
    if (timer) o.clock.clearTimeout(timer);
    timer = o.clock.setTimeout(() => {
      timer = null;
      if (!stopped) fn();
    }, ms);
  }

  /** Connected, or conflict when the versions disagree or the server keeps being replaced. */
  function connectedStatus(version: number): AdbStatus {
    const now = o.clock.now();
    while (losses.length > 0 && losses[0] < now - o.conflictWindowMs) losses.shift();
    serverVersions = serverVersions.filter((v) => v.at >= now - o.conflictWindowMs);
    const versions = new Set(serverVersions.map((v) => v.version));
    if (o.clientVersion != null && version !== o.clientVersion) {
      return {
        kind: 'conflict',
        detail: `The adb server on ${o.adb.endpoint} is version ${version}, the station's adb is ${o.clientVersion}: another program runs its own adb. Close phone assistants or point them at the same adb.`,
      };
    }
    if (versions.size > 1) {
      return {
        kind: 'conflict',
        detail: `adb servers of versions ${[...versions].join(', ')} took turns on ${o.adb.endpoint}: another program keeps replacing the server.`,
      };
    }
    if (losses.length >= o.conflictRestarts) {
      return {
        kind: 'conflict',
        detail: `The adb server on ${o.adb.endpoint} was killed or replaced ${losses.length} times within ${Math.round(o.conflictWindowMs / 1000)} s: another program is fighting over the port.`,
      };
    }
    return { kind: 'connected', version };
  }

  /**
   * The server's version, starting a server first when none answers and we have an adb.
   * Not while servers keep being replaced: starting ours again would only feed the fight. Not
   * once `current()` is false either: stop() may have come while the request was out, and a
   * server started then is a daemon that outlives the station.
   */
  async function versionOrStart(current: () => boolean): Promise<number> {
    try {
      return await o.adb.serverVersion();
    } catch (err) {
      if (!current() || !(err instanceof AdbServerUnavailableError) || !o.adb.canStartServer || fighting())
        throw err;
      await o.adb.startServer().catch(() => {});
      return o.adb.serverVersion();
    }
  }

  function fighting(): boolean {
    const now = o.clock.now();
    return losses.filter((t) => t >= now - o.conflictWindowMs).length >= o.conflictRestarts;
  }

  async function connect(): Promise<void> {
    const myEpoch = ++epoch;
    let version: number;
    try {
      version = await versionOrStart(() => !stopped && myEpoch === epoch);
      if (stopped || myEpoch !== epoch) return;
      tracking = await o.adb.trackDevices({
        onDevice: (e) => myEpoch === epoch && o.onDevice(e, ++seq),
        onRemove: (s) => myEpoch === epoch && o.onRemove(s, ++seq),
        onEnd: (err) => {
          if (myEpoch === epoch && !stopped) lost(err);
        },
      });
      if (stopped || myEpoch !== epoch) {
        tracking.stop();
        return;
      }
      const devices = await o.adb.listDevices();
      if (stopped || myEpoch !== epoch) return;
      attempt = 0;
      serverVersions.push({ version, at: o.clock.now() });
      lastVersion = version;
      setStatus(connectedStatus(version));
      o.onConnected(devices);
      schedule(o.pollIntervalMs, poll);
    } catch (err) {
      if (stopped || myEpoch !== epoch) return;
      tracking?.stop();
      tracking = null;
      retry(err);
    }
  }

  function lost(err: Error | null): void {
    tracking = null;
    epoch++;
    losses.push(o.clock.now());
    o.onServerLost();
    retry(err ?? new AdbServerUnavailableError(o.adb.endpoint, 'tracking ended'));
  }

  function retry(err: unknown): void {
    attempt++;
    const delay = Math.min(o.retryMaxMs, o.retryInitialMs * 2 ** Math.min(attempt - 1, 20));
    const detail = err instanceof Error ? err.message : String(err);
    if (o.lookup && !o.lookup.found && err instanceof AdbServerUnavailableError) {
      setStatus({
        kind: 'missing',
        detail: `adb was not found (looked in: ${o.lookup.searched.join(', ')}) and no adb server answers on ${o.adb.endpoint}. Install Android platform-tools or set the adb path in Settings.`,
      });
    } else {
      setStatus({ kind: 'reconnecting', attempt, nextRetryAt: o.clock.now() + delay, detail });
    }
    schedule(delay, () => void connect());
  }

  async function poll(): Promise<void> {
    const myEpoch = epoch;
    const seqAtStart = seq;
    try {
      const devices = await o.adb.listDevices();
      if (stopped || myEpoch !== epoch || !tracking) return;
      o.onPoll(devices, seqAtStart);
      if (status.kind === 'conflict' || status.kind === 'connected') {
        setStatus(connectedStatus(lastVersion));
      }
    } catch (err) {
      // Tracking normally notices a dead server first; a poll that cannot connect while the
      // tracking socket still looks open means that socket is stale, so count it as lost.
      if (err instanceof AdbServerUnavailableError && myEpoch === epoch && tracking && !stopped) {
        tracking.stop();
        lost(err);
        return;
      }
    }
    if (!stopped && myEpoch === epoch && tracking) schedule(o.pollIntervalMs, () => void poll());
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void connect();
    },
    stop() {
      stopped = true;
      epoch++;
      if (timer) o.clock.clearTimeout(timer);
      timer = null;
      tracking?.stop();
      tracking = null;
    },
    status: () => status,
  };
}
