import { Redis } from 'ioredis';
import { performance } from 'node:perf_hooks';
import { entryFields, signEntry } from '../src/main/core/fleet/fleet-signing';
import { createHttpClient } from '../test/support/api-client';
import { waitFor } from '../test/support/adb-station';
import type { CoreRig } from '../test/support/core-rig';
import { createCoreRig } from '../test/support/core-rig';
import { startTestRedisServer } from '../test/support/redis-server';

/**
 * Fleet mode: 3 station cores × 4 instant simulated phones (each station its own real adb
 * server) over one real redis-server with AOF (appendfsync always), against the local HTTP path
 * of one of those stations in the same run.
 * - latency: one payment at a time, XADD → PAY at the phone, and signed POST → PAY;
 * - throughput: a burst of payments added at once, first add → last final result.
 * All three cores share this process (2 cores on this machine): the figures are a floor for
 * the machine, not for Redis.
 */
const SECRET = 'fleet-bench-secret-0123456789';
const CREDS = { key: 'cs_rig_key_0001', secret: 'rig-secret-0123456789abcdef' };
const PREFIX = 'bench:';
const LATENCY_N = 150;
const WARMUP = 15;
const BURST = 1_200;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export async function run(): Promise<void> {
  const redis = await startTestRedisServer({ aof: true });
  const backend = new Redis(redis.url, { protocol: 2 });
  const rigs: CoreRig[] = [];
  try {
    for (const id of ['A', 'B', 'C']) {
      const rig = await createCoreRig({
        env: {
          ...process.env,
          STATION_API_KEY: CREDS.key,
          STATION_API_SECRET: CREDS.secret,
          STATION_FLEET_SECRET: SECRET,
        },
        settingsOverrides: {
          fleet: { redisUrl: redis.url, stationId: id, prefix: PREFIX },
          payments: { minResultMs: 0 },
          // Back-to-back payments on one phone: the previous success verifies it.
          care: { heartbeatSec: 600 },
        },
      });
      rigs.push(rig);
      for (let i = 0; i < 4; i++) {
        const p = await rig.addPhone({
          model: `${id}${i}`,
          app: { defaultBehavior: { kind: 'notify', afterMs: 0 } },
        });
        await rig.waitReady(p);
      }
    }
    const phones = rigs.flatMap((r) => r.phones);
    /** When the PAY for `tag` reached a phone app (Date.now of the simulator), or undefined. */
    const arrivedAt = (tag: string) => {
      for (const p of phones) for (const c of p.app.commands) if (c.msg.endsWith(`t=${tag}`)) return c.at;
      return undefined;
    };
    const body = (orderNo: string) =>
      JSON.stringify({
        orderNo,
        amount: '1.00',
        qrCode: `https://qr.alipay.com/fkx?amount=1.00&t=${orderNo}`,
      });
    const xadd = async (orderNo: string) => {
      const b = body(orderNo);
      const s = signEntry(SECRET, 'XADD', `${PREFIX}payments`, b, Math.floor(Date.now() / 1000));
      await backend.xadd(`${PREFIX}payments`, '*', 'body', b, 'ts', s.ts, 'nonce', s.nonce, 'sig', s.sig);
    };
    const finalCount = async () => {
      const entries = (await backend.xrange(`${PREFIX}results`, '-', '+')) as Array<[string, string[]]>;
      let n = 0;
      for (const [, flat] of entries) {
        const f = entryFields(flat);
        if (f.payment && /"status":"(succeeded|failed|unknown|cancelled|expired)"/.test(f.payment)) n++;
      }
      return n;
    };

    // Latency, one at a time.
    const fleetLat: number[] = [];
    for (let i = 0; i < LATENCY_N + WARMUP; i++) {
      const tag = `L${i}`;
      const t0 = Date.now();
      await xadd(tag);
      const at = await waitFor(`PAY ${tag}`, () => arrivedAt(tag), 10_000);
      if (i >= WARMUP) fleetLat.push(at - t0);
      await waitFor(
        `${tag} final`,
        () => rigs.some((r) => r.core.payments.get(tag)?.status === 'succeeded'),
        10_000,
      );
    }
    const apiUrl = rigs[0].apiUrl;
    const client = createHttpClient(apiUrl, { credentials: CREDS });
    const httpLat: number[] = [];
    for (let i = 0; i < LATENCY_N + WARMUP; i++) {
      const tag = `H${i}`;
      const t0 = Date.now();
      const res = await client.send({
        method: 'POST',
        target: '/api/v1/payments',
        body: JSON.parse(body(tag)) as object,
      });
      if (res.status !== 202) throw new Error(`POST answered ${res.status}: ${JSON.stringify(res.json)}`);
      const at = await waitFor(`PAY ${tag}`, () => arrivedAt(tag), 10_000);
      if (i >= WARMUP) httpLat.push(at - t0);
      await rigs[0].final(tag);
    }
    console.log(
      `fleet: XADD → PAY (one at a time): p50 ${pct(fleetLat, 50)} ms, p99 ${pct(fleetLat, 99)} ms (n=${fleetLat.length})`,
    );
    console.log(
      `fleet: local HTTP POST → PAY, same run: p50 ${pct(httpLat, 50)} ms, p99 ${pct(httpLat, 99)} ms (n=${httpLat.length})`,
    );
    console.log(
      `fleet: ratio fleet / HTTP: p50 ${(pct(fleetLat, 50) / Math.max(1, pct(httpLat, 50))).toFixed(2)}×, p99 ${(pct(fleetLat, 99) / Math.max(1, pct(httpLat, 99))).toFixed(2)}×`,
    );

    // Throughput: a burst over all 12 phones.
    const before = await finalCount();
    const t0 = performance.now();
    const pipe = backend.pipeline();
    for (let i = 0; i < BURST; i++) {
      const b = body(`B${i}`);
      const s = signEntry(SECRET, 'XADD', `${PREFIX}payments`, b, Math.floor(Date.now() / 1000));
      pipe.xadd(`${PREFIX}payments`, '*', 'body', b, 'ts', s.ts, 'nonce', s.nonce, 'sig', s.sig);
    }
    await pipe.exec();
    await waitFor('burst final', async () => (await finalCount()) - before >= BURST, 300_000);
    const fleetSec = (performance.now() - t0) / 1000;
    // The same burst through one station's HTTP API (its 4 phones).
    const t1 = performance.now();
    const posts: Promise<unknown>[] = [];
    for (let i = 0; i < BURST / 3; i++) {
      posts.push(
        client.send({
          method: 'POST',
          target: '/api/v1/payments',
          body: JSON.parse(body(`HB${i}`)) as object,
        }),
      );
    }
    await Promise.all(posts);
    for (let i = 0; i < BURST / 3; i++) await rigs[0].final(`HB${i}`, 120_000);
    const httpSec = (performance.now() - t1) / 1000;
    const fleetRate = BURST / fleetSec;
    const httpRate = BURST / 3 / httpSec;
    console.log(
      `fleet: burst of ${BURST} over 3 stations × 4 phones: ${fleetRate.toFixed(0)} payments/s (${fleetSec.toFixed(1)} s)`,
    );
    console.log(
      `fleet: burst of ${BURST / 3} over one station's HTTP API (4 phones): ${httpRate.toFixed(0)} payments/s; fleet / one station ${(fleetRate / httpRate).toFixed(2)}×`,
    );
    const info = await backend.info('commandstats');
    const xaddStat = /cmdstat_xadd:calls=(\d+),usec=(\d+)/.exec(info);
    const xread = /cmdstat_xreadgroup:calls=(\d+),usec=(\d+)/.exec(info);
    const set = /cmdstat_set:calls=(\d+),usec=(\d+)/.exec(info);
    const per = (m: RegExpExecArray | null) =>
      m ? `${m[1]} calls, ${(Number(m[2]) / Number(m[1])).toFixed(1)} µs each` : 'n/a';
    console.log(
      `fleet: redis time per command: XADD ${per(xaddStat)}; XREADGROUP ${per(xread)}; SET ${per(set)}`,
    );
    // What one Redis limits: its own CPU time per payment, over every command of the run.
    let usec = 0;
    const byCommand: Array<[string, number]> = [];
    for (const m of info.matchAll(/cmdstat_(\w+):calls=\d+,usec=(\d+)/g)) {
      byCommand.push([m[1], Number(m[2])]);
      // The bench's own reads (it polls the whole results stream with XRANGE) are not the stations'.
      if (m[1] !== 'xrange' && m[1] !== 'info') usec += Number(m[2]);
    }
    byCommand.sort((x, y) => y[1] - x[1]);
    console.log(
      `fleet: redis CPU by command: ${byCommand
        .slice(0, 6)
        .map(([c, u]) => `${c} ${(u / 1000).toFixed(0)} ms`)
        .join(', ')}`,
    );
    const perPayment = usec / (LATENCY_N + WARMUP + BURST);
    console.log(
      `fleet: redis CPU per fleet payment (the stations' commands: intake, claims, results, status; not the bench's XRANGE polling): ${perPayment.toFixed(0)} µs → one Redis core tops out near ${Math.round(1e6 / perPayment)} payments/s`,
    );
    console.log(
      'fleet: note: the three station cores and their 12 phones share this one Node process (2 CPU cores here), so the fleet burst is bounded by this process, not by Redis',
    );
  } finally {
    for (const r of rigs) await r.close();
    backend.disconnect();
    await redis.close();
  }
}
