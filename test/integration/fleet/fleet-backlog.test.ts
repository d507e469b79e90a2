import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryFields, signEntry } from '../../../src/main/core/fleet/fleet-signing';
import { createCoreRig } from '../../support/core-rig';
import type { CoreRig } from '../../support/core-rig';
import { waitFor } from '../../support/adb-station';
import type { TestRedisServer } from '../../support/redis-server';
import { startTestRedisServer } from '../../support/redis-server';

// Found by reasoning over the chaos soak in fleet mode (`npm run soak -- --fleet`): the payments
// stream is the fleet's queue, and a station reads only as many entries as it has free phones.
// An entry that waited in a backlog longer than the ±300 s signature window was refused as
// FLEET_STALE when a phone finally read it, because its ts was compared with the station's clock
// at read time. The window is now measured against the time Redis added the entry (its id), so a
// backlog never turns valid payments into refusals, and a replayed old entry, added again later,
// is still stale.

const SECRET = 'fleet-secret-0123456789abcdef';
const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;
const prefix = 'backlog:';
let redis: TestRedisServer;
let backend: Redis;
let rig: CoreRig | null = null;

beforeAll(async () => {
  redis = await startTestRedisServer();
  backend = new Redis(redis.url, { protocol: 2 });
});
afterAll(async () => {
  await rig?.close();
  backend.disconnect();
  await redis.close();
});

type Result = Record<string, string>;
async function results(): Promise<Result[]> {
  const entries = (await backend.xrange(`${prefix}results`, '-', '+')) as Array<[string, string[]]>;
  return entries.map(([, flat]) => entryFields(flat));
}

describe('a fleet payment that waited in the stream', () => {
  it('is paid after 400 s in the backlog; an old entry added again now is refused as stale', async () => {
    const key = `${prefix}payments`;
    const added = Date.now() - 400_000;
    const addedSec = Math.floor(added / 1000);
    // Added 400 s ago, signed then (an explicit id sets when Redis took it), never read since:
    // every station was busy or away.
    const body = JSON.stringify({ orderNo: 'OLD1', amount: '1.00', qrCode: qr('1.00', 'OLD1') });
    const s = signEntry(SECRET, 'XADD', key, body, addedSec);
    await backend.xadd(key, `${added}-0`, 'body', body, 'ts', s.ts, 'nonce', s.nonce, 'sig', s.sig);
    // The same kind of old, signed entry replayed now: its ts is 400 s off its own id.
    const replayBody = JSON.stringify({ orderNo: 'OLD2', amount: '2.00', qrCode: qr('2.00', 'OLD2') });
    const r = signEntry(SECRET, 'XADD', key, replayBody, addedSec);
    await backend.xadd(key, '*', 'body', replayBody, 'ts', r.ts, 'nonce', r.nonce, 'sig', r.sig);

    rig = await createCoreRig({
      env: {
        ...process.env,
        STATION_API_KEY: 'cs_rig_key_0001',
        STATION_API_SECRET: 'rig-secret-0123456789abcdef',
        STATION_FLEET_SECRET: SECRET,
      },
      settingsOverrides: {
        fleet: { redisUrl: redis.url, stationId: 'B1', storeId: 'shop1', prefix },
        payments: { resultTimeoutMs: 3_000, settleMs: 500, minResultMs: 0 },
      },
    });
    const phone = await rig.addPhone({
      model: 'BACKLOG',
      app: { defaultBehavior: { kind: 'notify', afterMs: 30 } },
    });
    await rig.waitReady(phone);

    const rs = await waitFor(
      'both answered',
      async () => {
        const all = await results();
        const paid = all.some(
          (x) => x.payment && (JSON.parse(x.payment) as { status: string }).status === 'succeeded',
        );
        const refused = all.some((x) => x.error);
        return paid && refused ? all : null;
      },
      30_000,
    );
    const errors = rs
      .filter((x) => x.error)
      .map((x) => ({ orderNo: x.orderNo, ...(JSON.parse(x.error) as { code: string }) }));
    expect(errors).toEqual([expect.objectContaining({ orderNo: 'OLD2', code: 'FLEET_STALE' })]);
    expect(rig.core.payments.get('OLD1')?.status).toBe('succeeded');
    expect(phone.app.commands.map((c) => c.msg)).toEqual([qr('1.00', 'OLD1')]);
  }, 60_000);
});
