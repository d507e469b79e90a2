import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallbackReceiver, ReceivedCallback } from '../../src/demo/callback-receiver';
import { startCallbackReceiver } from '../../src/demo/callback-receiver';
import { findFreePort } from '../support/adb-server';
import type { ApiClient } from '../support/api-client';
import { createHttpClient } from '../support/api-client';
import { TEST_CREDENTIALS } from '../support/serve-child';
import { makeTempDir } from '../support/temp-dir';
import { startSoakAdb } from './soak-adb';
import type { SoakAdb } from './soak-adb';
import { newBackendBooks, planPayments, runBackend, sendWithin } from './soak-backend';
import type { SoakReport, StationPayment } from './soak-check';
import { checkSoak } from './soak-check';
import type { FaultContext, FaultRecord } from './soak-faults';
import { createFaultDeck, injectFault } from './soak-faults';
import type { SoakOptions } from './soak-options';
import type { SoakPhone } from './soak-phones';
import { newBooks, plugSoakPhones } from './soak-phones';
import type { SoakHub } from './soak-hub';
import { startSoakHub } from './soak-hub';
import { createRandom } from './soak-random';
import type { SoakStation } from './soak-station';
import type { FleetResult, SoakFleet } from './soak-fleet';
import { startSoakFleet } from './soak-fleet';
import { createSoakStation } from './soak-station';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ACTIVE = ['queued', 'dispatching', 'awaiting_result'];

