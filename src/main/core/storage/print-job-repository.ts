import type { Database } from 'better-sqlite3';
import type { PrintJob, PrintJobKind, PrintJobStatus } from '../../../shared/printing/print-job';
import type { Ticket } from '../../../shared/printing/ticket-template';

export interface NewPrintJob {
  kind: PrintJobKind;
  orderNo: string | null;
  ticket: Ticket;
  copies: number;
  at: number;
}

export interface PrintJobCounts {
  pending: number;
  printing: number;
  printed: number;
  failed: number;
}

/** The print queue's table. The queue decides; this only reads and writes rows. */
export interface PrintJobRepository {
  add(job: NewPrintJob): PrintJob;
  get(id: number): PrintJob | undefined;
  /** The oldest pending job, due or not: tickets print in the order they were queued. */
  head(): PrintJob | undefined;
  markPrinting(id: number, at: number): void;
  markPrinted(id: number, at: number): void;
  /** A failed attempt: pending again at `next`, or `failed` when `next` is null. The error stays. */
  recordFailure(id: number, f: { at: number; code: string; message: string; next: number | null }): void;
  /** Jobs left `printing` by a crash or quit go back to pending (printed again rather than lost). */
  resumeInterrupted(at: number): number;
  /** Every pending job due at `at` (a retry asked for now). */
  makeDue(at: number): number;
  /** The newest job of an order (any kind), for its card. */
  latestForOrder(orderNo: string): PrintJob | undefined;
  counts(): PrintJobCounts;
}

interface Row {
  id: number;
  kind: PrintJobKind;
  order_no: string | null;
  ticket_json: string;
  copies: number;
  status: PrintJobStatus;
  attempts: number;
  next_attempt_at: number;
  last_error_code: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  printed_at: number | null;
}

const toJob = (r: Row): PrintJob => ({
  id: r.id,
  kind: r.kind,
  orderNo: r.order_no,
  ticket: JSON.parse(r.ticket_json) as Ticket,
  copies: r.copies,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastErrorCode: r.last_error_code,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  printedAt: r.printed_at,
});

export function createPrintJobRepository(db: Database): PrintJobRepository {
  const insert = db.prepare(
    `INSERT INTO print_jobs (kind, order_no, ticket_json, copies, status, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
  );
  const get = db.prepare<[number], Row>('SELECT * FROM print_jobs WHERE id = ?');
  const head = db.prepare<[], Row>(`SELECT * FROM print_jobs WHERE status = 'pending' ORDER BY id LIMIT 1`);
  const printing = db.prepare(
    `UPDATE print_jobs SET status = 'printing', attempts = attempts + 1, updated_at = ? WHERE id = ?`,
  );
  const printed = db.prepare(
    `UPDATE print_jobs SET status = 'printed', printed_at = @at, updated_at = @at WHERE id = @id`,
  );
  const failure = db.prepare(
    `UPDATE print_jobs SET last_error_code = @code, last_error = @message, updated_at = @at,
        status = CASE WHEN @next IS NULL THEN 'failed' ELSE 'pending' END,
        next_attempt_at = COALESCE(@next, next_attempt_at)
      WHERE id = @id`,
  );
  const resume = db.prepare(
    `UPDATE print_jobs SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE status = 'printing'`,
  );
  const makeDue = db.prepare(
    `UPDATE print_jobs SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?`,
  );
  const latest = db.prepare<[string], Row>(
    'SELECT * FROM print_jobs WHERE order_no = ? ORDER BY id DESC LIMIT 1',
  );
  const counts = db.prepare<[], { status: PrintJobStatus; n: number }>(
    'SELECT status, COUNT(*) AS n FROM print_jobs GROUP BY status',
  );
  return {
    add: (j) => {
      const id = Number(
        insert.run(j.kind, j.orderNo, JSON.stringify(j.ticket), j.copies, j.at, j.at, j.at).lastInsertRowid,
      );
      return toJob(get.get(id)!);
    },
    get: (id) => {
      const r = get.get(id);
      return r ? toJob(r) : undefined;
    },
    head: () => {
      const r = head.get();
      return r ? toJob(r) : undefined;
    },
    markPrinting: (id, at) => void printing.run(at, id),
    markPrinted: (id, at) => void printed.run({ id, at }),
    recordFailure: (id, f) => void failure.run({ id, ...f }),
    resumeInterrupted: (at) => resume.run(at, at).changes,
    makeDue: (at) => makeDue.run(at, at).changes,
    latestForOrder: (orderNo) => {
      const r = latest.get(orderNo);
      return r ? toJob(r) : undefined;
    },
    counts: () => {
      const out: PrintJobCounts = { pending: 0, printing: 0, printed: 0, failed: 0 };
      for (const r of counts.all()) out[r.status] = r.n;
      return out;
    },
  };
}
