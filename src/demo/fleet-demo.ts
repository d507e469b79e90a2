// `npm run demo -- --fleet`: two stations sharing one private redis-server (docs/FLEET.md), each
// with its own adb server and simulated phones, fed by a simulated backend that speaks only Redis.
import { randomBytes } from 'node:crypto';
import type { FleetView } from '../shared/fleet/fleet-schemas';
import type { DemoArgs } from './demo-args';
import { demoTimings } from './demo-args';
import type { DemoLog } from './demo-log';
import type { DemoRedisServer } from './demo-redis-server';
import { startDemoRedisServer } from './demo-redis-server';
import type { FleetBackend } from './fleet-backend';
import { FLEET_QR_ORDER, createFleetBackend } from './fleet-backend';
import type { FleetStationRun } from './fleet-station';
import { emptyFleetStation, startFleetStation, stopFleetStation } from './fleet-station';
import { fleetWatchList } from './fleet-watch-list';
import { openInBrowser } from './open-browser';

const STORE_ID = 'shop-1';
const PREFIX = 'cs:';
/** Two kinds of phone per station by default, so each line's phone also tells the station. */
const DEFAULT_PROFILES: Record<string, readonly string[]> = {
  'st-A': ['android11-miui', 'android9-harmonyos'],
  'st-B': ['android15-coloros', 'android16-hyperos'],
};
const STATION_IDS = Object.keys(DEFAULT_PROFILES);

interface FleetRunning {
  redis: DemoRedisServer | null;
  stations: FleetStationRun[];
  backend: FleetBackend | null;
}

/** How many times each order was PAYed, per station, from what the phone apps received. */
function countPays(stations: readonly FleetStationRun[]): {
  byStation: Record<string, number>;
  byOrder: Map<string, number>;
} {
  const byStation: Record<string, number> = {};
  const byOrder = new Map<string, number>();
  for (const s of stations) {
    byStation[s.id] = 0;
    for (const p of s.phones)
      for (const c of p.phone.app.commands) {
        const orderNo = FLEET_QR_ORDER.exec(c.msg)?.[1];
        if (!orderNo) continue;
        byStation[s.id]++;
        byOrder.set(orderNo, (byOrder.get(orderNo) ?? 0) + 1);
      }
  }
  return { byStation, byOrder };
}

function summarise(
  run: FleetRunning,
  storeEntries: Record<string, number>,
  unsettled: number,
  log: DemoLog,
): void {
  const b = run.backend;
  if (!b) return;
  const r = b.stats.results;
  const { byStation, byOrder } = countPays(run.stations);
  const twice = [...byOrder].filter(([, n]) => n > 1).map(([o]) => o);
  const pays = [...byOrder.values()].reduce((a, n) => a + n, 0);
  const finals = Object.entries(r.finals).map(([k, v]) => `${k}=${v}`);
  const per = run.stations.flatMap((s) => [
    `${s.id}.paid=${r.paidBy[s.id] ?? 0}`,
    `${s.id}.pays=${byStation[s.id] ?? 0}`,
    `${s.id}.store-entries=${storeEntries[s.id] ?? 0}`,
  ]);
  const storeTotal = b.stats.orders + b.stats.reminders;
  log.plain(
    [
      `fleet summary: orders=${b.stats.orders} reminders=${b.stats.reminders} payments=${b.stats.payments}`,
      ...(finals.length ? finals : ['none-final']),
      ...per,
      `bad-signatures=${r.badSignatures} refused=${r.refused} paid-twice=${twice.length} unsettled=${unsettled}`,
    ].join(' '),
  );
  for (const s of run.stations)
    log.plain(
      `  ${s.id}: paid ${r.paidBy[s.id] ?? 0} payments (${byStation[s.id] ?? 0} PAY commands reached its phones); its window took in ${storeEntries[s.id] ?? 0} of ${storeTotal} orders and reminders`,
    );
  log.plain(
    twice.length === 0
      ? `  no order was PAYed twice: ${pays} PAY commands for ${byOrder.size} orders over ${run.stations.reduce((a, s) => a + s.phones.length, 0)} phones`
      : `  PAYed more than once: ${twice.join(', ')}`,
  );
  log.plain(
    `  every result verified with the fleet secret: ${r.badSignatures === 0 ? 'yes' : `no, ${r.badSignatures} did not`}`,
  );
}

async function shutdown(
  run: FleetRunning,
  log: DemoLog,
  why: string,
  settleMs: number,
  skip: Promise<void>,
): Promise<boolean> {
  log.line('demo', `${why}: stopping the backend, both stations, their phones and adb servers, and Redis…`);
  let clean = true;
  let unsettled = 0;
  let storeEntries: Record<string, number> = {};
  if (run.backend) {
    run.backend.stopPosting();
    unsettled = await Promise.race([run.backend.settle(settleMs), skip.then(() => -1)]);
    if (unsettled !== 0) unsettled = await run.backend.settle(0);
    if (unsettled > 0) log.line('fleet', `${unsettled} payments still have no final result; stopping anyway`);
    storeEntries = await run.backend.ordersTakenIn(STATION_IDS);
  }
  // Both at once: each stops its own station first (its forwards removed), then its phones and adb.
  const stopped = await Promise.all(run.stations.map((s) => stopFleetStation(s, log)));
  if (stopped.includes(false)) clean = false;
  await run.backend?.close();
  if (run.redis) {
    await run.redis.close();
    log.line('demo', `redis-server (pid ${run.redis.pid}) stopped, its data removed`);
  }
  summarise(run, storeEntries, unsettled, log);
  log.plain(clean ? 'demo: stopped cleanly.' : 'demo: stopped, with problems (see above).');
  return clean;
}

