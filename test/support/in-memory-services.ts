import { createHash } from 'node:crypto';
import type { DeviceService, DeviceSnapshot, AdbStatus } from '../../src/main/core/devices/device-types';
import type { NewOrderInput, Order, OrderEvents, OrderService } from '../../src/main/core/orders/order-types';
import type {
  CreatePaymentInput,
  Payment,
  PaymentEvents,
  PaymentService,
  PaymentStatus,
} from '../../src/main/core/payments/payment-types';
import { FINAL_PAYMENT_STATUSES } from '../../src/main/core/payments/payment-types';
import type { Clock } from '../../src/main/core/util/clock';
import { createTypedEmitter } from '../../src/main/core/util/typed-emitter';
import type { DeviceEvents } from '../../src/main/core/devices/device-types';

/**
 * In-memory stand-ins for the engine's services, honouring the interface contracts (idempotency
 * by request hash, cancel tombstones, eventId dedup) so HTTP tests exercise real outcomes.
 * `writes` counts every mutation, which lets hostile-input tests prove nothing changed.
 */
export interface InMemoryPayments extends PaymentService {
  /** Moves a payment as the engine would, emitting `updated`. */
  advance(orderNo: string, status: PaymentStatus, patch?: Partial<Payment>): Payment;
  readonly writes: number;
  /** The `updated` listener count: long polls must share one. */
  readonly listenerCount: number;
  /** How many times `get`/`list` ran: long polls must not poll. */
  readonly reads: number;
  snapshot(): string;
}

