import { Redis } from 'ioredis';
import { fleetKeys } from '../../src/main/core/fleet/fleet-keys';
import { entryFields, signEntry, verifyEntry } from '../../src/main/core/fleet/fleet-signing';
import type { TestRedisServer } from '../support/redis-server';
import { startTestRedisServer } from '../support/redis-server';

export const SOAK_FLEET = {
  secret: 'soak-fleet-secret-0123456789ab',
  prefix: 'soak:',
  stationId: 'soak-station',
};

/** A result the station published on `<prefix>results`, signature checked. */
export interface FleetResult {
  eventId: string;
  orderNo: string;
  status: string;
  signatureOk: boolean;
  error: string | null;
}

/**
 * Fleet mode for the soak: a private redis-server (AOF, fsync always, as docs/FLEET.md asks) that
 * the backend adds signed payments to, and that a fault can SIGKILL and restart.
 */
export interface SoakFleet {
  readonly redis: TestRedisServer;
  /** Station flags that put it in fleet mode on this Redis. */
  readonly stationArgs: string[];
  readonly stationEnv: NodeJS.ProcessEnv;
  /** XADD a signed payment; resolves with the entry id once Redis has it (AOF-synced). */
  add(body: Record<string, unknown>): Promise<string>;
  /** Every entry of the results stream, verified. */
  results(): Promise<FleetResult[]>;
  close(): Promise<void>;
}

export async function startSoakFleet(): Promise<SoakFleet> {
  const redis = await startTestRedisServer();
  const keys = fleetKeys(SOAK_FLEET.prefix);
  // Fails fast while Redis is away (the backend retries); reconnects by itself.
  const writer = new Redis(redis.url, {
    protocol: 2,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => 200,
  });
  writer.on('error', () => undefined);
  return {
    redis,
    stationArgs: [
      '--fleet',
      redis.url,
      '--station-id',
      SOAK_FLEET.stationId,
      '--store-id',
      'soak-shop',
      '--fleet-prefix',
      SOAK_FLEET.prefix,
    ],
    stationEnv: { STATION_FLEET_SECRET: SOAK_FLEET.secret },
    async add(body) {
      const json = JSON.stringify(body);
      const s = signEntry(SOAK_FLEET.secret, 'XADD', keys.payments, json, Math.floor(Date.now() / 1000));
      const id = await writer.xadd(
        keys.payments,
        '*',
        'body',
        json,
        'ts',
        s.ts,
        'nonce',
        s.nonce,
        'sig',
        s.sig,
      );
      if (!id) throw new Error('XADD returned no id');
      return id;
    },
    async results() {
      const reader = new Redis(redis.url, { protocol: 2, maxRetriesPerRequest: 3 });
      reader.on('error', () => undefined);
      try {
        const out: FleetResult[] = [];
        let from = '-';
        for (;;) {
          const page = (await reader.xrange(keys.results, from, '+', 'COUNT', 1000)) as [string, string[]][];
          for (const [, flat] of from === '-' ? page : page.slice(1)) {
            const f = entryFields(flat);
            const body = f.payment ?? f.error ?? '';
            // The publish time may be long past by now: only the signature is checked, not the ts window.
            const verdict = verifyEntry(SOAK_FLEET.secret, 'RESULT', keys.results, f, body, Number(f.ts));
            let orderNo = f.orderNo ?? '';
            let status = '';
            if (f.payment) {
              try {
                const p = JSON.parse(f.payment) as { orderNo?: string; status?: string };
                orderNo = p.orderNo ?? orderNo;
                status = p.status ?? '';
              } catch {
                status = '(unreadable)';
              }
            }
            out.push({
              eventId: f.eventId ?? '',
              orderNo,
              status,
              signatureOk: verdict.ok,
              error: f.error ?? null,
            });
          }
          if (page.length < 1000) break;
          from = page[page.length - 1][0];
        }
        return out;
      } finally {
        reader.disconnect();
      }
    },
    async close() {
      writer.disconnect();
      await redis.close();
    },
  };
}
