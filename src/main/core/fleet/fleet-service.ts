import { Redis } from 'ioredis';
import { z } from 'zod';
import { createOrderBodySchema } from '../../../shared/api/order-schemas';
import { createPaymentBodySchema } from '../../../shared/api/payment-schemas';
import { paymentToWire } from '../../../shared/api/wire';
import { parseDecimalToFen } from '../../../shared/domain/money';
import type { PaymentStatus } from '../../../shared/domain/payment-status';
import { isFinalStatus } from '../../../shared/domain/payment-status';
import type { FleetStation, FleetView, OrphanedClaim } from '../../../shared/fleet/fleet-schemas';
import { fleetStationSchema } from '../../../shared/fleet/fleet-schemas';
import type { DeviceService } from '../devices/device-types';
import type { OrderService } from '../orders/order-types';
import type { PaymentEngine } from '../payments/payment-engine';
import type { Payment } from '../payments/payment-types';
import type { FleetOutboxEntry, FleetOutboxRepository } from '../storage/fleet-outbox-repository';
import type { Clock } from '../util/clock';
import type { FleetConfig } from './fleet-config';
import { fleetKeys } from './fleet-keys';
import { entryFields, entryTimeSec, signEntry, verifyEntry } from './fleet-signing';

/**
 * Fleet mode (docs/FLEET.md): this station takes payments from a Redis stream shared with other
 * stations, as many as it has free phones, claims each fleet-wide before committing it to its
 * own SQLite through the same engine as the HTTP path, and publishes every result through a
 * durable local outbox. It never takes over another station's claim.
 */
export interface FleetServiceOptions {
  config: FleetConfig;
  engine: PaymentEngine;
  devices: Pick<DeviceService, 'list'>;
  orders: Pick<OrderService, 'create' | 'remind'>;
  outbox: FleetOutboxRepository;
  clock: Clock;
  version: string;
  onError: (err: unknown) => void;
  onWarning: (message: string) => void;
  /** @default 5000 */
  statusIntervalMs?: number;
  /** How long a blocking read waits before looking at the free phones again. @default 1000 */
  blockMs?: number;
}

export interface FleetService {
  start(): Promise<void>;
  stop(): Promise<void>;
  view(): Promise<FleetView>;
}

type StreamReply = Array<[key: string, entries: Array<[id: string, fields: string[]]>]> | null;

const NONCE_TTL_SEC = 900;
const STATUS_TTL_SEC = 15;

/** A reminder entry's body: the HTTP reminder's body, with the order it is for. */
const reminderEntrySchema = z.strictObject({
  orderNo: z.string().min(1).max(64),
  eventId: z.string().min(1).max(128).optional(),
});

