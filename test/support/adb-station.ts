import type { AdbPort } from '../../src/main/core/adb/adb-port';
import { createAdbkitPort } from '../../src/main/core/adb/adbkit-port';
import { createDeviceManager } from '../../src/main/core/devices/device-manager';
import type { DeviceManagerOptions } from '../../src/main/core/devices/device-manager-options';
import type {
  AdbStatus,
  DeviceService,
  DeviceSnapshot,
  PortStore,
} from '../../src/main/core/devices/device-types';
import { createMemoryPortStore } from '../../src/main/core/devices/memory-port-store';
import type { SimulatedPhone, SimulatedPhoneOptions } from '../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../src/sim/adb-device/simulated-phone';
import type { TestAdbServer } from './adb-server';
import { startTestAdbServer } from './adb-server';

/** Waits until `check` returns a truthy value, checking every 20 ms. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface StationRig {
  server: TestAdbServer;
  /** An adb port of its own, as another program on the PC would use. */
  adb: AdbPort;
  store: PortStore & { readonly saved: ReadonlyMap<string, number> };
  phones: SimulatedPhone[];
  /** Every event the station emitted, in order. */
  events: { name: string; serial?: string; state?: string; status?: AdbStatus }[];
  station: DeviceService;
  addPhone(options?: SimulatedPhoneOptions): Promise<SimulatedPhone>;
  /** A new station on the same server and port store (a restart of the app). */
  newStation(options?: Partial<DeviceManagerOptions>): DeviceService;
  waitState(serial: string, state: DeviceSnapshot['state'], timeoutMs?: number): Promise<DeviceSnapshot>;
  waitGone(serial: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real adb server on its own port, a station (device manager) on it with fast polling, and
 * simulated phones. adbkit gets `/bin/false` as its adb so it never spawns a server of its own.
 */
export async function createStationRig(options: Partial<DeviceManagerOptions> = {}): Promise<StationRig> {
  const server = await startTestAdbServer();
  const adb = createAdbkitPort({ port: server.port, bin: '/bin/false', timeoutMs: 5000 });
  const store = createMemoryPortStore();
  const phones: SimulatedPhone[] = [];
  const events: StationRig['events'] = [];
  const stations: DeviceService[] = [];
  const base = 40000 + Math.floor(Math.random() * 200) * 50;

  function newStation(extra: Partial<DeviceManagerOptions> = {}): DeviceService {
    const s = createDeviceManager({
      adb: createAdbkitPort({ port: server.port, bin: '/bin/false', timeoutMs: 5000 }),
      portStore: store,
      forwardPortRange: { from: base, to: base + 19 },
      pollIntervalMs: 150,
      healthIntervalMs: 1000,
      probeRetryMs: 300,
      retryInitialMs: 100,
      retryMaxMs: 400,
      reattachGraceMs: 1500,
      ...options,
      ...extra,
    });
    for (const name of ['added', 'changed', 'removed'] as const) {
      s.on(name, (snap) => events.push({ name, serial: snap.serial, state: snap.state }));
    }
    s.on('adb', (status) => events.push({ name: 'adb', status }));
    stations.push(s);
    return s;
  }

  const station = newStation();
  const rig: StationRig = {
    server,
    adb,
    store,
    phones,
    events,
    station,
    async addPhone(opts) {
      const phone = createSimulatedPhone(opts);
      phones.push(phone);
      await phone.plugInto({ port: server.port });
      return phone;
    },
    newStation,
    waitState: (serial, state, timeoutMs) =>
      waitFor(
        `${serial} to be ${state} (is ${rig.station.get(serial)?.state ?? 'absent'})`,
        () => {
          const s = rig.station.get(serial);
          return s?.state === state ? s : undefined;
        },
        timeoutMs,
      ),
    async waitGone(serial, timeoutMs) {
      await waitFor(`${serial} to be removed`, () => rig.station.get(serial) === undefined, timeoutMs);
    },
    async close() {
      for (const s of stations) await s.stop();
      for (const p of phones) await p.close();
      await server.close();
    },
  };
  return rig;
}
