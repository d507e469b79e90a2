import type { Database } from 'better-sqlite3';

export interface CancellationRepository {
  /** Idempotent: the first request time is kept. */
  record(orderNo: string, at: number): void;
  has(orderNo: string): boolean;
}

export function createCancellationRepository(db: Database): CancellationRepository {
  const record = db.prepare('INSERT OR IGNORE INTO cancellations (order_no, requested_at) VALUES (?, ?)');
  const has = db.prepare('SELECT 1 FROM cancellations WHERE order_no = ?');
  return {
    record: (orderNo, at) => void record.run(orderNo, at),
    has: (orderNo) => has.get(orderNo) !== undefined,
  };
}
