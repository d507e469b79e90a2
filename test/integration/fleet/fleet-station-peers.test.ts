import { spawn } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { entryFields, signEntry } from '../../../src/main/core/fleet/fleet-signing';
import { STATION_ID_FILE } from '../../../src/main/core/fleet/fleet-config';
import { waitFor } from '../../support/adb-station';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';
import type { TestRedisServer } from '../../support/redis-server';
import { startTestRedisServer } from '../../support/redis-server';
import { makeTempDir } from '../../support/temp-dir';

// A real station core in fleet mode against peers nobody on the team wrote the other side of:
// docs/FLEET.md's backend examples run by a real PHP (phpredis) and a real Node, and a redis-server
// without persistence, which the station must warn about.

const ROOT = path.resolve(__dirname, '../../..');
const SECRET = 'fleet-secret-0123456789abcdef';
const qr = (tag: string) => `https://qr.alipay.com/fkx?amount=2.50&t=${tag}`;

let redis: TestRedisServer;
let backend: Redis;
let prefix = '';
let n = 0;
const rigs: CoreRig[] = [];

beforeAll(async () => {
  redis = await startTestRedisServer({ aof: true });
  backend = new Redis(redis.url, { protocol: 2 });
  // It reconnects by itself after the kill below.
  backend.on('error', () => undefined);
});
afterAll(async () => {
  backend.disconnect();
  await redis.close();
});
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function station(url: string, stationId: string | undefined, dataDir?: string): Promise<CoreRig> {
  const rig = await createCoreRig({
    ...(dataDir ? { dataDir } : {}),
    env: {
      ...process.env,
      STATION_API_KEY: 'cs_rig_key_0001',
      STATION_API_SECRET: 'rig-secret-0123456789abcdef',
      STATION_FLEET_SECRET: SECRET,
    },
    settingsOverrides: {
      fleet: { redisUrl: url, ...(stationId ? { stationId } : {}), prefix },
      payments: { resultTimeoutMs: 3_000, settleMs: 500, minResultMs: 0 },
    },
  });
  rigs.push(rig);
  return rig;
}

