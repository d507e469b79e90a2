import type { Migration } from './migration-types';

/** Payments and everything the station needs to never lose or double-send one. */
export const migration001Payments: Migration = {
  version: 1,
  name: 'payments, attempts, cancellations, devices, settings, audit log',
  up: (db) => {
    db.exec(`
      CREATE TABLE payments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_no TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN
          ('queued','dispatching','awaiting_result','succeeded','failed','unknown','cancelled','expired')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        qr_code TEXT NOT NULL,
        pinned_serial TEXT,
        device_serial TEXT,
        callback_url TEXT,
        notification_text TEXT,
        review_reason TEXT,
        review_detail TEXT,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        refund_needed INTEGER NOT NULL DEFAULT 0,
        resolution_status TEXT CHECK (resolution_status IN ('succeeded','failed')),
        resolution_note TEXT,
        resolution_by TEXT,
        resolution_at INTEGER,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        request_hash TEXT NOT NULL
      );
      CREATE INDEX payments_status ON payments (status, id);

      -- One row per time a payment was handed to a phone: the evidence for "at most one dispatch".
      CREATE TABLE payment_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_no TEXT NOT NULL REFERENCES payments (order_no),
        serial TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        written_at INTEGER,
        ended_at INTEGER,
        outcome TEXT,
        detail TEXT
      );
      CREATE INDEX payment_attempts_order ON payment_attempts (order_no);

      -- Cancel wins: a cancel for an orderNo not seen yet is kept, so a later create is refused.
      CREATE TABLE cancellations (
        order_no TEXT PRIMARY KEY,
        requested_at INTEGER NOT NULL
      );

      CREATE TABLE devices (
        serial TEXT PRIMARY KEY,
        local_port INTEGER NOT NULL UNIQUE,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE INDEX audit_log_subject ON audit_log (subject, id);
    `);
  },
};
