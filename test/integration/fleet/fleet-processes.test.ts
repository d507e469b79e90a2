import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { entryFields, signEntry, verifyEntry } from '../../../src/main/core/fleet/fleet-signing';
import type { SimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { waitFor } from '../../support/adb-station';
import type { TestAdbServer } from '../../support/adb-server';
import { startTestAdbServer } from '../../support/adb-server';
import type { TestRedisServer } from '../../support/redis-server';
import { startTestRedisServer } from '../../support/redis-server';
import type { ServeChild } from '../../support/serve-child';
import { TEST_CREDENTIALS, fastStationArgs, startServeChild } from '../../support/serve-child';
import { createHttpClient } from '../../support/api-client';
import { makeTempDir } from '../../support/temp-dir';

// The fleet as it runs in a shop: `npm run serve -- --fleet …` child processes (src/main/headless.ts),
// each with its own real adb server and simulated phones, one real redis-server with AOF on, and
// a backend (this test, with ioredis) adding signed payments. The truth is what the phone apps
// received: each order's PAY must appear exactly once across every phone of every station.

const SECRET = 'fleet-secret-0123456789abcdef';
const FINAL = ['succeeded', 'failed', 'unknown', 'cancelled', 'expired'];
const qr = (orderNo: string) => `https://qr.alipay.com/fkx?amount=1.00&t=${orderNo}`;

let redis: TestRedisServer;
let backend: Redis;
let prefix = '';
let n = 0;

interface Station {
  id: string;
  adb: TestAdbServer;
  phones: SimulatedPhone[];
  dataDir: string;
  child: ServeChild | null;
  cleanup: () => void;
}
const stations: Station[] = [];

beforeAll(async () => {
  redis = await startTestRedisServer({ aof: true });
  backend = new Redis(redis.url, { protocol: 2 });
  // It reconnects by itself after the Redis kill below.
  backend.on('error', () => undefined);
});
afterAll(async () => {
  backend.disconnect();
  await redis.close();
});
afterEach(async () => {
  for (const s of stations.splice(0)) {
    await s.child?.kill();
    for (const p of s.phones) await p.close();
    await s.adb.close();
    s.cleanup();
  }
});

async function run(s: Station): Promise<void> {
  s.child = await startServeChild(
    [
      ...fastStationArgs(s.dataDir, s.adb.port),
      '--fleet',
      redis.url,
      '--station-id',
      s.id,
      '--store-id',
      'shop1',
      '--fleet-prefix',
      prefix,
    ],
    { env: { STATION_FLEET_SECRET: SECRET } },
  );
}

async function station(id: string, phones: number, afterMs = 40): Promise<Station> {
  const temp = makeTempDir(`fleet-${id}-`);
  const adb = await startTestAdbServer();
  const s: Station = { id, adb, phones: [], dataDir: temp.dir, child: null, cleanup: temp.cleanup };
  stations.push(s);
  for (let i = 0; i < phones; i++) {
    const p = createSimulatedPhone({
      model: `${id}-${i}`,
      app: { defaultBehavior: { kind: 'notify', afterMs } },
    });
    await p.listen();
    await p.plugInto({ host: '127.0.0.1', port: adb.port });
    s.phones.push(p);
  }
  await run(s);
  return s;
}

async function addPayments(orderNos: string[]): Promise<void> {
  const key = `${prefix}payments`;
  const pipe = backend.pipeline();
  for (const orderNo of orderNos) {
    const body = JSON.stringify({ orderNo, amount: '1.00', qrCode: qr(orderNo) });
    const s = signEntry(SECRET, 'XADD', key, body, Math.floor(Date.now() / 1000));
    pipe.xadd(key, '*', 'body', body, 'ts', s.ts, 'nonce', s.nonce, 'sig', s.sig);
  }
  await pipe.exec();
}

/** The final result of every order on the results stream (verified), and how many finals each got. */
async function finals(): Promise<Map<string, { status: string; stationId: string; count: number }>> {
  const out = new Map<string, { status: string; stationId: string; count: number }>();
  const entries = (await backend.xrange(`${prefix}results`, '-', '+')) as Array<[string, string[]]>;
  const now = Math.floor(Date.now() / 1000);
  for (const [, flat] of entries) {
    const f = entryFields(flat);
    if (!f.payment) continue;
    if (!verifyEntry(SECRET, 'RESULT', `${prefix}results`, f, f.payment, now).ok)
      throw new Error(`a result that does not verify: ${JSON.stringify(f)}`);
    const p = JSON.parse(f.payment) as { status: string };
    if (!FINAL.includes(p.status)) continue;
    const seen = out.get(f.orderNo);
    out.set(f.orderNo, { status: p.status, stationId: f.stationId, count: (seen?.count ?? 0) + 1 });
  }
  return out;
}

/** How many times each order was PAYed, over every phone of every station (any app generation). */
function pays(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of stations)
    for (const p of s.phones)
      for (const c of p.app.commands) {
        const m = /t=([\w-]+)$/.exec(c.msg);
        if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
      }
  return counts;
}

function expectExactlyOnce(orders: string[], fin: Map<string, { status: string }>): void {
  const paid = pays();
  const twice = orders.filter((o) => (paid.get(o) ?? 0) > 1);
  expect(twice, 'PAYed twice').toEqual([]);
  const lost = orders.filter((o) => !fin.has(o));
  expect(lost, 'no final result').toEqual([]);
  // Every succeeded one was PAYed exactly once.
  const unpaid = orders.filter((o) => fin.get(o)!.status === 'succeeded' && paid.get(o) !== 1);
  expect(unpaid, 'succeeded without exactly one PAY').toEqual([]);
}