function runExample(
  command: string,
  file: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, [path.join(ROOT, file), ...args], {
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        STATION_FLEET_SECRET: SECRET,
        FLEET_PREFIX: prefix,
        FLEET_WAIT_SEC: '20',
      },
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a fleet station with real peers', () => {
  it.each([
    ['php', 'examples/fleet-backend.php'],
    [process.execPath, 'examples/fleet-backend.mjs'],
  ])(
    '%s runs docs/FLEET.md’s example against it: pay, then a cancel after the final state changes nothing',
    async (command, file) => {
      prefix = `e${++n}:`;
      const rig = await station(redis.url, `EX${n}`);
      const phone = await rig.addPhone({
        model: `EX${n}`,
        app: { defaultBehavior: { kind: 'notify', afterMs: 50 } },
      });
      await rig.waitReady(phone);
      const orderNo = `EX-${n}`;
      const paid = await runExample(command, file, ['pay', orderNo, '2.50', qr(orderNo)]);
      expect(paid.code, paid.stderr).toBe(0);
      expect(JSON.parse(paid.stdout.trim().split('\n').at(-1)!)).toMatchObject({
        orderNo,
        status: 'succeeded',
        amount: '2.50',
      });
      expect(phone.app.commands.map((c) => c.msg)).toEqual([qr(orderNo)]);

      // After: the payment is final; the cancel is taken and changes nothing.
      const cancelled = await runExample(command, file, ['cancel', orderNo]);
      expect(cancelled.code, cancelled.stderr).toBe(0);
      await waitFor('cancel read', async () => {
        const groups = (await backend.xinfo('GROUPS', `${prefix}cancels`)) as unknown[][];
        return groups.some((g) => g.includes('entries-read') && g[g.indexOf('entries-read') + 1] === 1);
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(rig.core.payments.get(orderNo)?.status).toBe('succeeded');
      const finals = ((await backend.xrange(`${prefix}results`, '-', '+')) as Array<[string, string[]]>)
        .map(([, f]) => entryFields(f))
        .filter(
          (f) => f.orderNo === orderNo && f.payment && /"status":"(succeeded|cancelled)"/.test(f.payment),
        );
      expect(finals).toHaveLength(1);
    },
    60_000,
  );

  it('warns when Redis could lose the backlog, and keeps a generated station id in its data folder', async () => {
    prefix = `d${++n}:`;
    const volatile = await startTestRedisServer({ aof: false });
    try {
      const data = makeTempDir('fleet-id-');
      const first = await station(volatile.url, undefined, data.dir);
      const view = await first.core.bridge.fleet.view();
      expect(view.durabilityWarning).toMatch(/appendonly/);
      expect(view.stationId).toMatch(/^st-[0-9a-f]{8}$/);
      await first.close();
      rigs.splice(rigs.indexOf(first), 1);
      const again = await station(volatile.url, undefined, data.dir);
      expect((await again.core.bridge.fleet.view()).stationId).toBe(view.stationId);
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(path.join(data.dir, STATION_ID_FILE), 'utf8').trim()).toBe(view.stationId);
      // A status key of its own, with the TTL of the contract.
      const r = new Redis(volatile.url, { protocol: 2 });
      try {
        const ttl = await r.ttl(`${prefix}station:${view.stationId}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(15);
      } finally {
        r.disconnect();
      }
    } finally {
      await volatile.close();
    }
  }, 60_000);

  it('a payment added before any station ran is taken when the first one starts', async () => {
    prefix = `b${++n}:`;
    const key = `${prefix}payments`;
    const body = JSON.stringify({ orderNo: 'EARLY', amount: '2.50', qrCode: qr('EARLY') });
    const s = signEntry(SECRET, 'XADD', key, body, Math.floor(Date.now() / 1000));
    await backend.xadd(key, '*', 'body', body, 'ts', s.ts, 'nonce', s.nonce, 'sig', s.sig);
    const rig = await station(redis.url, `B${n}`);
    const phone = await rig.addPhone({
      model: 'EARLY',
      app: { defaultBehavior: { kind: 'notify', afterMs: 30 } },
    });
    await rig.waitReady(phone);
    expect((await rig.final('EARLY')).status).toBe('succeeded');
  }, 60_000);

  it('stops while Redis is down (found by the test above: stop waited for Redis forever), and publishes the rest at the next start', async () => {
    prefix = `s${++n}:`;
    const data = makeTempDir('fleet-down-');
    const rig = await station(redis.url, `DOWN${n}`, data.dir);
    const phone = await rig.addPhone({
      model: 'DOWN',
      app: { defaultBehavior: { kind: 'notify', afterMs: 30 } },
    });
    await rig.waitReady(phone);
    await redis.kill();
    // Paid over HTTP while Redis is away: its results wait in the outbox.
    rig.core.payments.create({ orderNo: 'DOWN-1', amountFen: 250, qrCode: qr('DOWN-1') });
    expect((await rig.final('DOWN-1')).status).toBe('succeeded');
    expect((await rig.core.bridge.fleet.view()).outboxPending).toBeGreaterThan(0);
    await rig.close();
    rigs.splice(rigs.indexOf(rig), 1);
    await redis.restart();
    await station(redis.url, `DOWN${n}`, data.dir);
    const published = await waitFor(
      'published after restart',
      async () => {
        const entries = (await backend.xrange(`${prefix}results`, '-', '+')) as Array<[string, string[]]>;
        return entries
          .map(([, f]) => entryFields(f))
          .find((f) => f.orderNo === 'DOWN-1' && /succeeded/.test(f.payment ?? ''));
      },
      15_000,
    );
    expect(published.stationId).toBe(`DOWN${n}`);
    data.cleanup();
  }, 60_000);
});
