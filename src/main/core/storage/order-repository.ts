import type { Database } from 'better-sqlite3';
import type { OrderStatus } from '../../../shared/domain/order-status';
import type { z } from 'zod';
import type { orderRecordSchema } from '../../../shared/domain/records';

type Order = z.infer<typeof orderRecordSchema>;

interface OrderRow {
  id: number;
  order_no: string;
  status: OrderStatus;
  amount_fen: number;
  items_json: string;
  customer_json: string | null;
  note: string | null;
  rush_count: number;
  last_rush_at: number | null;
  created_at: number;
  updated_at: number;
}

const toOrder = (r: OrderRow): Order => ({
  orderNo: r.order_no,
  status: r.status,
  amountFen: r.amount_fen,
  items: JSON.parse(r.items_json) as Order['items'],
  customer: r.customer_json === null ? null : (JSON.parse(r.customer_json) as Order['customer']),
  note: r.note,
  rushCount: r.rush_count,
  lastRushAt: r.last_rush_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface OrderRepository {
  insert(o: Order): void;
  get(orderNo: string): Order | undefined;
  /** Writes status, rush count and times. */
  update(o: Order): void;
  page(query: { status?: OrderStatus; limit: number; beforeId?: number }): {
    orders: Order[];
    nextAfterId: number | null;
  };
  /** Records an event id; false when it was seen before. */
  recordEvent(eventId: string, orderNo: string, type: 1 | 2, at: number): boolean;
  eventOrder(eventId: string): string | undefined;
}

export function createOrderRepository(db: Database): OrderRepository {
  const insert = db.prepare(
    `INSERT INTO orders (order_no, status, amount_fen, items_json, customer_json, note, rush_count,
                         last_rush_at, created_at, updated_at)
     VALUES (@orderNo, @status, @amountFen, @items, @customer, @note, @rushCount, @lastRushAt,
             @createdAt, @updatedAt)`,
  );
  const get = db.prepare('SELECT * FROM orders WHERE order_no = ?');
  const update = db.prepare(
    `UPDATE orders SET status = ?, rush_count = ?, last_rush_at = ?, updated_at = ? WHERE order_no = ?`,
  );
  const pageAll = db.prepare('SELECT * FROM orders WHERE id < ? ORDER BY id DESC LIMIT ?');
  const pageStatus = db.prepare('SELECT * FROM orders WHERE status = ? AND id < ? ORDER BY id DESC LIMIT ?');
  const recordEvent = db.prepare(
    'INSERT OR IGNORE INTO order_events (event_id, order_no, type, at) VALUES (?, ?, ?, ?)',
  );
  const eventOrder = db.prepare('SELECT order_no FROM order_events WHERE event_id = ?');

  return {
    insert: (o) =>
      void insert.run({
        ...o,
        items: JSON.stringify(o.items),
        customer: o.customer === null ? null : JSON.stringify(o.customer),
      }),
    get: (orderNo) => {
      const r = get.get(orderNo) as OrderRow | undefined;
      return r ? toOrder(r) : undefined;
    },
    update: (o) => void update.run(o.status, o.rushCount, o.lastRushAt, o.updatedAt, o.orderNo),
    page: ({ status, limit, beforeId }) => {
      const before = beforeId ?? Number.MAX_SAFE_INTEGER;
      const rows = (
        status ? pageStatus.all(status, before, limit + 1) : pageAll.all(before, limit + 1)
      ) as OrderRow[];
      const more = rows.length > limit;
      const slice = more ? rows.slice(0, limit) : rows;
      return { orders: slice.map(toOrder), nextAfterId: more ? slice[slice.length - 1].id : null };
    },
    recordEvent: (eventId, orderNo, type, at) => recordEvent.run(eventId, orderNo, type, at).changes === 1,
    eventOrder: (eventId) =>
      (eventOrder.get(eventId) as { order_no: string } | undefined)?.order_no ?? undefined,
  };
}
