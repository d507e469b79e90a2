import type { Database } from 'better-sqlite3';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxEntry {
  id: number;
  eventId: string;
  orderNo: string;
  url: string;
  /** The exact JSON text that is POSTed (and signed). */
  body: string;
  status: OutboxStatus;
  /** Every attempt ever made. */
  attempts: number;
  /** Attempts since it was enqueued or last resent by hand; the retry limit counts these. */
  roundAttempts: number;
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  lastHttpStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface OutboxStats {
  pending: number;
  delivered: number;
  failed: number;
  attempts: number;
  /** Mean attempts per delivered entry. */
  attemptsPerDelivery: number | null;
}

export interface OutboxRepository {
  enqueue(e: { eventId: string; orderNo: string; url: string; body: string; at: number }): void;
  get(eventId: string): OutboxEntry | undefined;
  forOrder(orderNo: string): OutboxEntry[];
  /** Pending entries due at or before `now`, oldest first. */
  due(now: number, limit: number): OutboxEntry[];
  nextDueAt(): number | null;
  recordAttempt(
    eventId: string,
    r: { at: number; ok: boolean; httpStatus: number | null; error: string | null; next: number | null },
  ): void;
  /** Back to pending with a fresh retry budget. False when there is no such entry. */
  resend(eventId: string, at: number): boolean;
  /** Entries a person may need to look at: given up on, or pending after a failed attempt; newest first. */
  troubled(limit: number): OutboxEntry[];
  stats(): OutboxStats;
}

interface Row {
  id: number;
  event_id: string;
  order_no: string;
  url: string;
  body: string;
  status: OutboxStatus;
  attempts: number;
  round_attempts: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_http_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id,
  eventId: r.event_id,
  orderNo: r.order_no,
  url: r.url,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  roundAttempts: r.round_attempts,
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastHttpStatus: r.last_http_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

export function createOutboxRepository(db: Database): OutboxRepository {
  const enqueue = db.prepare(
    `INSERT INTO callback_outbox (event_id, order_no, url, body, status, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
  );
  const get = db.prepare('SELECT * FROM callback_outbox WHERE event_id = ?');
  const forOrder = db.prepare('SELECT * FROM callback_outbox WHERE order_no = ? ORDER BY id');
  const due = db.prepare(
    `SELECT * FROM callback_outbox WHERE status = 'pending' AND next_attempt_at <= ?
      ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const nextDue = db.prepare(
    `SELECT MIN(next_attempt_at) AS at FROM callback_outbox WHERE status = 'pending'`,
  );
  const attempt = db.prepare(
    `UPDATE callback_outbox SET attempts = attempts + 1, round_attempts = round_attempts + 1,
        last_attempt_at = @at, last_http_status = @httpStatus, last_error = @error,
        status = CASE WHEN @ok = 1 THEN 'delivered' WHEN @next IS NULL THEN 'failed' ELSE 'pending' END,
        delivered_at = CASE WHEN @ok = 1 THEN @at ELSE delivered_at END,
        next_attempt_at = COALESCE(@next, next_attempt_at)
      WHERE event_id = @eventId`,
  );
  const resend = db.prepare(
    `UPDATE callback_outbox SET status = 'pending', round_attempts = 0, next_attempt_at = ?
      WHERE event_id = ?`,
  );
  const troubled = db.prepare(
    `SELECT * FROM callback_outbox
      WHERE status = 'failed' OR (status = 'pending' AND attempts > 0)
      ORDER BY id DESC LIMIT ?`,
  );
  const stats = db.prepare(
    `SELECT
        SUM(status = 'pending') AS pending, SUM(status = 'delivered') AS delivered,
        SUM(status = 'failed') AS failed, SUM(attempts) AS attempts,
        AVG(CASE WHEN status = 'delivered' THEN attempts END) AS perDelivery
       FROM callback_outbox`,
  );
  return {
    enqueue: (e) => void enqueue.run(e.eventId, e.orderNo, e.url, e.body, e.at, e.at),
    get: (eventId) => {
      const r = get.get(eventId) as Row | undefined;
      return r ? toEntry(r) : undefined;
    },
    forOrder: (orderNo) => (forOrder.all(orderNo) as Row[]).map(toEntry),
    due: (now, limit) => (due.all(now, limit) as Row[]).map(toEntry),
    nextDueAt: () => (nextDue.get() as { at: number | null }).at,
    recordAttempt: (eventId, r) =>
      void attempt.run({
        eventId,
        at: r.at,
        ok: r.ok ? 1 : 0,
        httpStatus: r.httpStatus,
        error: r.error,
        next: r.ok ? null : r.next,
      }),
    resend: (eventId, at) => resend.run(at, eventId).changes === 1,
    troubled: (limit) => (troubled.all(limit) as Row[]).map(toEntry),
    stats: () => {
      const s = stats.get() as {
        pending: number | null;
        delivered: number | null;
        failed: number | null;
        attempts: number | null;
        perDelivery: number | null;
      };
      return {
        pending: s.pending ?? 0,
        delivered: s.delivered ?? 0,
        failed: s.failed ?? 0,
        attempts: s.attempts ?? 0,
        attemptsPerDelivery: s.perDelivery,
      };
    },
  };
}
