import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderNotFoundError, OrderTransitionError } from '../../../src/main/core/orders/order-errors';
import { createOrderService } from '../../../src/main/core/orders/order-service';
import type { OrderEvents, OrderService } from '../../../src/main/core/orders/order-types';
import type { Storage } from '../../../src/main/core/storage/storage';
import { openStorage } from '../../../src/main/core/storage/storage';
import { createManualClock } from '../../../src/main/core/util/clock';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let storage: Storage;
let orders: OrderService;
let events: { name: keyof OrderEvents; orderNo: string; eventId?: string }[];
const clock = createManualClock(1_700_000_000_000);

beforeEach(() => {
  tmp = makeTempDir('orders-');
  storage = openStorage({ file: path.join(tmp.dir, 'station.db') });
  orders = createOrderService({ storage, clock });
  events = [];
  orders.on('new-order', (e) =>
    events.push({ name: 'new-order', orderNo: e.order.orderNo, eventId: e.eventId }),
  );
  orders.on('rush', (e) => events.push({ name: 'rush', orderNo: e.order.orderNo, eventId: e.eventId }));
  orders.on('updated', (o) => events.push({ name: 'updated', orderNo: o.orderNo }));
});
afterEach(() => {
  storage.close();
  tmp.cleanup();
});

const newOrder = {
  orderNo: 'O1',
  amountFen: 3850,
  items: [{ name: '牛肉面', qty: 2, priceFen: 1500 }],
  customer: { name: '王', phoneTail: '1234' },
  note: '不要香菜',
  eventId: 'ev-1',
};

describe('orders', () => {
  it('creates a new order once per eventId and announces it once', () => {
    const r = orders.create(newOrder);
    expect(r).toMatchObject({
      kind: 'created',
      order: { status: 'new', rushCount: 0, items: newOrder.items },
    });
    expect(orders.create(newOrder).kind).toBe('duplicate');
    expect(orders.create({ ...newOrder, eventId: 'ev-2' }).kind).toBe('duplicate');
    expect(orders.create({ ...newOrder, eventId: 'ev-3', amountFen: 1 }).kind).toBe('conflict');
    expect(events.filter((e) => e.name === 'new-order')).toEqual([
      { name: 'new-order', orderNo: 'O1', eventId: 'ev-1' },
    ]);
  });

  it('rush reminders raise the count, deduplicated by eventId; an unknown order is not_found', () => {
    orders.create(newOrder);
    clock.advance(60_000);
    expect(orders.remind('O1', 'r-1')).toMatchObject({
      kind: 'reminded',
      order: { rushCount: 1, lastRushAt: 1_700_000_060_000 },
    });
    expect(orders.remind('O1', 'r-1').kind).toBe('duplicate');
    expect(orders.remind('O1')).toMatchObject({ kind: 'reminded', order: { rushCount: 2 } });
    expect(orders.remind('nope', 'r-9')).toEqual({ kind: 'not_found' });
    expect(events.filter((e) => e.name === 'rush').map((e) => e.eventId?.length)).toEqual([3, 36]);
    expect(orders.get('O1')?.rushCount).toBe(2);
  });

  it('moves new → accepted → done and refuses the rest', () => {
    orders.create(newOrder);
    expect(orders.setStatus('O1', 'accepted').status).toBe('accepted');
    expect(orders.setStatus('O1', 'accepted').status).toBe('accepted');
    expect(orders.setStatus('O1', 'done').status).toBe('done');
    expect(() => orders.setStatus('O1', 'cancelled')).toThrow(OrderTransitionError);
    expect(() => orders.setStatus('zz', 'accepted')).toThrow(OrderNotFoundError);
    // A reminder on a finished order is counted but not announced.
    orders.remind('O1', 'late');
    expect(events.filter((e) => e.name === 'rush')).toHaveLength(0);
  });

  it('is durable and pages newest first', () => {
    for (let i = 0; i < 5; i++) orders.create({ orderNo: `N${i}`, amountFen: 100 });
    orders.setStatus('N1', 'accepted');
    storage.close();
    storage = openStorage({ file: path.join(tmp.dir, 'station.db') });
    orders = createOrderService({ storage, clock });
    const p1 = orders.list({ limit: 2 });
    expect(p1.orders.map((o) => o.orderNo)).toEqual(['N4', 'N3']);
    const p2 = orders.list({ limit: 2, cursor: p1.nextCursor! });
    expect(p2.orders.map((o) => o.orderNo)).toEqual(['N2', 'N1']);
    const p3 = orders.list({ limit: 2, cursor: p2.nextCursor! });
    expect(p3).toMatchObject({ nextCursor: null });
    expect(orders.list({ status: 'accepted' }).orders.map((o) => o.orderNo)).toEqual(['N1']);
  });
});