describe('a fleet of serve processes over one redis-server', () => {
  it('3 stations × 2 phones, 600 signed payments: each PAYed once fleet-wide, every result published', async () => {
    prefix = `p${++n}:`;
    await Promise.all([station('A', 2), station('B', 2), station('C', 2)]);
    const orders = Array.from({ length: 600 }, (_, i) => `M${i}`);
    await addPayments(orders);
    const fin = await waitFor(
      'all final',
      async () => {
        const f = await finals();
        return orders.every((o) => f.has(o)) ? f : null;
      },
      240_000,
    );
    expectExactlyOnce(orders, fin);
    expect(orders.filter((o) => fin.get(o)!.status !== 'succeeded')).toEqual([]);
    // Each final went out once per order (the outbox deduplicates by order and status).
    expect([...fin.values()].filter((f) => f.count !== 1)).toEqual([]);
    const by = new Map<string, number>();
    for (const f of fin.values()) by.set(f.stationId, (by.get(f.stationId) ?? 0) + 1);
    expect([...by.keys()].sort()).toEqual(['A', 'B', 'C']);
  }, 300_000);

  it('a station SIGKILLed mid-burst and restarted: nothing lost, nothing PAYed twice, its in-flight ones unknown', async () => {
    prefix = `p${++n}:`;
    const a = await station('KA', 2, 300);
    await station('KB', 2, 300);
    const orders = Array.from({ length: 60 }, (_, i) => `K${i}`);
    await addPayments(orders);
    await waitFor('KA paying', () => a.phones.some((p) => p.app.commands.length >= 2), 30_000);
    await a.child!.kill();
    await new Promise((r) => setTimeout(r, 500));
    await run(a);
    const fin = await waitFor(
      'all final',
      async () => {
        const f = await finals();
        return orders.every((o) => f.has(o)) ? f : null;
      },
      120_000,
    );
    expectExactlyOnce(orders, fin);
    const unknown = orders.filter((o) => fin.get(o)!.status === 'unknown');
    // What the killed station had on a phone when it died, and only that.
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    for (const o of unknown) expect(fin.get(o)!.stationId).toBe('KA');
    for (const o of unknown) expect(pays().get(o) ?? 0).toBeLessThanOrEqual(1);
  }, 180_000);

  it('Redis SIGKILLed and restarted mid-burst (AOF on): stations reconnect, nothing lost or PAYed twice, buffered results published', async () => {
    prefix = `p${++n}:`;
    const ra = await station('RA', 2, 100);
    await station('RB', 2, 100);
    const orders = Array.from({ length: 120 }, (_, i) => `R${i}`);
    await addPayments(orders);
    await waitFor('some final', async () => (await finals()).size >= 10, 60_000);
    await redis.kill();
    // While it is down the stations keep paying what they hold; results wait in their outboxes.
    const buffered = await waitFor(
      'results buffered',
      async () => {
        const v = (await liveFleetView(ra)) as unknown as { redis: string; outboxPending: number };
        return v.outboxPending > 0 ? v : null;
      },
      10_000,
    );
    expect(buffered.redis).toBe('connecting');
    await redis.restart();
    const fin = await waitFor(
      'all final',
      async () => {
        const f = await finals().catch(() => new Map());
        return orders.every((o) => f.has(o)) ? f : null;
      },
      120_000,
    );
    expectExactlyOnce(orders, fin);
    expect(orders.filter((o) => fin.get(o)!.status !== 'succeeded')).toEqual([]);
  }, 180_000);

  it('a station that stays dead: its claims are never taken over, and the fleet view shows them', async () => {
    prefix = `p${++n}:`;
    const dead = await station('DEAD', 1, 5_000);
    // The live station's phone app is down at first, so only DEAD can take the payment.
    const live = await station('LIVE', 1, 30);
    live.phones[0].app.stopApp();
    await addPayments(['D1']);
    await waitFor('D1 on DEAD', () => dead.phones[0].app.commands.some((c) => c.msg === qr('D1')), 30_000);
    await dead.child!.kill();
    dead.child = null;
    live.phones[0].app.startApp();
    // DEAD's status key expires (15 s); its claim stays, and nobody takes D1 over.
    await waitFor(
      'orphan shown',
      async () => {
        const view = await liveFleetView(live);
        return view.orphanedClaims.some((c) => c.orderNo === 'D1' && c.stationId === 'DEAD') ? view : null;
      },
      40_000,
    );
    // LIVE is up with a free phone, and still D1 never reached it.
    await addPayments(['D2']);
    await waitFor('D2 paid by LIVE', async () => (await finals()).get('D2')?.stationId === 'LIVE', 30_000);
    expect(live.phones[0].app.commands.some((c) => c.msg === qr('D1'))).toBe(false);
    expect(await backend.get(`${prefix}claim:D1`)).toBe('DEAD');
    expect((await finals()).has('D1')).toBe(false);
  }, 120_000);
});

/** GET /api/v1/fleet of a serve child, signed as the backend signs every request. */
async function liveFleetView(
  s: Station,
): Promise<{ orphanedClaims: Array<{ orderNo: string; stationId: string }> }> {
  const client = createHttpClient(s.child!.apiUrl, { credentials: TEST_CREDENTIALS });
  const r = await client.send({ method: 'GET', target: '/api/v1/fleet' });
  return r.json as { orphanedClaims: Array<{ orderNo: string; stationId: string }> };
}