async function listAll(client: ApiClient): Promise<StationPayment[]> {
  const all: StationPayment[] = [];
  let cursor: string | null = null;
  do {
    const target: string = `/api/v1/payments?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await sendWithin(client, { method: 'GET', target }, 15_000);
    if (res.status !== 200) throw new Error(`GET ${target}: ${res.status} ${res.text}`);
    const page = res.json as { payments: StationPayment[]; nextCursor: string | null };
    all.push(...page.payments);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Payments still queued or in flight (counted up to 200 per state: enough to see progress). */
async function openCount(client: ApiClient): Promise<number> {
  let n = 0;
  for (const status of ACTIVE) {
    const res = await sendWithin(
      client,
      { method: 'GET', target: `/api/v1/payments?status=${status}&limit=200` },
      15_000,
    );
    if (res.status !== 200) throw new Error(`GET payments?status=${status}: ${res.status}`);
    n += (res.json as { payments: unknown[] }).payments.length;
  }
  return n;
}

/** Accepted payments the station does not have (yet): in fleet mode, entries not read from the stream. */
async function unread(client: ApiClient, accepted: Iterable<string>): Promise<number> {
  const known = new Set((await listAll(client)).map((p) => p.orderNo));
  let n = 0;
  for (const orderNo of accepted) if (!known.has(orderNo)) n++;
  return n;
}

/** True once `state` has not changed for `sec` seconds. */
function stallWatch(sec: number): (state: string) => boolean {
  let last = '';
  let since = Date.now();
  return (state) => {
    if (state !== last) {
      last = state;
      since = Date.now();
      return false;
    }
    return Date.now() - since > sec * 1000;
  };
}

async function phonesIn(client: ApiClient, states: readonly string[]): Promise<number> {
  const res = await sendWithin(client, { method: 'GET', target: '/api/v1/devices' }, 10_000);
  if (res.status !== 200) return 0;
  return (res.json as { devices: { state: string }[] }).devices.filter((d) => states.includes(d.state))
    .length;
}

/**
 * One soak run: the station under `npm run serve`, Debian's adb server, simulated phones of the
 * real profiles, a signed backend, a callback receiver, and faults drawn from the seed. Returns the
 * checked report; `log` gets progress lines.
 */
export async function runSoak(
  options: SoakOptions,
  log: (line: string) => void = () => {},
): Promise<SoakReport> {
  const t0 = Date.now();
  const rng = createRandom(options.seed);
  const temp = makeTempDir('cashier-soak-');
  const phoneBooks = newBooks();
  const backendBooks = newBackendBooks();
  const callbacks: ReceivedCallback[] = [];
  const faults: FaultRecord[] = [];
  const trouble: string[] = [];
  let adb: SoakAdb | null = null;
  let station: SoakStation | null = null;
  let phones: SoakPhone[] = [];
  let hub: SoakHub | null = null;
  let receiver: CallbackReceiver | null = null;
  let client: ApiClient | null = null;
  let fleet: SoakFleet | null = null;
  let stopping = false;
  const logFile = path.join(tmpdir(), `cashier-soak-seed${options.seed}-${process.pid}-station.log`);
  try {
    adb = await startSoakAdb();
    const httpPort = await findFreePort();
    if (options.fleet) fleet = await startSoakFleet();
    station = createSoakStation({
      dataDir: temp.dir,
      httpPort,
      adbPort: adb.port,
      env: { ...adb.env, ...fleet?.stationEnv },
      logFile,
      extraArgs: fleet?.stationArgs,
    });
    const onCallback = (cb: ReceivedCallback) => callbacks.push(cb);
    receiver = await startCallbackReceiver(TEST_CREDENTIALS, onCallback);
    const callbackUrl = receiver.url;
    const callbackPort = Number(new URL(callbackUrl).port);
    let receiverUp = true;
    const receiverControl = {
      async down() {
        if (!receiverUp) return;
        receiverUp = false;
        await receiver!.close();
      },
      async up() {
        if (receiverUp) return;
        receiver = await startCallbackReceiver(TEST_CREDENTIALS, onCallback, { port: callbackPort });
        receiverUp = true;
      },
    };

    phones = await plugSoakPhones(
      options.phones,
      { host: '127.0.0.1', port: adb.port },
      rng.fork(1),
      phoneBooks,
    );
    hub = startSoakHub({ host: '127.0.0.1', port: adb.port }, phones);
    await station.start();
    client = createHttpClient(station.apiUrl, { credentials: TEST_CREDENTIALS, maxSockets: 64 });
    const c = client;
    const readyBy = Date.now() + 60_000;
    while ((await phonesIn(c, ['ready']).catch(() => 0)) < phones.length) {
      if (Date.now() > readyBy)
        throw new Error(`the phones did not all get ready in 60 s\n${station.tail()}`);
      await sleep(200);
    }
    log(
      `soak: ${phones.length} phones ready (${phones.map((p) => p.name).join(', ')}); posting ${options.payments} payments at ${options.rate}/s`,
    );

    const planned = planPayments(options.payments, options.seed, rng.fork(2));
    const postUntil =
      options.durationSec === null ? Number.MAX_SAFE_INTEGER : t0 + options.durationSec * 1000;
    let posted = 0;
    const backend = runBackend({
      client: () => c,
      payments: planned,
      rate: options.rate,
      callbackUrl,
      books: backendBooks,
      postUntil,
      onPosted: (n) => (posted = n),
      ...(fleet ? { addToStream: (body: Record<string, unknown>) => fleet!.add(body) } : {}),
    });

    const ctx: FaultContext = {
      rng: rng.fork(3),
      phones,
      adb,
      hub,
      station,
      receiver: receiverControl,
      redis: fleet ? fleet.redis : null,
      log: faults,
      phonesInUse: () => phonesIn(c, ['ready', 'busy']).catch(() => 0),
      trouble,
      stopping: () => stopping,
    };
    // Faults go on while any payment is open: until every posted payment is final.
    let quiet = false;
    const faultLoop = (async () => {
      if (options.faultEverySec === 0 || options.faults.length === 0) return;
      const next = createFaultDeck(options.faults, ctx.rng);
      while (!quiet) {
        const gap = options.faultEverySec * 1000 * (0.5 + ctx.rng.next());
        const until = Date.now() + gap;
        while (!quiet && Date.now() < until) await sleep(Math.min(200, until - Date.now()));
        if (quiet) break;
        const kind = next();
        try {
          const rec = await injectFault(ctx, kind);
          if (rec) log(`soak: fault ${kind}${rec.phone ? ` on ${rec.phone}` : ''}: ${rec.detail}`);
        } catch (err) {
          trouble.push(`fault ${kind} failed: ${(err as Error).message}`);
        }
      }
    })();
    const progress =
      options.progressSec > 0
        ? setInterval(() => {
            const s = ((Date.now() - t0) / 1000).toFixed(0);
            log(
              `soak: ${s} s, ${posted} posted, ${backendBooks.accepted.size} accepted, ${callbacks.length} callbacks, ${faults.length} faults`,
            );
          }, options.progressSec * 1000)
        : null;

    const postedCount = await backend;
    log(`soak: posting done (${postedCount}); faults go on until every payment is final`);
    let lastOpenLog = Date.now();
    const quietStall = stallWatch(options.drainSec);
    for (;;) {
      let open = await openCount(c).catch(() => -1);
      // Fleet mode: entries still waiting in the stream (a station reads only for free phones)
      // are open too, though the station does not know them yet.
      if (open === 0 && fleet) open = await unread(c, backendBooks.accepted.keys()).catch(() => -1);
      if (open === 0) break;
      if (quietStall(`${open}/${callbacks.length}`)) {
        trouble.push(`no payment became final for ${options.drainSec} s (${open} open)`);
        break;
      }
      if (options.progressSec > 0 && Date.now() - lastOpenLog >= options.progressSec * 1000) {
        lastOpenLog = Date.now();
        log(`soak: ${open < 0 ? 'station not answering' : `${open} payments still open`}`);
      }
      await sleep(1000);
    }
    quiet = true;
    await faultLoop;
    stopping = true;
    // Let every fault finish recovering (phones replugged, apps revived, the receiver back).
    const recoverBy = Date.now() + 30_000;
    while (faults.some((f) => f.endAt === null && f.kind !== 'late_notification') && Date.now() < recoverBy)
      await sleep(100);
    await receiverControl.up();
    for (const p of phones) if (!p.plugged) trouble.push(`${p.name} was never replugged`);

    // Drain: every payment final, every final state's callback in.
    log(
      `soak: faults stopped; waiting for final states and callbacks (up to ${options.drainSec} s without progress)`,
    );
    const drainStall = stallWatch(options.drainSec);
    let list: StationPayment[] = [];
    for (;;) {
      list = await listAll(c);
      const active = list.filter((p) => ACTIVE.includes(p.status)).length;
      const events = new Set(callbacks.filter((cb) => cb.signatureOk).map((cb) => cb.orderNo));
      const waiting = list.filter((p) => !ACTIVE.includes(p.status) && !events.has(p.orderNo)).length;
      const known = new Set(list.map((p) => p.orderNo));
      const notRead = [...backendBooks.accepted.keys()].filter((o) => !known.has(o)).length;
      if (active === 0 && waiting === 0 && notRead === 0) break;
      if (drainStall(`${active}/${waiting}/${notRead}/${callbacks.length}`)) {
        trouble.push(
          `drain: ${options.drainSec} s without progress, ${active} payments not final, ${waiting} callbacks not in, ${notRead} accepted payments unknown to the station`,
        );
        break;
      }
      await sleep(2000);
    }
    if (progress) clearInterval(progress);

    // A clean stop: the station removes its forwards; then nothing may be left.
    const code = await station.stop();
    if (code !== 0) trouble.push(`the station exited with ${code} on SIGTERM\n${station.tail(20)}`);
    const forwards = adb.forwards();
    const serials = new Map(phones.map((p) => [p.name, p.sim.serial]));
    const fleetResults: FleetResult[] | null = fleet ? await fleet.results() : null;
    if (fleet) {
      await fleet.close();
      fleet = null;
    }
    await hub.stop();
    hub = null;
    for (const p of phones) await p.sim.close();
    phones = [];
    await adb.close();
    const processes = [...station.leftovers(), ...adb.leftovers()];
    adb = null;

    const report = checkSoak({
      options,
      seconds: (Date.now() - t0) / 1000,
      plannedCount: planned.length,
      posted: postedCount,
      backend: backendBooks,
      phones: phoneBooks,
      serials,
      faults,
      station: list,
      callbacks,
      leftovers: { processes, forwards },
      trouble,
      fleetResults,
    });
    if (options.jsonPath) writeFileSync(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    // The station's own lines are kept where a run failed, for whoever looks into it.
    if (report.ok) rmSync(logFile, { force: true });
    else log(`soak: the station's log is in ${logFile}`);
    return report;
  } finally {
    stopping = true;
    client?.close();
    if (station?.running) await station.killGroup();
    await hub?.stop();
    for (const p of phones) await p.sim.close().catch(() => {});
    await receiver?.close().catch(() => {});
    await fleet?.close().catch(() => {});
    await adb?.close();
    temp.cleanup();
  }
}
