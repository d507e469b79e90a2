import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signEntry, entryFields, verifyEntry } from '../../../src/main/core/fleet/fleet-signing';
import { FleetConfigError } from '../../../src/main/core/fleet/fleet-config';
import { createCoreRig } from '../../support/core-rig';
import type { CoreRig } from '../../support/core-rig';
import { waitFor } from '../../support/adb-station';
import type { TestRedisServer } from '../../support/redis-server';
import { startTestRedisServer } from '../../support/redis-server';

// Two station cores in this process, each with its own real adb server and simulated phones,
// sharing one real redis-server: payments added to the stream by a backend (here, this test with
// ioredis) are taken only by a station with a free phone, PAYed once fleet-wide, and their
// results come back signed on the results stream.

const SECRET = 'fleet-secret-0123456789abcdef';
const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;

let redis: TestRedisServer;
let backend: Redis;
const rigs: CoreRig[] = [];
let prefix = '';
let n = 0;

beforeAll(async () => {
  redis = await startTestRedisServer();
  backend = new Redis(redis.url, { protocol: 2 });
});
afterAll(async () => {
  backend.disconnect();
  await redis.close();
});
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function station(stationId: string, phones: number, storeId = 'shop1') {
  const rig = await createCoreRig({
    env: {
      ...process.env,
      STATION_API_KEY: 'cs_rig_key_0001',
      STATION_API_SECRET: 'rig-secret-0123456789abcdef',
      STATION_FLEET_SECRET: SECRET,
    },
    settingsOverrides: {
      fleet: { redisUrl: redis.url, stationId, storeId, prefix },
      payments: { resultTimeoutMs: 3_000, settleMs: 500, minResultMs: 0 },
    },
  });
  rigs.push(rig);
  for (let i = 0; i < phones; i++) {
    const phone = await rig.addPhone({
      model: `${stationId}-P${i}`,
      app: { defaultBehavior: { kind: 'notify', afterMs: 30 } },
    });
    await rig.waitReady(phone);
  }
  return rig;
}

async function addPayment(orderNo: string, body: Record<string, unknown> = {}, sign = SECRET) {
  const json = JSON.stringify({ orderNo, amount: '1.00', qrCode: qr('1.00', orderNo), ...body });
  const key = `${prefix}payments`;
  const s = signEntry(sign, 'XADD', key, json, Math.floor(Date.now() / 1000));
  return backend.xadd(key, '*', 'body', json, 'ts', s.ts, 'nonce', s.nonce, 'sig', s.sig);
}

type Result = { id: string; fields: Record<string, string> };
async function results(): Promise<Result[]> {
  const key = `${prefix}results`;
  const entries = (await backend.xrange(key, '-', '+')) as Array<[string, string[]]>;
  return entries.map(([id, flat]) => ({ id, fields: entryFields(flat) }));
}

function finalOf(rs: Result[], orderNo: string) {
  return rs
    .filter((r) => r.fields.orderNo === orderNo && r.fields.payment)
    .map((r) => JSON.parse(r.fields.payment) as { status: string })
    .find((p) => ['succeeded', 'failed', 'unknown', 'cancelled', 'expired'].includes(p.status));
}