function redisClient(url: string): Redis {
  return new Redis(url, {
    // RESP2: what every Redis-compatible service speaks (Valkey, Tair, managed Redis 6).
    protocol: 2,
    lazyConnect: true,
    // Commands wait for a reconnect instead of failing: the loops decide when to give up.
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

export function createFleetService(o: FleetServiceOptions): FleetService {
  const { config, engine, clock } = o;
  const keys = fleetKeys(config.prefix);
  const me = config.stationId;
  const cmd = redisClient(config.redisUrl);
  const readers = {
    pay: redisClient(config.redisUrl),
    cancel: redisClient(config.redisUrl),
    orders: redisClient(config.redisUrl),
  };
  const all = [cmd, readers.pay, readers.cancel, readers.orders];
  let running = false;
  let durabilityWarning: string | null = null;
  const loops: Promise<void>[] = [];
  let wake: (() => void) | null = null;
  let publishWake: (() => void) | null = null;
  let statusTimer: ReturnType<typeof setInterval> | null = null;
  const unsubscribe: Array<() => void> = [];
  const nowSec = () => Math.floor(clock.now() / 1000);
  /** When Redis added an entry; the signature window is measured from there (a backlog is no replay). */
  const addedSec = (id: string) => entryTimeSec(id) ?? nowSec();
  // Every final state goes out, written in the transaction that makes it final; from creation,
  // so the final states of crash recovery (before start) go out too.
  const offFinal = engine.whenFinal((p) => enqueuePayment(p));

  const sleep = (ms: number, onWake?: (w: () => void) => void) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      onWake?.(() => {
        clearTimeout(t);
        resolve();
      });
    });

  /** Phones that could take a payment now, less the payments already queued here. */
  function freePhones(): number {
    const idle = o.devices
      .list()
      .filter((d) => d.state === 'ready' && engine.phoneMode(d.serial).kind === 'idle').length;
    return Math.max(0, idle - engine.stats().queued);
  }

  async function ensureGroup(client: Redis, stream: string, group: string): Promise<void> {
    try {
      await client.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  // ── results out ──────────────────────────────────────────────────────────────────────────

  /** Puts a payment's state in the outbox (inside the caller's transaction where there is one). */
  function enqueuePayment(p: Payment): void {
    o.outbox.enqueue({
      eventId: `${p.orderNo}:${p.status}`,
      orderNo: p.orderNo,
      kind: 'payment',
      payload: JSON.stringify(paymentToWire(p)),
      createdAt: clock.now(),
    });
    publishWake?.();
  }

  function enqueueError(entryId: string, orderNo: string | null, code: string, message: string): void {
    o.outbox.enqueue({
      eventId: `refused:${entryId}`,
      orderNo,
      kind: 'error',
      payload: JSON.stringify({ code, message }),
      createdAt: clock.now(),
    });
    publishWake?.();
  }

  async function publish(e: FleetOutboxEntry): Promise<void> {
    const field = e.kind === 'payment' ? 'payment' : 'error';
    const signed = signEntry(config.secret, 'RESULT', keys.results, e.payload, nowSec());
    const fields = [
      ...(e.orderNo !== null ? ['orderNo', e.orderNo] : []),
      'stationId',
      me,
      'eventId',
      e.eventId,
      field,
      e.payload,
      'ts',
      signed.ts,
      'nonce',
      signed.nonce,
      'sig',
      signed.sig,
    ];
    const multi = cmd.multi().xadd(keys.results, '*', ...fields);
    if (e.kind === 'payment' && e.orderNo !== null) {
      multi.set(keys.payment(e.orderNo), e.payload, 'EX', config.paymentTtlSec);
    }
    const replies = await multi.exec();
    const failed = replies?.find(([err]) => err);
    if (!replies || failed) throw failed?.[0] ?? new Error('the results transaction was discarded');
  }

  async function publishLoop(): Promise<void> {
    while (running) {
      const batch = o.outbox.head(50);
      if (batch.length === 0) {
        await sleep(1_000, (w) => (publishWake = w));
        publishWake = null;
        continue;
      }
      for (const e of batch) {
        if (!running) return;
        try {
          await publish(e);
          o.outbox.remove(e.seq);
        } catch (err) {
          // In order: the same entry again once Redis is back.
          if (running) o.onError(err);
          await sleep(500);
          break;
        }
      }
    }
  }

  // ── payments in ──────────────────────────────────────────────────────────────────────────

  /** Spends a nonce fleet-wide (payments) or for this station (streams every station reads). */
  async function spendNonce(scope: string, nonce: string, entryId: string): Promise<boolean> {
    const key = keys.nonce(scope, nonce);
    const owner = `${me}:${entryId}`;
    const set = await cmd.set(key, owner, 'EX', NONCE_TTL_SEC, 'NX');
    if (set === 'OK') return true;
    // This very entry, read again after a crash, spent it.
    return (await cmd.get(key)) === owner;
  }

  type Checked =
    | { id: string; refused: { orderNo: string | null; code: string; message: string } }
    | { id: string; refused: null; nonce: string; input: z.infer<typeof createPaymentBodySchema> };

  /** Everything about an entry that needs no Redis: its fields, signature, age and body. */
  function check(id: string, flat: string[]): Checked {
    const f = entryFields(flat);
    const body = f.body ?? '';
    let json: unknown;
    let orderNo: string | null = null;
    try {
      json = JSON.parse(body);
      const o = (json as { orderNo?: unknown } | null)?.orderNo;
      if (typeof o === 'string') orderNo = o;
    } catch {
      json = undefined;
    }
    const refuse = (code: string, message: string): Checked => ({ id, refused: { orderNo, code, message } });
    if (f.body === undefined) return refuse('FLEET_MALFORMED', 'the entry needs a body field');
    const v = verifyEntry(config.secret, 'XADD', keys.payments, f, body, addedSec(id));
    if (!v.ok) return refuse(v.code, v.message);
    if (json === undefined) return refuse('VALIDATION_FAILED', 'body is not JSON');
    const input = createPaymentBodySchema.safeParse(json);
    if (!input.success) {
      const issue = input.error.issues[0];
      return refuse('VALIDATION_FAILED', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    return { id, refused: null, nonce: v.nonce, input: input.data };
  }

  /**
   * A batch of payment entries, in their order: checked here, then one Redis round trip spends
   * the nonces (fleet-wide, so a replay is refused whichever station reads it), claims the orders
   * (SET NX: at most one station ever commits an order) and looks for cancels that came first;
   * then each is committed through the engine as the HTTP path does, its result put in the
   * outbox, and the whole batch acknowledged.
   */
  async function handlePayments(entries: Array<[id: string, fields: string[]]>): Promise<void> {
    const checked = entries.map(([id, flat]) => check(id, flat));
    const valid = checked.filter((c): c is Extract<Checked, { refused: null }> => c.refused === null);
    const pipe = cmd.pipeline();
    for (const c of valid) {
      const nonceKey = keys.nonce('payments', c.nonce);
      pipe.set(nonceKey, `${me}:${c.id}`, 'EX', NONCE_TTL_SEC, 'NX').get(nonceKey);
      pipe.set(keys.claim(c.input.orderNo), me, 'NX').get(keys.claim(c.input.orderNo));
      pipe.exists(keys.cancel(c.input.orderNo));
    }
    const replies = valid.length > 0 ? await pipe.exec() : [];
    if (!replies) throw new Error('the claim pipeline was discarded');
    for (const [err] of replies) if (err) throw err;
    const value = (i: number) => replies[i][1];
    valid.forEach((c, k) => {
      const at = k * 5;
      // This very entry, read again after a crash or a reconnect, spent the nonce itself.
      const nonceOk = value(at) === 'OK' || value(at + 1) === `${me}:${c.id}`;
      if (!nonceOk) {
        enqueueError(c.id, c.input.orderNo, 'FLEET_REPLAYED', `nonce ${c.nonce} was used before`);
        return;
      }
      // Another station owns it: it may already be on one of that station's phones.
      if (value(at + 3) !== me) return;
      const b = c.input;
      if (value(at + 4) === 1 && !engine.get(b.orderNo)) engine.cancel(b.orderNo);
      const result = engine.create({
        orderNo: b.orderNo,
        amountFen: parseDecimalToFen(b.amount) ?? 0,
        qrCode: b.qrCode,
        deviceSerial: b.deviceSerial,
        callbackUrl: b.callbackUrl,
        expiresInSec: b.expiresInSec,
      });
      switch (result.kind) {
        case 'created':
        case 'existing':
          enqueuePayment(result.payment);
          break;
        case 'conflict':
          enqueueError(
            c.id,
            b.orderNo,
            'ORDER_CONFLICT',
            `Payment ${b.orderNo} exists with a different body. Use a new orderNo for a new payment.`,
          );
          break;
        case 'cancelled':
          enqueueError(
            c.id,
            b.orderNo,
            'ORDER_CANCELLED',
            `Order ${b.orderNo} was cancelled; it cannot be paid.`,
          );
          break;
      }
    });
    for (const c of checked)
      if (c.refused) enqueueError(c.id, c.refused.orderNo, c.refused.code, c.refused.message);
    if (entries.length > 0)
      await readers.pay.xack(keys.payments, keys.stationsGroup, ...entries.map(([id]) => id));
  }

  /**
   * What this station was given and did not acknowledge: after a crash, and after a lost
   * connection (Redis may have delivered entries whose reply never arrived). Settled from SQLite:
   * a committed one is found again by its orderNo and claim.
   */
  async function readPending(): Promise<void> {
    for (;;) {
      const pending = (await readers.pay.xreadgroup(
        'GROUP',
        keys.stationsGroup,
        me,
        'COUNT',
        100,
        'STREAMS',
        keys.payments,
        '0',
      )) as StreamReply;
      const entries = pending?.[0]?.[1] ?? [];
      if (entries.length === 0) return;
      await handlePayments(entries);
      if (entries.length < 100) return;
    }
  }

  /** Set on every (re)connect of a reader: its pending entries are read first. */
  const reconnected = new WeakSet<Redis>();
  for (const r of Object.values(readers)) r.on('ready', () => reconnected.add(r));

  async function payLoop(): Promise<void> {
    let pendingFirst = true;
    while (running) {
      if (reconnected.has(readers.pay)) {
        reconnected.delete(readers.pay);
        pendingFirst = true;
      }
      if (pendingFirst) {
        try {
          await readPending();
          pendingFirst = false;
        } catch (err) {
          if (!running) return;
          await recoverGroup(err, readers.pay, keys.payments, keys.stationsGroup);
          continue;
        }
      }
      const free = freePhones();
      if (free === 0) {
        await sleep(500, (w) => (wake = w));
        wake = null;
        continue;
      }
      let reply: StreamReply;
      try {
        reply = (await readers.pay.xreadgroup(
          'GROUP',
          keys.stationsGroup,
          me,
          'COUNT',
          free,
          'BLOCK',
          o.blockMs ?? 1_000,
          'STREAMS',
          keys.payments,
          '>',
        )) as StreamReply;
      } catch (err) {
        if (!running) return;
        pendingFirst = true;
        await recoverGroup(err, readers.pay, keys.payments, keys.stationsGroup);
        continue;
      }
      await guarded(() => handlePayments(reply?.[0]?.[1] ?? []));
    }
  }

  /** Redis came back without the group (a restart without AOF): make it again. */
  async function recoverGroup(err: unknown, client: Redis, stream: string, group: string): Promise<void> {
    if (String((err as Error).message).includes('NOGROUP')) {
      await ensureGroup(client, stream, group).catch(() => undefined);
    } else {
      o.onError(err);
      await sleep(500);
    }
  }

  async function guarded(f: () => Promise<void>): Promise<void> {
    try {
      await f();
    } catch (err) {
      // Left unacknowledged: read again from the pending list after a restart.
      if (running) o.onError(err);
    }
  }

  // ── cancels and orders: every station reads every entry ─────────────────────────────────

  async function handleCancel(entryId: string, flat: string[]): Promise<void> {
    const f = entryFields(flat);
    const orderNo = f.orderNo ?? '';
    const v = verifyEntry(config.secret, 'XADD', keys.cancels, f, orderNo, addedSec(entryId));
    if (v.ok && orderNo !== '' && (await spendNonce(`cancels:${me}`, v.nonce, entryId))) {
      // HTTP semantics: unknown here records the cancel, so a later create of it is refused.
      engine.cancel(orderNo);
    } else if (!v.ok) {
      o.onWarning(`fleet: cancel entry ${entryId} refused: ${v.code}: ${v.message}`);
    }
    await readers.cancel.xack(keys.cancels, keys.cancelGroup(me), entryId);
  }

  async function handleOrder(entryId: string, flat: string[]): Promise<void> {
    const f = entryFields(flat);
    const stream = keys.orders(config.storeId);
    const body = f.body ?? '';
    const v = verifyEntry(config.secret, 'XADD', stream, f, body, addedSec(entryId));
    const ack = () => readers.orders.xack(stream, keys.windowGroup(me), entryId);
    if (!v.ok) {
      o.onWarning(`fleet: order entry ${entryId} refused: ${v.code}: ${v.message}`);
      return void (await ack());
    }
    if (!(await spendNonce(`orders:${me}`, v.nonce, entryId))) return void (await ack());
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      o.onWarning(`fleet: order entry ${entryId} refused: body is not JSON`);
      return void (await ack());
    }
    if (f.type === 'reminder') {
      const r = reminderEntrySchema.safeParse(json);
      if (r.success) o.orders.remind(r.data.orderNo, r.data.eventId);
      else o.onWarning(`fleet: reminder entry ${entryId} refused: ${r.error.issues[0].message}`);
    } else {
      const b = createOrderBodySchema.safeParse(json);
      if (b.success) {
        const fen = (s: string) => parseDecimalToFen(s) ?? 0;
        o.orders.create({
          orderNo: b.data.orderNo,
          amountFen: fen(b.data.amount),
          items: b.data.items?.map((i) => ({ name: i.name, qty: i.qty, priceFen: fen(i.price) })),
          customer: b.data.customer,
          note: b.data.note,
          eventId: b.data.eventId,
        });
      } else {
        o.onWarning(`fleet: order entry ${entryId} refused: ${b.error.issues[0].message}`);
      }
    }
    await ack();
  }

  async function readAll(
    client: Redis,
    stream: string,
    group: string,
    handle: (id: string, fields: string[]) => Promise<void>,
  ): Promise<void> {
    for (let id = '0'; running;) {
      if (reconnected.has(client)) {
        reconnected.delete(client);
        id = '0';
      }
      let reply: StreamReply;
      try {
        reply = (
          id === '>'
            ? await client.xreadgroup(
                'GROUP',
                group,
                me,
                'COUNT',
                100,
                'BLOCK',
                o.blockMs ?? 1_000,
                'STREAMS',
                stream,
                id,
              )
            : await client.xreadgroup('GROUP', group, me, 'COUNT', 100, 'STREAMS', stream, id)
        ) as StreamReply;
      } catch (err) {
        if (!running) return;
        // Read what was delivered and not acknowledged again, as after a crash.
        id = '0';
        await recoverGroup(err, client, stream, group);
        continue;
      }
      const entries = reply?.[0]?.[1] ?? [];
      if (id === '0' && entries.length === 0) id = '>';
      for (const [entryId, fields] of entries) await guarded(() => handle(entryId, fields));
    }
  }

  // ── status, view ────────────────────────────────────────────────────────────────────────

  async function lagMs(): Promise<number | null> {
    const groups = (await cmd.xinfo('GROUPS', keys.payments)) as unknown[];
    for (const g of groups) {
      const flat = g as unknown[];
      const info: Record<string, unknown> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) info[String(flat[i])] = flat[i + 1];
      if (info.name !== keys.stationsGroup) continue;
      const next = (await cmd.xrange(
        keys.payments,
        `(${String(info['last-delivered-id'])}`,
        '+',
        'COUNT',
        1,
      )) as Array<[string, string[]]>;
      if (next.length === 0) return null;
      return Math.max(0, clock.now() - Number(next[0][0].split('-')[0]));
    }
    return null;
  }

  async function writeStatus(): Promise<void> {
    const phones = o.devices.list().map((d) => ({ serial: d.serial, state: d.state }));
    const status: FleetStation = {
      stationId: me,
      storeId: config.storeId,
      version: o.version,
      phones,
      ready: phones.filter((p) => p.state === 'ready').length,
      free: freePhones(),
      queued: engine.stats().queued,
      redisLagMs: await lagMs().catch(() => null),
      at: clock.now(),
    };
    await cmd.set(keys.station(me), JSON.stringify(status), 'EX', STATUS_TTL_SEC);
  }

  async function scanKeys(pattern: string, limit: number): Promise<string[]> {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await cmd.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      out.push(...batch);
      cursor = next;
    } while (cursor !== '0' && out.length < limit);
    return out.slice(0, limit);
  }

  async function stations(): Promise<FleetStation[]> {
    const ks = await scanKeys(keys.station('*'), 500);
    if (ks.length === 0) return [];
    const values = await cmd.mget(...ks);
    return values
      .flatMap((v) => {
        if (v === null) return [];
        try {
          const r = fleetStationSchema.safeParse(JSON.parse(v));
          return r.success ? [r.data] : [];
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.stationId.localeCompare(b.stationId));
  }

  async function orphanedClaims(alive: Set<string>): Promise<OrphanedClaim[]> {
    const ks = await scanKeys(keys.claim('*'), 5_000);
    if (ks.length === 0) return [];
    const owners = await cmd.mget(...ks);
    const orphans = ks
      .map((k, i) => ({ orderNo: k.slice(keys.claim('').length), stationId: owners[i] }))
      .filter(
        (c): c is { orderNo: string; stationId: string } => c.stationId !== null && !alive.has(c.stationId),
      );
    if (orphans.length === 0) return [];
    const latest = await cmd.mget(...orphans.map((c) => keys.payment(c.orderNo)));
    const out: OrphanedClaim[] = [];
    orphans.forEach((c, i) => {
      let status: string | null = null;
      try {
        status = latest[i] === null ? null : String((JSON.parse(latest[i]!) as { status?: unknown }).status);
      } catch {
        status = null;
      }
      // A claim whose payment reached a final state needs nobody.
      if (status !== null && isFinalStatus(status as PaymentStatus)) return;
      out.push({ ...c, status });
    });
    return out.slice(0, 200);
  }

  async function checkDurability(): Promise<void> {
    try {
      const aof = (await cmd.config('GET', 'appendonly')) as string[];
      const fsync = (await cmd.config('GET', 'appendfsync')) as string[];
      const appendonly = aof[1];
      const appendfsync = fsync[1];
      if (appendonly !== 'yes') {
        durabilityWarning =
          'Redis runs without its append-only file (appendonly no): payments waiting in the stream are lost if Redis crashes. Set appendonly yes and appendfsync always (docs/FLEET.md).';
      } else if (appendfsync !== 'always') {
        durabilityWarning = `Redis syncs its append-only file with appendfsync ${appendfsync}: a crash can lose up to a second of payments${appendfsync === 'no' ? ' or more' : ''}. Set appendfsync always (docs/FLEET.md).`;
      } else durabilityWarning = null;
    } catch (err) {
      durabilityWarning = `Could not read Redis's persistence settings (${(err as Error).message}); make sure appendonly yes and appendfsync always are set (docs/FLEET.md).`;
    }
    if (durabilityWarning) o.onWarning(`fleet: ${durabilityWarning}`);
  }

  return {
    async start() {
      if (running) return;
      running = true;
      for (const c of all) c.on('error', () => undefined);
      try {
        await Promise.all(all.map((c) => c.connect()));
      } catch (err) {
        running = false;
        for (const c of all) c.disconnect();
        throw new Error(
          `fleet: cannot reach Redis at ${redactUrl(config.redisUrl)}: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
      await ensureGroup(cmd, keys.payments, keys.stationsGroup);
      await ensureGroup(cmd, keys.cancels, keys.cancelGroup(me));
      await ensureGroup(cmd, keys.orders(config.storeId), keys.windowGroup(me));
      await checkDurability();
      unsubscribe.push(
        engine.on('updated', () => {
          wake?.();
        }),
      );
      loops.push(publishLoop().catch(o.onError));
      loops.push(payLoop().catch(o.onError));
      loops.push(readAll(readers.cancel, keys.cancels, keys.cancelGroup(me), handleCancel).catch(o.onError));
      loops.push(
        readAll(readers.orders, keys.orders(config.storeId), keys.windowGroup(me), handleOrder).catch(
          o.onError,
        ),
      );
      await writeStatus().catch(o.onError);
      statusTimer = setInterval(() => void writeStatus().catch(() => undefined), o.statusIntervalMs ?? 5_000);
    },
    async stop() {
      offFinal();
      if (!running) return;
      running = false;
      if (statusTimer) clearInterval(statusTimer);
      for (const off of unsubscribe.splice(0)) off();
      wake?.();
      publishWake?.();
      // Blocking reads end when their connection does.
      for (const r of Object.values(readers)) r.disconnect();
      // A publish in flight may wait for a Redis that is gone: give it a moment, then cut the
      // connection. What was not published stays in the outbox for the next start.
      await Promise.race([Promise.allSettled(loops.splice(0)), sleep(2_000)]);
      cmd.disconnect();
    },
    async view() {
      const base = {
        enabled: true,
        stationId: me,
        storeId: config.storeId,
        redis: cmd.status === 'ready' ? ('connected' as const) : ('connecting' as const),
        durabilityWarning,
        outboxPending: o.outbox.count(),
      };
      if (cmd.status !== 'ready') return { ...base, stations: [], orphanedClaims: [] };
      const list = await stations();
      return {
        ...base,
        stations: list,
        orphanedClaims: await orphanedClaims(new Set(list.map((s) => s.stationId))),
      };
    },
  };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
