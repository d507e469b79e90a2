import { Redis } from 'ioredis';
import { fleetKeys } from '../main/core/fleet/fleet-keys';
import { entryFields, signEntry } from '../main/core/fleet/fleet-signing';
import type { DemoTimings } from './demo-args';
import { DEMO_MENU } from './demo-backend';
import type { DemoLog } from './demo-log';
import type { FleetResultStats } from './fleet-results';
import { readFleetResults } from './fleet-results';

/** The QR codes carry their order number here, so the phones' received commands can be counted per order. */
export const FLEET_QR_ORDER = /[?&]order=([A-Za-z0-9_-]+)$/;

export interface FleetBackendOptions {
  redisUrl: string;
  /** The fleet secret the stations were given. */
  secret: string;
  prefix: string;
  storeId: string;
  log: DemoLog;
  timings: DemoTimings;
  /** Unique per run, so orderNos never clash with an earlier run's. */
  runId: string;
  /** Serial → `station/phone`, for the output. */
  phoneName(serial: string | null): string;
}

export interface FleetBackendStats {
  orders: number;
  reminders: number;
  payments: number;
  results: FleetResultStats;
}

export interface FleetBackend {
  readonly stats: FleetBackendStats;
  /** Plays the scripted story (one burst of payments at once), then a steady trickle until {@link stopPosting}. */
  run(): Promise<void>;
  stopPosting(): void;
  /** Resolves with how many payments have no final result yet, once none is left or after `timeoutMs`. */
  settle(timeoutMs: number): Promise<number>;
  /** Store-stream entries each station's window group took in (read and acknowledged), by station id. */
  ordersTakenIn(stationIds: readonly string[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

type Step =
  | { kind: 'order'; dish: number; qty: number }
  | { kind: 'remind' }
  | { kind: 'pay'; dish: number; count: number };

// RESP2: plain arrays for stream replies, as examples/fleet-backend.mjs uses.
const connect = (url: string) => {
  const r = new Redis(url, { protocol: 2, maxRetriesPerRequest: 2 });
  r.on('error', () => undefined); // reported by the command that fails
  return r;
};

/**
 * The mini-program backend of a fleet: no HTTP to any station. It adds signed orders and rush
 * reminders to the store's stream (every station of the store shows them) and signed payments
 * to the payments stream (whichever station has a free phone takes each), and reads the signed
 * results back (see fleet-results.ts).
 */
export function createFleetBackend(options: FleetBackendOptions): FleetBackend {
  const { log, timings, runId, secret, prefix, storeId } = options;
  const keys = fleetKeys(prefix);
  const storeKey = keys.orders(storeId);
  const writer = connect(options.redisUrl);
  const readerConn = connect(options.redisUrl);
  const open = new Set<string>();
  let settled: (() => void) | null = null;
  const reader = readFleetResults({
    redis: readerConn,
    secret,
    resultsKey: keys.results,
    log,
    phoneName: options.phoneName,
    onSettled: (orderNo) => {
      open.delete(orderNo);
      if (open.size === 0) settled?.();
    },
  });
  const stats: FleetBackendStats = { orders: 0, reminders: 0, payments: 0, results: reader.stats };
  const openOrders: string[] = [];
  let orderSeq = 0;
  let paySeq = 0;
  let stopped = false;
  let wake: (() => void) | null = null;

  const nowSec = () => Math.floor(Date.now() / 1000);
  const signed = (streamKey: string, body: string) => {
    const s = signEntry(secret, 'XADD', streamKey, body, nowSec());
    return ['ts', s.ts, 'nonce', s.nonce, 'sig', s.sig];
  };

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function addOrder(dishIndex: number, qty: number): Promise<void> {
    const dish = DEMO_MENU[dishIndex % DEMO_MENU.length];
    const orderNo = `FO-${runId}-${String(++orderSeq).padStart(3, '0')}`;
    const amount = ((Math.round(Number(dish.price) * 100) * qty) / 100).toFixed(2);
    const body = JSON.stringify({ orderNo, amount, items: [{ ...dish, qty }], eventId: `ev-${orderNo}` });
    await writer.xadd(storeKey, '*', 'type', 'order', 'body', body, ...signed(storeKey, body));
    stats.orders++;
    openOrders.push(orderNo);
    log.line(
      'fleet',
      `→ order ${orderNo} ¥${amount} (${dish.name}×${qty}) on ${storeKey}  [both windows: board + voice]`,
    );
  }

  async function addReminder(): Promise<void> {
    const orderNo = openOrders[openOrders.length - 1];
    if (!orderNo) return;
    const body = JSON.stringify({ orderNo, eventId: `rush-${orderNo}-${Date.now()}` });
    await writer.xadd(storeKey, '*', 'type', 'reminder', 'body', body, ...signed(storeKey, body));
    stats.reminders++;
    log.line('fleet', `→ rush reminder for ${orderNo} on ${storeKey}  [both windows: badge + voice 催单]`);
  }

  async function addPayments(dishIndex: number, count: number): Promise<void> {
    const pipe = writer.pipeline();
    const added: string[] = [];
    for (let i = 0; i < count; i++) {
      const dish = DEMO_MENU[(dishIndex + i) % DEMO_MENU.length];
      const orderNo = `FP-${runId}-${String(++paySeq).padStart(3, '0')}`;
      const qrCode = `https://qr.alipay.com/fkx${orderNo.replace(/[^0-9A-Za-z]/g, '').toLowerCase()}?amount=${dish.price}&order=${orderNo}`;
      const body = JSON.stringify({ orderNo, amount: dish.price, qrCode });
      pipe.xadd(keys.payments, '*', 'body', body, ...signed(keys.payments, body));
      added.push(`${orderNo} ¥${dish.price}`);
      open.add(orderNo);
    }
    const replies = (await pipe.exec()) ?? [];
    const failed = replies.find(([err]) => err !== null);
    if (failed) throw failed[0] as Error;
    stats.payments += count;
    log.line(
      'fleet',
      count === 1
        ? `→ payment ${added[0]} on ${keys.payments}  [any station with a free phone takes it]`
        : `→ rush hour: ${count} payments at once (${added.join(', ')}): each station takes only as many as it has free phones`,
    );
  }

  function script(): Step[] {
    return [
      { kind: 'order', dish: 0, qty: 1 },
      { kind: 'pay', dish: 0, count: 1 },
      { kind: 'order', dish: 2, qty: 2 },
      { kind: 'pay', dish: 2, count: 1 },
      { kind: 'remind' },
      { kind: 'pay', dish: 1, count: 4 },
      { kind: 'order', dish: 4, qty: 1 },
      { kind: 'pay', dish: 4, count: 1 },
    ];
  }

  /** After the story: an order, then two payments, now and then a reminder or a pair at once. */
  function steadyStep(n: number): Step {
    if (n % 6 === 0) return { kind: 'order', dish: n, qty: 1 };
    if (n % 6 === 3) return { kind: 'remind' };
    return { kind: 'pay', dish: n, count: n % 6 === 4 ? 2 : 1 };
  }

  async function perform(step: Step): Promise<void> {
    try {
      if (step.kind === 'order') await addOrder(step.dish, step.qty);
      else if (step.kind === 'remind') await addReminder();
      else await addPayments(step.dish, step.count);
    } catch (err) {
      if (!stopped) log.line('fleet', `XADD failed: ${(err as Error).message}`);
    }
  }

  return {
    stats,
    async run() {
      for (const step of script()) {
        if (stopped) return;
        await perform(step);
        await sleep(timings.beatMs);
      }
      for (let n = 0; !stopped; n++) {
        await sleep(timings.beatMs * 2);
        if (!stopped) await perform(steadyStep(n));
      }
    },
    stopPosting() {
      stopped = true;
      wake?.();
    },
    async settle(timeoutMs) {
      if (open.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          settled = resolve;
          timer = setTimeout(resolve, timeoutMs);
        });
        clearTimeout(timer);
        settled = null;
      }
      return open.size;
    },
    async ordersTakenIn(stationIds) {
      const out: Record<string, number> = {};
      const groups = (await writer.xinfo('GROUPS', storeKey).catch(() => [])) as unknown[][];
      for (const flat of groups) {
        const g = entryFields(flat.map(String));
        const id = stationIds.find((s) => g.name === keys.windowGroup(s));
        if (id) out[id] = Number(g['entries-read'] ?? 0) - Number(g.pending ?? 0);
      }
      return out;
    },
    async close() {
      await reader.stop();
      readerConn.disconnect();
      writer.disconnect();
    },
  };
}
