import type { Migration } from './migration-types';

/** Orders (type 1 events) and rush reminders (type 2), deduplicated by eventId. */
export const migration002Orders: Migration = {
  version: 2,
  name: 'orders and order events',
  up: (db) => {
    db.exec(`
      CREATE TABLE orders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_no TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('new','accepted','done','cancelled')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
        items_json TEXT NOT NULL,
        customer_json TEXT,
        note TEXT,
        rush_count INTEGER NOT NULL DEFAULT 0,
        last_rush_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX orders_status ON orders (status, id);

      CREATE TABLE order_events (
        event_id TEXT PRIMARY KEY,
        order_no TEXT NOT NULL,
        type INTEGER NOT NULL CHECK (type IN (1, 2)),
        at INTEGER NOT NULL
      );
      CREATE INDEX order_events_order ON order_events (order_no);
    `);
  },
};