function requestHash(input: CreatePaymentInput): string {
  const canonical = JSON.stringify([
    input.orderNo,
    input.amountFen,
    input.qrCode,
    input.deviceSerial ?? null,
    input.callbackUrl ?? null,
    input.expiresInSec ?? 120,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function createInMemoryPayments(clock: Clock): InMemoryPayments {
  const emitter = createTypedEmitter<PaymentEvents>();
  const byOrder = new Map<string, Payment>();
  const tombstones = new Set<string>();
  let writes = 0;
  let reads = 0;

  const save = (payment: Payment): Payment => {
    byOrder.set(payment.orderNo, payment);
    writes += 1;
    emitter.emit('updated', payment);
    return payment;
  };

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    create(input) {
      if (tombstones.has(input.orderNo)) return { kind: 'cancelled' };
      const hash = requestHash(input);
      const existing = byOrder.get(input.orderNo);
      if (existing)
        return { kind: existing.requestHash === hash ? 'existing' : 'conflict', payment: existing };
      const now = clock.now();
      const payment = save({
        orderNo: input.orderNo,
        status: 'queued',
        amountFen: input.amountFen,
        qrCode: input.qrCode,
        deviceSerial: input.deviceSerial ?? null,
        pinnedSerial: input.deviceSerial ?? null,
        callbackUrl: input.callbackUrl ?? null,
        notificationText: null,
        review: null,
        cancelRequested: false,
        refundNeeded: false,
        resolution: null,
        expiresAt: now + (input.expiresInSec ?? 120) * 1000,
        createdAt: now,
        updatedAt: now,
        requestHash: hash,
      });
      return { kind: 'created', payment };
    },
    get(orderNo) {
      reads += 1;
      return byOrder.get(orderNo);
    },
    list(query) {
      reads += 1;
      const all = [...byOrder.values()]
        .filter((p) => !query.status || p.status === query.status)
        .sort((a, b) => b.createdAt - a.createdAt || (a.orderNo < b.orderNo ? -1 : 1));
      let start = 0;
      if (query.cursor !== undefined) {
        const match = /^o([0-9]+)$/.exec(query.cursor);
        if (!match) throw new Error('bad cursor');
        start = Number(match[1]);
      }
      const limit = query.limit ?? 50;
      const page = all.slice(start, start + limit);
      return { payments: page, nextCursor: start + limit < all.length ? `o${start + limit}` : null };
    },
    cancel(orderNo) {
      const payment = byOrder.get(orderNo);
      if (!payment) {
        if (!tombstones.has(orderNo)) writes += 1;
        tombstones.add(orderNo);
        return { kind: 'cancelled', payment: null };
      }
      if (FINAL_PAYMENT_STATUSES.includes(payment.status)) return { kind: 'already_final', payment };
      if (payment.status === 'queued') {
        return {
          kind: 'cancelled',
          payment: save({ ...payment, status: 'cancelled', updatedAt: clock.now() }),
        };
      }
      return {
        kind: 'cancel_requested',
        payment: save({ ...payment, cancelRequested: true, updatedAt: clock.now() }),
      };
    },
    resolve(orderNo, status, note, by) {
      const payment = byOrder.get(orderNo);
      if (!payment || payment.status !== 'unknown') throw new Error(`cannot resolve ${orderNo}`);
      const at = clock.now();
      return save({ ...payment, status, resolution: { status, note, by, at }, updatedAt: at });
    },
    advance(orderNo, status, patch = {}) {
      const payment = byOrder.get(orderNo);
      if (!payment) throw new Error(`no payment ${orderNo}`);
      return save({ ...payment, ...patch, status, updatedAt: clock.now() });
    },
    get writes() {
      return writes;
    },
    get reads() {
      return reads;
    },
    get listenerCount() {
      return emitter.listenerCount('updated');
    },
    snapshot() {
      return JSON.stringify({ payments: [...byOrder.entries()], tombstones: [...tombstones] });
    },
  };
}

export interface InMemoryOrders extends OrderService {
  readonly writes: number;
  snapshot(): string;
}

export function createInMemoryOrders(clock: Clock): InMemoryOrders {
  const emitter = createTypedEmitter<OrderEvents>();
  const byOrder = new Map<string, Order>();
  const content = new Map<string, string>();
  const events = new Set<string>();
  let writes = 0;
  const contentOf = (input: NewOrderInput) =>
    JSON.stringify([input.amountFen, input.items ?? [], input.customer ?? null, input.note ?? null]);

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    create(input) {
      const existing = byOrder.get(input.orderNo);
      if (input.eventId !== undefined && events.has(input.eventId) && existing)
        return { kind: 'duplicate', order: existing };
      if (existing) {
        return content.get(input.orderNo) === contentOf(input)
          ? { kind: 'duplicate', order: existing }
          : { kind: 'conflict', order: existing };
      }
      const now = clock.now();
      const order: Order = {
        orderNo: input.orderNo,
        status: 'new',
        amountFen: input.amountFen,
        items: input.items ?? [],
        customer: input.customer ?? null,
        note: input.note ?? null,
        rushCount: 0,
        lastRushAt: null,
        createdAt: now,
        updatedAt: now,
      };
      byOrder.set(order.orderNo, order);
      content.set(order.orderNo, contentOf(input));
      const eventId = input.eventId ?? `new:${order.orderNo}`;
      events.add(eventId);
      writes += 1;
      emitter.emit('new-order', { order, eventId });
      return { kind: 'created', order };
    },
    remind(orderNo, eventId) {
      const order = byOrder.get(orderNo);
      if (!order) return { kind: 'not_found' };
      if (eventId !== undefined && events.has(eventId)) return { kind: 'duplicate', order };
      const now = clock.now();
      const next = { ...order, rushCount: order.rushCount + 1, lastRushAt: now, updatedAt: now };
      byOrder.set(orderNo, next);
      const id = eventId ?? `rush:${orderNo}:${now}:${next.rushCount}`;
      events.add(id);
      writes += 1;
      emitter.emit('rush', { order: next, eventId: id });
      return { kind: 'reminded', order: next };
    },
    get: (orderNo) => byOrder.get(orderNo),
    list: () => ({ orders: [...byOrder.values()], nextCursor: null }),
    setStatus(orderNo, status) {
      const order = byOrder.get(orderNo);
      if (!order) throw new Error(`no order ${orderNo}`);
      const next = { ...order, status, updatedAt: clock.now() };
      byOrder.set(orderNo, next);
      writes += 1;
      return next;
    },
    get writes() {
      return writes;
    },
    snapshot() {
      return JSON.stringify({ orders: [...byOrder.entries()], events: [...events] });
    },
  };
}

/** A device manager that only reports what the test put in. */
export function createStaticDevices(
  devices: DeviceSnapshot[],
  adb: AdbStatus = { kind: 'connected', version: 41 },
): DeviceService {
  const emitter = createTypedEmitter<DeviceEvents>();
  const unsupported = async () => {
    throw new Error('not supported by the static device service');
  };
  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    start: async () => undefined,
    stop: async () => undefined,
    list: () => devices.map((d) => ({ ...d })),
    get: (serial) => devices.find((d) => d.serial === serial),
    adbStatus: () => adb,
    restartApp: unsupported,
    launchUri: unsupported,
    diagnostics: (serial) => {
      const d = devices.find((x) => x.serial === serial);
      return d && { serial, health: d.health, outputs: [] };
    },
    refresh: async (serial) => devices.find((d) => d.serial === serial),
  };
}
