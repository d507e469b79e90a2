import type { Database } from 'better-sqlite3';

export interface PaymentAttempt {
  id: number;
  orderNo: string;
  serial: string;
  startedAt: number;
  writtenAt: number | null;
  endedAt: number | null;
  /** The phone client's outcome kind, or null while in flight. */
  outcome: string | null;
  detail: string | null;
}

export interface AttemptRepository {
  /** Records that a payment is being handed to a phone. Returns the attempt id. */
  start(orderNo: string, serial: string, at: number): number;
  markWritten(id: number, at: number): void;
  finish(id: number, outcome: string, at: number, detail: string | null): void;
  /** Closes every attempt of the payment still open (found in flight at restart). */
  finishOpen(orderNo: string, outcome: string, at: number, detail: string | null): void;
  forPayment(orderNo: string): PaymentAttempt[];
  /** How many attempts reached the point where bytes may have left for a phone. */
  writtenCount(orderNo: string): number;
}

export function createAttemptRepository(db: Database): AttemptRepository {
  const start = db.prepare('INSERT INTO payment_attempts (order_no, serial, started_at) VALUES (?, ?, ?)');
  const written = db.prepare('UPDATE payment_attempts SET written_at = ? WHERE id = ?');
  const finish = db.prepare('UPDATE payment_attempts SET outcome = ?, ended_at = ?, detail = ? WHERE id = ?');
  const finishOpen = db.prepare(
    'UPDATE payment_attempts SET outcome = ?, ended_at = ?, detail = ? WHERE order_no = ? AND outcome IS NULL',
  );
  const forPayment = db.prepare(
    `SELECT id, order_no AS orderNo, serial, started_at AS startedAt, written_at AS writtenAt,
            ended_at AS endedAt, outcome, detail
       FROM payment_attempts WHERE order_no = ? ORDER BY id`,
  );
  const writtenCount = db.prepare(
    'SELECT COUNT(*) AS n FROM payment_attempts WHERE order_no = ? AND written_at IS NOT NULL',
  );
  return {
    start: (orderNo, serial, at) => Number(start.run(orderNo, serial, at).lastInsertRowid),
    markWritten: (id, at) => void written.run(at, id),
    finish: (id, outcome, at, detail) => void finish.run(outcome, at, detail, id),
    finishOpen: (orderNo, outcome, at, detail) => void finishOpen.run(outcome, at, detail, orderNo),
    forPayment: (orderNo) => forPayment.all(orderNo) as PaymentAttempt[],
    writtenCount: (orderNo) => (writtenCount.get(orderNo) as { n: number }).n,
  };
}
