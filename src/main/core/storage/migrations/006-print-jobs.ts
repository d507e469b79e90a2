import type { Migration } from './migration-types';

/**
 * The durable print queue: every ticket, rush slip and test page is written here before it is
 * sent, so a printer that is off, or a station that restarts, loses none. The laid-out ticket is
 * kept as JSON, so a job resumed after a restart prints what was queued.
 */
export const migration006PrintJobs: Migration = {
  version: 6,
  name: 'print jobs',
  up: (db) => {
    db.exec(`
      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('order','rush','test','reprint')),
        order_no TEXT,
        ticket_json TEXT NOT NULL,
        copies INTEGER NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 5),
        status TEXT NOT NULL CHECK (status IN ('pending','printing','printed','failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error_code TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        printed_at INTEGER
      );
      CREATE INDEX print_jobs_pending ON print_jobs (status, id);
      CREATE INDEX print_jobs_order ON print_jobs (order_no, id);
    `);
  },
};
