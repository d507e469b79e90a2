import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '../../../shared/domain/order-status';
import type { Storage } from '../storage/storage';
import type { Clock } from '../util/clock';
import { systemClock } from '../util/clock';
import { createTypedEmitter } from '../util/typed-emitter';
import { InvalidOrderInputError, OrderNotFoundError, OrderTransitionError } from './order-errors';
import type { NewOrderInput, Order, OrderEventResult, OrderEvents, OrderService } from './order-types';

/** new → accepted → done, or cancelled from new or accepted. */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  new: ['accepted', 'cancelled'],
  accepted: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

const ORDER_NO = /^[A-Za-z0-9_-]{1,64}$/;

export interface OrderServiceOptions {
  storage: Storage;
  /** @default systemClock */
  clock?: Clock;
}

function validate(input: NewOrderInput): void {
  if (!ORDER_NO.test(input.orderNo))
    throw new InvalidOrderInputError('orderNo', 'must be 1–64 of [A-Za-z0-9_-]');
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 0) {
    throw new InvalidOrderInputError('amountFen', 'must be a whole number of fen, 0 or more');
  }
  for (const [i, item] of (input.items ?? []).entries()) {
    if (!item.name || !Number.isInteger(item.qty) || item.qty <= 0 || !Number.isSafeInteger(item.priceFen)) {
      throw new InvalidOrderInputError(`items[${i}]`, 'needs a name, a positive qty and a price in fen');
    }
  }
}

/** Same order content, ignoring timestamps: a resent new-order event without eventId is a duplicate. */
const sameOrder = (o: Order, i: NewOrderInput) =>
  o.amountFen === i.amountFen &&
  JSON.stringify(o.items) === JSON.stringify(i.items ?? []) &&
  JSON.stringify(o.customer) === JSON.stringify(i.customer ?? null) &&
  o.note === (i.note ?? null);

/** New orders (type 1) and rush reminders (type 2), deduplicated by eventId, for the board and the announcer. */
export function createOrderService(options: OrderServiceOptions): OrderService {
  const { storage } = options;
  const clock = options.clock ?? systemClock;
  const emitter = createTypedEmitter<OrderEvents>();

  function dedup(eventId: string | undefined): Order | 'unknown-order' | null {
    if (eventId === undefined) return null;
    const orderNo = storage.orders.eventOrder(eventId);
    if (orderNo === undefined) return null;
    return storage.orders.get(orderNo) ?? 'unknown-order';
  }

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),

    create(input): OrderEventResult {
      validate(input);
      const eventId = input.eventId ?? randomUUID();
      const result = storage.transaction((): OrderEventResult => {
        const seen = dedup(input.eventId);
        if (seen !== null && seen !== 'unknown-order') return { kind: 'duplicate', order: seen };
        const existing = storage.orders.get(input.orderNo);
        if (existing) {
          // A retried event under a new eventId is still the same order; different content is not.
          return sameOrder(existing, input)
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
        storage.orders.insert(order);
        storage.orders.recordEvent(eventId, order.orderNo, 1, now);
        return { kind: 'created', order };
      });
      if (result.kind === 'created') {
        emitter.emit('new-order', { order: result.order, eventId });
        emitter.emit('updated', result.order);
      }
      return result;
    },

    remind(orderNo, eventIdIn): OrderEventResult {
      const eventId = eventIdIn ?? randomUUID();
      const result = storage.transaction((): OrderEventResult => {
        const seen = dedup(eventIdIn);
        if (seen !== null && seen !== 'unknown-order') return { kind: 'duplicate', order: seen };
        const cur = storage.orders.get(orderNo);
        if (!cur) return { kind: 'not_found' };
        const now = clock.now();
        const next: Order = { ...cur, rushCount: cur.rushCount + 1, lastRushAt: now, updatedAt: now };
        storage.orders.update(next);
        storage.orders.recordEvent(eventId, orderNo, 2, now);
        return { kind: 'reminded', order: next };
      });
      if (result.kind === 'reminded') {
        // A finished order still counts the reminder, but there is nothing left to hurry.
        if (result.order.status === 'new' || result.order.status === 'accepted') {
          emitter.emit('rush', { order: result.order, eventId });
        }
        emitter.emit('updated', result.order);
      }
      return result;
    },

    get: (orderNo) => storage.orders.get(orderNo),

    list(query) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const before = query.cursor ? Number(Buffer.from(query.cursor, 'base64url').toString()) : undefined;
      const page = storage.orders.page({
        status: query.status,
        limit,
        beforeId: Number.isSafeInteger(before) ? before : undefined,
      });
      return {
        orders: page.orders,
        nextCursor:
          page.nextAfterId === null ? null : Buffer.from(String(page.nextAfterId)).toString('base64url'),
      };
    },

    setStatus(orderNo, status) {
      const next = storage.transaction(() => {
        const cur = storage.orders.get(orderNo);
        if (!cur) throw new OrderNotFoundError(orderNo);
        if (cur.status === status) return null;
        if (!NEXT[cur.status].includes(status)) throw new OrderTransitionError(orderNo, cur.status, status);
        const o: Order = { ...cur, status, updatedAt: clock.now() };
        storage.orders.update(o);
        return o;
      });
      if (next === null) return storage.orders.get(orderNo)!;
      emitter.emit('updated', next);
      return next;
    },
  };
}
