import type { Migration } from './migration-types';

/** The callback outbox: persist first, then push; retry with growing gaps; keep statistics. */
export const migration003CallbackOutbox: Migration = {
  version: 3,
  name: 'callback outbox',
  up: (db) => {
    db.exec(`
      CREATE TABLE callback_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        order_no TEXT NOT NULL,
        url TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','delivered','failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        round_attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_attempt_at INTEGER,
        last_http_status INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER
      );
      CREATE INDEX callback_outbox_due ON callback_outbox (status, next_attempt_at);
      CREATE INDEX callback_outbox_order ON callback_outbox (order_no);
    `);
  },
};
