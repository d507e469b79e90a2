import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/storage/migrate';
import { createPrintJobRepository } from '../../../src/main/core/storage/print-job-repository';
import { useMigrationDb } from '../../support/migration-db';

const m = useMigrationDb();

const ticket = { columns: 32, lines: [{ kind: 'large' as const, text: '#A1' }] };

describe('migration 6: print jobs', () => {
  it('keeps orders and the fleet outbox and adds the print queue', () => {
    migrate(m.db(), 5);
    m.db()
      .prepare(
        `INSERT INTO orders (order_no, status, amount_fen, items_json, rush_count, created_at, updated_at)
         VALUES ('A1', 'new', 100, '[]', 0, 1, 1)`,
      )
      .run();
    m.db()
      .prepare(
        `INSERT INTO fleet_outbox (event_id, order_no, kind, payload, created_at) VALUES ('e', 'A1', 'payment', '{}', 1)`,
      )
      .run();

    expect(migrate(m.db(), 6)).toBe(6);
    expect(m.db().prepare('SELECT order_no, status FROM orders').get()).toEqual({
      order_no: 'A1',
      status: 'new',
    });
    expect(m.db().prepare('SELECT COUNT(*) AS n FROM fleet_outbox').get()).toEqual({ n: 1 });

    const jobs = createPrintJobRepository(m.db());
    const job = jobs.add({ kind: 'order', orderNo: 'A1', ticket, copies: 2, at: 10 });
    expect(job).toMatchObject({ status: 'pending', attempts: 0, copies: 2, nextAttemptAt: 10, ticket });
  });

  it('refuses a kind, status or copies the queue does not know', () => {
    migrate(m.db(), 6);
    const insert = (kind: string, status: string, copies: number) =>
      m
        .db()
        .prepare(
          `INSERT INTO print_jobs (kind, ticket_json, copies, status, next_attempt_at, created_at, updated_at)
           VALUES (?, '{}', ?, ?, 0, 0, 0)`,
        )
        .run(kind, copies, status);
    expect(() => insert('receipt', 'pending', 1)).toThrow(/CHECK/);
    expect(() => insert('order', 'lost', 1)).toThrow(/CHECK/);
    expect(() => insert('order', 'pending', 9)).toThrow(/CHECK/);
    expect(() => insert('order', 'pending', 1)).not.toThrow();
  });

  it('keeps jobs across a reopen and resumes the interrupted ones', () => {
    migrate(m.db(), 6);
    let jobs = createPrintJobRepository(m.db());
    const a = jobs.add({ kind: 'order', orderNo: 'A1', ticket, copies: 1, at: 1 });
    jobs.markPrinting(a.id, 2);
    jobs.recordFailure(jobs.add({ kind: 'test', orderNo: null, ticket, copies: 1, at: 3 }).id, {
      at: 4,
      code: 'PRINTER_OFFLINE',
      message: 'off',
      next: null,
    });

    jobs = createPrintJobRepository(m.reopen());
    expect(jobs.resumeInterrupted(50)).toBe(1);
    expect(jobs.get(a.id)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: 50 });
    expect(jobs.counts()).toEqual({ pending: 1, printing: 0, printed: 0, failed: 1 });
    expect(jobs.latestForOrder('A1')?.id).toBe(a.id);
  });
});
