import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiClient } from '../../test/support/api-client';
import { createHttpClient } from '../../test/support/api-client';
import type { DemoTimings } from './demo-args';
import type { DemoAdbServer } from './demo-adb-server';
import { startDemoAdbServer } from './demo-adb-server';
import type { DemoLog } from './demo-log';
import type { DemoPhone } from './demo-phones';
import { plugDemoPhones } from './demo-phones';
import type { DeviceWatcher } from './device-watcher';
import { watchDevices } from './device-watcher';
import type { StationProcess } from './station-launcher';
import { launchStation } from './station-launcher';

/** What the fleet station needs to join the fleet (docs/FLEET.md, Starting a station in fleet mode). */
export interface FleetJoin {
  redisUrl: string;
  secret: string;
  prefix: string;
  storeId: string;
}

export interface FleetStationOptions {
  id: string;
  root: string;
  fleet: FleetJoin;
  credentials: { key: string; secret: string };
  profiles: readonly string[];
  timings: DemoTimings;
  /** Run the station from source (vite-node) rather than the build. */
  fromSource: boolean;
  /** 0 picks a free one. */
  httpPort: number;
  /** Keep the database here; null: a temporary folder removed at stop. */
  dataDir: string | null;
  log: DemoLog;
  /** Serial → phone name over the whole fleet, for the device lines. */
  phoneName(serial: string): string;
}

/**
 * One station of the fleet demo with everything of its own: a private adb server, its simulated
 * phones, the station process (serve mode, fleet flags) and a device watcher on its API. Filled
 * in as it starts, so that {@link stopFleetStation} stops what a failed start left running.
 */
export interface FleetStationRun {
  readonly id: string;
  adb: DemoAdbServer | null;
  phones: DemoPhone[];
  station: StationProcess | null;
  client: ApiClient | null;
  watcher: DeviceWatcher | null;
  dataDir: string | null;
  tempDataDir: string | null;
}

export function emptyFleetStation(id: string): FleetStationRun {
  return {
    id,
    adb: null,
    phones: [],
    station: null,
    client: null,
    watcher: null,
    dataDir: null,
    tempDataDir: null,
  };
}

export async function startFleetStation(run: FleetStationRun, o: FleetStationOptions): Promise<void> {
  const { log, timings, fleet } = o;
  run.adb = await startDemoAdbServer();
  log.line(o.id, `private adb server on 127.0.0.1:${run.adb.port} (pid ${run.adb.pid})`);
  run.phones = await plugDemoPhones(run.adb.port, o.profiles, timings, log);
  log.line(
    o.id,
    `${run.phones.length} simulated phones plugged in: ${run.phones.map((p) => `${p.name} (${p.phone.serial})`).join(', ')}`,
  );
  if (o.dataDir) {
    run.dataDir = path.join(o.dataDir, o.id);
    mkdirSync(run.dataDir, { recursive: true });
  } else {
    run.tempDataDir = mkdtempSync(path.join(tmpdir(), `cashier-demo-${o.id}-`));
    run.dataDir = run.tempDataDir;
  }
  const flags = [
    ...['--data-dir', run.dataDir, '--http-port', String(o.httpPort)],
    ...['--adb-port', String(run.adb.port), '--adb-bin', run.adb.adbBin],
    ...['--result-timeout', String(timings.resultTimeoutSec), '--settle-sec', String(timings.settleSec)],
    ...['--min-result-ms', String(timings.minResultMs)],
    ...['--fleet', fleet.redisUrl, '--station-id', o.id, '--store-id', fleet.storeId],
    ...['--fleet-prefix', fleet.prefix],
  ];
  log.line(
    o.id,
    `starting the station: data in ${run.dataDir}${run.tempDataDir ? ' (temporary)' : ''}, fleet ${fleet.redisUrl}, store ${fleet.storeId}`,
  );
  run.station = await launchStation({
    root: o.root,
    mode: 'serve',
    electronPath: null,
    fromSource: o.fromSource,
    flags,
    env: {
      ...process.env,
      STATION_API_KEY: o.credentials.key,
      STATION_API_SECRET: o.credentials.secret,
      STATION_FLEET_SECRET: fleet.secret,
    },
    onLine: (line) => log.line(o.id, line),
    // Serve mode prints its ready line; the probe is for Electron's sake only.
    probe: () => Promise.resolve(false),
  });
  log.line(o.id, `station API at ${run.station.apiUrl} (pid ${run.station.pid})`);
  run.client = createHttpClient(run.station.apiUrl, { credentials: o.credentials });
  run.watcher = watchDevices(run.client, log, o.phoneName);
}

/** Stops one station and everything of its own; false when something did not stop cleanly. */
export async function stopFleetStation(run: FleetStationRun, log: DemoLog): Promise<boolean> {
  let clean = true;
  run.watcher?.stop();
  if (run.station) {
    const code = await run.station.stop();
    log.line(run.id, `station (pid ${run.station.pid}) exited with code ${code}`);
    if (code !== 0) clean = false;
  }
  run.client?.close();
  if (run.adb) {
    const left = run.adb.listForwards();
    log.line(
      run.id,
      `forwards left on its adb server: ${left.length}${left.length ? ` (${left.join('; ')})` : ''}`,
    );
    if (left.length > 0) clean = false;
  }
  for (const p of run.phones) await p.phone.close();
  if (run.adb) {
    await run.adb.close();
    log.line(run.id, `adb server (pid ${run.adb.pid}) stopped, its temporary HOME removed`);
  }
  if (run.tempDataDir) rmSync(run.tempDataDir, { recursive: true, force: true });
  return clean;
}
