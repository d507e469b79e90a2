import type { Redis } from 'ioredis';
import { entryFields, verifyEntry } from '../main/core/fleet/fleet-signing';
import { paymentSchema } from '../shared/api/payment-schemas';
import { isFinal } from '../shared/domain/payment-status';
import type { DemoLog } from './demo-log';

/** What the fleet backend learnt from `<prefix>results`, every entry's signature checked. */
export interface FleetResultStats {
  /** Final states by status. */
  finals: Record<string, number>;
  /** Final states by the station that published them. */
  finalsBy: Record<string, number>;
  /** Succeeded payments by the station that paid them. */
  paidBy: Record<string, number>;
  /** Entries whose signature did not verify: ignored, as docs/FLEET.md asks. */
  badSignatures: number;
  /** Payments a station refused (an `error` entry). */
  refused: number;
  /** Repeats of an eventId already handled (a station publishes at least once). */
  repeats: number;
}

export interface FleetResultsReaderOptions {
  /** A connection of its own: XREAD BLOCK holds it. */
  redis: Redis;
  secret: string;
  resultsKey: string;
  log: DemoLog;
  phoneName(serial: string | null): string;
  /** Called with each order number that reached a final state (or was refused). */
  onSettled(orderNo: string): void;
}

export interface FleetResultsReader {
  readonly stats: FleetResultStats;
  /** Ends the read loop; resolves once it has returned. */
  stop(): Promise<void>;
}

const nowSec = () => Math.floor(Date.now() / 1000);

/**
 * Reads the results stream from its start, as a backend would with its last-read id: every
 * station's accepted and final states, each verified with the fleet secret before it is trusted.
 */
export function readFleetResults(options: FleetResultsReaderOptions): FleetResultsReader {
  const { redis, secret, resultsKey, log } = options;
  const stats: FleetResultStats = {
    finals: {},
    finalsBy: {},
    paidBy: {},
    badSignatures: 0,
    refused: 0,
    repeats: 0,
  };
  const seen = new Set<string>();
  let stopped = false;
  const bump = (r: Record<string, number>, k: string) => (r[k] = (r[k] ?? 0) + 1);

  function handle(id: string, flat: string[]): void {
    const f = entryFields(flat);
    const body = f.payment ?? f.error;
    if (body === undefined) return log.line('fleet', `← result ${id} has neither payment nor error: skipped`);
    const verdict = verifyEntry(secret, 'RESULT', resultsKey, f, body, nowSec());
    if (!verdict.ok) {
      stats.badSignatures++;
      return log.line(
        'fleet',
        `← result ${id} (labelled ${f.orderNo ?? '?'}, station ${f.stationId ?? '?'}): signature INVALID (${verdict.code}), ignored`,
      );
    }
    const eventId = f.eventId ?? id;
    if (seen.has(eventId)) {
      stats.repeats++;
      return;
    }
    seen.add(eventId);
    // stationId sits outside the signature; it is only shown, never trusted for money.
    const station = f.stationId ?? '?';
    if (f.error !== undefined) {
      stats.refused++;
      let what = f.error;
      try {
        const e = JSON.parse(f.error) as { code?: string; message?: string };
        what = `${e.code}: ${e.message}`;
      } catch {
        // Shown as it came.
      }
      if (f.orderNo) options.onSettled(f.orderNo);
      return log.line(
        'fleet',
        `← ${f.orderNo ?? `entry ${eventId}`} REFUSED by station ${station}: ${what} (signature valid)`,
      );
    }
    let json: unknown = null;
    try {
      json = JSON.parse(body);
    } catch {
      // Reported below like any other payment that does not parse.
    }
    const parsed = paymentSchema.safeParse(json);
    if (!parsed.success) return log.line('fleet', `← result ${id}: signed, but not a payment object`);
    // The order number comes from the signed JSON, not from the entry's orderNo label.
    const p = parsed.data;
    const phone = p.deviceSerial ? ` on ${options.phoneName(p.deviceSerial)}` : '';
    if (!isFinal(p))
      return log.line('fleet', `← ${p.orderNo} taken by station ${station} (${p.status}), signature valid`);
    bump(stats.finals, p.status);
    bump(stats.finalsBy, station);
    if (p.status === 'succeeded') bump(stats.paidBy, station);
    options.onSettled(p.orderNo);
    const reason = p.review ? `, ${p.review.reason}` : '';
    log.line(
      'fleet',
      `← ${p.orderNo} ¥${p.amount} → station ${station} (${p.status}${reason}${phone}, signature valid)`,
    );
  }

  const loop = (async () => {
    let lastId = '0';
    while (!stopped) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = await redis.xread('COUNT', 100, 'BLOCK', 500, 'STREAMS', resultsKey, lastId);
      } catch (err) {
        if (stopped) return;
        log.line('fleet', `reading ${resultsKey} failed: ${(err as Error).message}; trying again`);
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      for (const [id, flat] of reply?.[0]?.[1] ?? []) {
        lastId = id;
        handle(id, flat);
      }
    }
  })();

  return {
    stats,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
