import {
  AdbCommandFailedError,
  AdbPortInUseError,
  AdbServerUnavailableError,
} from '../../src/main/core/adb/adb-errors';
import type {
  AdbDeviceEntry,
  AdbForward,
  AdbPort,
  AdbTrackerHandlers,
} from '../../src/main/core/adb/adb-port';

/**
 * An in-memory {@link AdbPort} for unit tests of the logic above adb (allocation, backoff).
 * It keeps adb's forward semantics that matter: forwarding a port again rebinds it, a port
 * bound outside adb fails as in use, killforward removes exactly one.
 */
export interface FakeAdbPort extends AdbPort {
  forwards: AdbForward[];
  /** Ports bound by other programs (forward fails with "cannot bind"). */
  boundElsewhere: Set<number>;
  devices: AdbDeviceEntry[];
  up: boolean;
  /** What `host:version` answers. */
  version: number;
  calls: string[];
  /** What `shell` prints for each command line (nothing where not set). */
  shellOutputs: Map<string, string>;
  trackers: AdbTrackerHandlers[];
  /** What startServer does: bring the server up, or fail. */
  startBrings: boolean;
  /** Ends every tracker as a dying server would. */
  killServer(): void;
}

export function createFakeAdbPort(): FakeAdbPort {
  const fake: FakeAdbPort = {
    endpoint: 'fake:5037',
    forwards: [],
    boundElsewhere: new Set(),
    devices: [],
    up: true,
    version: 41,
    calls: [],
    shellOutputs: new Map(),
    trackers: [],
    startBrings: false,
    canStartServer: true,
    async startServer() {
      fake.calls.push('start-server');
      if (!fake.startBrings) throw new Error('start failed');
      fake.up = true;
    },
    killServer() {
      fake.up = false;
      fake.forwards = [];
      for (const t of fake.trackers.splice(0))
        t.onEnd(new AdbServerUnavailableError(fake.endpoint, 'killed'));
    },
    async serverVersion() {
      fake.calls.push('version');
      if (!fake.up) throw new AdbServerUnavailableError(fake.endpoint, 'ECONNREFUSED');
      return fake.version;
    },
    async listDevices() {
      if (!fake.up) throw new AdbServerUnavailableError(fake.endpoint, 'ECONNREFUSED');
      return fake.devices.map((d) => ({ ...d }));
    },
    async trackDevices(handlers) {
      fake.calls.push('track');
      if (!fake.up) throw new AdbServerUnavailableError(fake.endpoint, 'ECONNREFUSED');
      fake.trackers.push(handlers);
      return { stop: () => void fake.trackers.splice(fake.trackers.indexOf(handlers), 1) };
    },
    async shell(_serial, command) {
      return fake.shellOutputs.get(command) ?? '';
    },
    async forward(serial, localPort, remote) {
      fake.calls.push(`forward ${serial} ${localPort}`);
      if (fake.boundElsewhere.has(localPort))
        throw new AdbPortInUseError(localPort, 'cannot bind listener: Address already in use');
      fake.forwards = fake.forwards.filter((f) => f.local !== `tcp:${localPort}`);
      fake.forwards.push({ serial, local: `tcp:${localPort}`, remote });
    },
    async listForwards() {
      return fake.forwards.map((f) => ({ ...f }));
    },
    async openTcp(serial, port) {
      fake.calls.push(`open ${serial} tcp:${port}`);
      if (!fake.up) return { kind: 'unavailable', detail: 'ECONNREFUSED' };
      if (!fake.devices.some((d) => d.serial === serial && d.type === 'device'))
        return { kind: 'no_device', detail: `adb: device '${serial}' not found` };
      // No phone app lives in memory: every open is refused, as by a phone whose app is down.
      return { kind: 'refused', detail: `nothing listens on tcp:${port} on ${serial}` };
    },
    closeIdle() {
      fake.calls.push('close-idle');
    },
    async killForward(serial, localPort) {
      fake.calls.push(`killforward ${serial} ${localPort}`);
      const before = fake.forwards.length;
      fake.forwards = fake.forwards.filter((f) => !(f.serial === serial && f.local === `tcp:${localPort}`));
      if (fake.forwards.length === before)
        throw new AdbCommandFailedError('killforward', `listener 'tcp:${localPort}' not found`);
    },
  };
  return fake;
}
