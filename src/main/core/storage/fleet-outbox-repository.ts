import type { Database } from 'better-sqlite3';

export interface FleetOutboxEntry {
  seq: number;
  eventId: string;
  orderNo: string | null;
  /** `payment`: the payment's API JSON; `error`: `{code, message}` of a refused entry. */
  kind: 'payment' | 'error';
  payload: string;
  createdAt: number;
}

export interface FleetOutboxRepository {
  /** Adds an entry; false when one with the same eventId is already waiting or was published. */
  enqueue(e: Omit<FleetOutboxEntry, 'seq'>): boolean;
  /** The oldest entries, in the order they were written. */
  head(limit: number): FleetOutboxEntry[];
  /** Redis has it. */
  remove(seq: number): void;
  count(): number;
}

interface Row {
  seq: number;
  event_id: string;
  order_no: string | null;
  kind: 'payment' | 'error';
  payload: string;
  created_at: number;
}

export function createFleetOutboxRepository(db: Database): FleetOutboxRepository {
  const insert = db.prepare(
    `INSERT INTO fleet_outbox (event_id, order_no, kind, payload, created_at)
     VALUES (@eventId, @orderNo, @kind, @payload, @createdAt) ON CONFLICT (event_id) DO NOTHING`,
  );
  const head = db.prepare<[number], Row>('SELECT * FROM fleet_outbox ORDER BY seq LIMIT ?');
  const remove = db.prepare('DELETE FROM fleet_outbox WHERE seq = ?');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM fleet_outbox');
  return {
    enqueue: (e) => insert.run(e).changes === 1,
    head: (limit) =>
      head.all(limit).map((r) => ({
        seq: r.seq,
        eventId: r.event_id,
        orderNo: r.order_no,
        kind: r.kind,
        payload: r.payload,
        createdAt: r.created_at,
      })),
    remove: (seq) => void remove.run(seq),
    count: () => count.get()!.n,
  };
}