describe('fleet mode over a real redis-server', () => {
  it('refuses to start without the fleet secret', async () => {
    prefix = `t${++n}:`;
    await expect(
      createCoreRig({
        env: { ...process.env, STATION_FLEET_SECRET: '' },
        settingsOverrides: { fleet: { redisUrl: redis.url, stationId: 'nosecret', prefix } },
      }),
    ).rejects.toThrow(FleetConfigError);
  });

  it('two stations share the stream: each payment is PAYed once, every result is signed and published', async () => {
    prefix = `t${++n}:`;
    const a = await station('A', 2);
    const b = await station('B', 1);
    const orders = Array.from({ length: 30 }, (_, i) => `F${i}`);
    for (const o of orders) await addPayment(o);
    const rs = await waitFor(
      'all results',
      async () => {
        const r = await results();
        return orders.every((o) => finalOf(r, o)) ? r : null;
      },
      60_000,
    );
    for (const o of orders) expect(finalOf(rs, o)?.status, o).toBe('succeeded');
    // PAYed exactly once fleet-wide: count what the phone apps received.
    const received = [...a.phones, ...b.phones].flatMap((p) => p.app.commands.map((c) => c.msg));
    for (const o of orders)
      expect(
        received.filter((m) => m === qr('1.00', o)),
        o,
      ).toHaveLength(1);
    // Both stations took some.
    const byStation = new Set(rs.filter((r) => r.fields.payment).map((r) => r.fields.stationId));
    expect(byStation).toEqual(new Set(['A', 'B']));
    // Every result verifies with the fleet secret.
    for (const r of rs) {
      const body = r.fields.payment ?? r.fields.error;
      const v = verifyEntry(
        SECRET,
        'RESULT',
        `${prefix}results`,
        r.fields,
        body,
        Math.floor(Date.now() / 1000),
      );
      expect(v.ok, JSON.stringify(r.fields)).toBe(true);
    }
    // The latest state is kept per order, with a TTL.
    const latest = JSON.parse((await backend.get(`${prefix}payment:F0`))!) as { status: string };
    expect(latest.status).toBe('succeeded');
    expect(await backend.ttl(`${prefix}payment:F0`)).toBeGreaterThan(6 * 86_400);
    // And the claims say who took each.
    const owners = await backend.mget(...orders.map((o) => `${prefix}claim:${o}`));
    expect(owners.every((o) => o === 'A' || o === 'B')).toBe(true);
  }, 90_000);

  it('a station with no free phone reads nothing; forged, stale, replayed and malformed entries are refused with an error result', async () => {
    prefix = `t${++n}:`;
    const a = await station('SOLO', 0);
    await addPayment('W1');
    await new Promise((r) => setTimeout(r, 1_500));
    // Nobody read it: still undelivered in the group.
    const groups = (await backend.xinfo('GROUPS', `${prefix}payments`)) as unknown[][];
    const info = Object.fromEntries(
      Array.from({ length: groups[0].length / 2 }, (_, i) => [groups[0][2 * i], groups[0][2 * i + 1]]),
    );
    expect(info.pending).toBe(0);
    expect(a.core.payments.get('W1')).toBeUndefined();

    // Now a phone: W1 goes out, and the bad ones are refused.
    const phone = await a.addPhone({
      model: 'SOLO-P0',
      app: { defaultBehavior: { kind: 'notify', afterMs: 30 } },
    });
    await a.waitReady(phone);
    const key = `${prefix}payments`;
    const good = JSON.stringify({ orderNo: 'W2', amount: '1.00', qrCode: qr('1.00', 'W2') });
    const now = Math.floor(Date.now() / 1000);
    const forged = signEntry('another-secret-0123456789', 'XADD', key, good, now);
    await backend.xadd(key, '*', 'body', good, 'ts', forged.ts, 'nonce', forged.nonce, 'sig', forged.sig);
    const stale = signEntry(SECRET, 'XADD', key, good, now - 400);
    await backend.xadd(key, '*', 'body', good, 'ts', stale.ts, 'nonce', stale.nonce, 'sig', stale.sig);
    const bad = JSON.stringify({ orderNo: 'W3', amount: '-1', qrCode: 'nope' });
    const badSig = signEntry(SECRET, 'XADD', key, bad, now);
    await backend.xadd(key, '*', 'body', bad, 'ts', badSig.ts, 'nonce', badSig.nonce, 'sig', badSig.sig);
    const ok = signEntry(SECRET, 'XADD', key, good, now, 'replay-nonce-0001');
    await backend.xadd(key, '*', 'body', good, 'ts', ok.ts, 'nonce', ok.nonce, 'sig', ok.sig);
    await backend.xadd(key, '*', 'body', good, 'ts', ok.ts, 'nonce', ok.nonce, 'sig', ok.sig);
    await backend.xadd(key, '*', 'nobody', 'x');

    const rs = await waitFor(
      'refusals',
      async () => {
        const r = await results();
        return r.filter((x) => x.fields.error).length >= 5 && finalOf(r, 'W1') && finalOf(r, 'W2') ? r : null;
      },
      30_000,
    );
    const codes = rs
      .filter((r) => r.fields.error)
      .map((r) => (JSON.parse(r.fields.error) as { code: string }).code);
    expect(codes.sort()).toEqual(
      ['FLEET_BAD_SIGNATURE', 'FLEET_MALFORMED', 'FLEET_REPLAYED', 'FLEET_STALE', 'VALIDATION_FAILED'].sort(),
    );
    // W2 was paid once (the one good entry); W3 never reached a phone.
    expect(phone.app.commands.map((c) => c.msg)).toEqual([qr('1.00', 'W1'), qr('1.00', 'W2')]);
    expect(a.core.payments.get('W3')).toBeUndefined();
    const pending = (await backend.xpending(key, `${prefix}stations`)) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  }, 60_000);

  it('a cancel before the payment wins at claim time; a cancel during it is the HTTP one', async () => {
    prefix = `t${++n}:`;
    const a = await station('C', 1);
    const cancel = async (orderNo: string) => {
      await backend.set(`${prefix}cancel:${orderNo}`, '1');
      const s = signEntry(SECRET, 'XADD', `${prefix}cancels`, orderNo, Math.floor(Date.now() / 1000));
      await backend.xadd(
        `${prefix}cancels`,
        '*',
        'orderNo',
        orderNo,
        'ts',
        s.ts,
        'nonce',
        s.nonce,
        'sig',
        s.sig,
      );
    };
    await cancel('X1');
    await addPayment('X1');
    const refused = await waitFor('X1 refused', async () =>
      (await results()).find((r) => r.fields.orderNo === 'X1' && r.fields.error),
    );
    expect(JSON.parse(refused.fields.error)).toMatchObject({ code: 'ORDER_CANCELLED' });
    expect(a.phones[0].app.commands).toHaveLength(0);

    // During: the phone is slow; the cancel asks, and the payment ends as its result says.
    a.phones[0].app.queueBehavior({ kind: 'notify', afterMs: 1_500 });
    await addPayment('X2');
    await waitFor('X2 on the phone', () => a.phones[0].app.commands.length === 1, 10_000);
    await cancel('X2');
    const final = await waitFor('X2 final', async () => finalOf(await results(), 'X2'), 20_000);
    // Paid before the cancel could stop it: the HTTP semantics record that as refund-needed or succeeded.
    expect(['succeeded', 'cancelled', 'unknown']).toContain(final.status);
    expect(a.core.payments.get('X2')?.cancelRequested).toBe(true);
  }, 60_000);

  it('orders reach every window of their store and no window of another store', async () => {
    prefix = `t${++n}:`;
    const a = await station('S1a', 0, 'shop1');
    const b = await station('S1b', 0, 'shop1');
    const c = await station('S2', 0, 'shop2');
    const stream = `${prefix}store:shop1:orders`;
    const body = JSON.stringify({
      orderNo: 'O1',
      amount: '18.00',
      items: [{ name: '牛肉面', qty: 1, price: '18.00' }],
    });
    const s = signEntry(SECRET, 'XADD', stream, body, Math.floor(Date.now() / 1000));
    await backend.xadd(
      stream,
      '*',
      'type',
      'order',
      'body',
      body,
      'ts',
      s.ts,
      'nonce',
      s.nonce,
      'sig',
      s.sig,
    );
    await waitFor('both windows', () => a.core.orders.get('O1') && b.core.orders.get('O1'), 10_000);
    const reminder = JSON.stringify({ orderNo: 'O1', eventId: 'rush-1' });
    const r = signEntry(SECRET, 'XADD', stream, reminder, Math.floor(Date.now() / 1000));
    await backend.xadd(
      stream,
      '*',
      'type',
      'reminder',
      'body',
      reminder,
      'ts',
      r.ts,
      'nonce',
      r.nonce,
      'sig',
      r.sig,
    );
    await waitFor('reminded', () => (a.core.orders.get('O1')?.rushCount ?? 0) > 0, 10_000);
    await new Promise((res) => setTimeout(res, 1_000));
    expect(c.core.orders.get('O1')).toBeUndefined();
    // The fleet view lists the three stations.
    const view = await a.core.bridge.fleet.view();
    expect(view.stations.map((st) => st.stationId)).toEqual(['S1a', 'S1b', 'S2']);
    expect(view.durabilityWarning).toBeNull();
  }, 60_000);
});