/**
 * Waits until a station's `GET /api/v1/fleet` lists every station with its payable phones ready
 * (each station refreshes its status key every 5 s), so the line shows the fleet as it will work.
 */
async function waitForFleet(
  s: FleetStationRun,
  ready: Record<string, number>,
  timeoutMs: number,
): Promise<FleetView | null> {
  const deadline = Date.now() + timeoutMs;
  let view: FleetView | null = null;
  while (Date.now() < deadline) {
    const res = await s.client?.send({ method: 'GET', target: '/api/v1/fleet' }).catch(() => null);
    if (res?.status === 200) {
      view = res.json as FleetView;
      const stations = view.stations;
      if (
        Object.entries(ready).every(([id, n]) => stations.some((st) => st.stationId === id && st.ready >= n))
      )
        return view;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return view;
}

export async function runFleetDemo(args: DemoArgs, log: DemoLog, root: string): Promise<number> {
  const timings = demoTimings(args.fast);
  const run: FleetRunning = { redis: null, stations: STATION_IDS.map(emptyFleetStation), backend: null };
  let skipSettle: () => void = () => undefined;
  const skip = new Promise<void>((resolve) => (skipSettle = resolve));
  // The phones' own answers, and a beat, are all a payment in flight needs to end.
  const settleMs = timings.answerMs[1] * 2 + 2000;
  let stopping: Promise<boolean> | null = null;
  const stop = (why: string) => (stopping ??= shutdown(run, log, why, settleMs, skip));
  let interrupted: ((why: string) => void) | null = null;
  const onSignal = (why: string) => {
    if (stopping) return skipSettle();
    if (interrupted) interrupted(why);
    else void stop(why);
  };
  process.on('SIGINT', () => onSignal('Ctrl-C (SIGINT)'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    log.plain(
      `Cashier Station demo — fleet of ${STATION_IDS.length} stations, ${args.fast ? 'fast' : 'human'} pace, serve mode. Ctrl-C stops everything.\n`,
    );
    run.redis = await startDemoRedisServer();
    const redis = run.redis;
    log.line(
      'demo',
      `private redis-server on 127.0.0.1:${redis.port} (pid ${redis.pid}; appendonly, fsync always; data in ${redis.dir}, removed at exit)`,
    );
    const secret = randomBytes(16).toString('hex');
    const credentials = {
      key: `cs_demo_${randomBytes(4).toString('hex')}`,
      secret: randomBytes(24).toString('hex'),
    };
    const fleet = { redisUrl: redis.url, secret, prefix: PREFIX, storeId: STORE_ID };
    const phoneName = (serial: string | null) => {
      for (const s of run.stations) {
        const p = s.phones.find((x) => x.phone.serial === serial);
        if (p) return `${s.id}/${p.name}`;
      }
      return serial ?? 'no phone';
    };
    // Side by side: an early failure still leaves the other start to finish, so both can be stopped.
    const started = await Promise.allSettled(
      run.stations.map((s, i) =>
        startFleetStation(s, {
          id: s.id,
          root,
          fleet,
          credentials,
          profiles: args.profilesGiven ? args.profiles : DEFAULT_PROFILES[s.id],
          timings,
          fromSource: process.env.CASHIER_DEMO_STATION !== 'built',
          httpPort: args.httpPort === 0 ? 0 : args.httpPort + i,
          dataDir: args.dataDir,
          log,
          phoneName,
        }),
      ),
    );
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const payable = Object.fromEntries(
      run.stations.map((s) => [s.id, s.phones.filter((p) => p.payable).length]),
    );
    await Promise.all(run.stations.map((s) => s.watcher?.waitReady(payable[s.id], 60_000)));
    const view = await waitForFleet(run.stations[0], payable, 15_000);
    const seen = view?.stations
      .map((st) => `${st.stationId} (${st.ready} ready, ${st.free} free)`)
      .join(', ');
    log.line(
      'fleet',
      `GET /api/v1/fleet on ${run.stations[0].id}: redis ${view?.redis ?? '?'}, stations ${seen || 'none yet'}${view?.durabilityWarning ? `; warning: ${view.durabilityWarning}` : ''}`,
    );
    const shown = run.stations.map((s) => ({
      id: s.id,
      apiUrl: s.station?.apiUrl ?? '',
      uiUrl: s.station?.uiUrl ?? null,
      phones: s.phones.length,
    }));
    for (const s of shown) {
      if (s.uiUrl && args.open && openInBrowser(s.uiUrl))
        log.line('demo', `opened ${s.id}'s window: ${s.uiUrl}`);
      else if (!s.uiUrl) log.line('demo', `${s.id}: no built window (npm run build); its API runs alone`);
    }
    log.plain('');
    for (const line of fleetWatchList({
      timings,
      redisPort: redis.port,
      prefix: PREFIX,
      storeId: STORE_ID,
      secret,
      credentials,
      stations: shown,
    }))
      log.plain(line);
    log.plain('');

    run.backend = createFleetBackend({
      redisUrl: redis.url,
      secret,
      prefix: PREFIX,
      storeId: STORE_ID,
      log,
      timings,
      runId: Date.now().toString(36).slice(-6).toUpperCase(),
      phoneName,
    });
    const backend = run.backend;
    const finished = new Promise<string>((resolve) => {
      interrupted = resolve;
      if (args.durationSec !== null)
        setTimeout(
          () => resolve(`--duration ${args.durationSec} s reached`),
          args.durationSec * 1000,
        ).unref();
    });
    void backend.run();
    return (await stop(await finished)) ? 0 : 1;
  } catch (err) {
    log.plain(`demo: ${(err as Error).message}`);
    await stop('the demo could not start');
    return 1;
  }
}
