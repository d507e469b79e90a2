import type { Migration } from './migration-types';

/**
 * Fleet mode's results outbox: what the station publishes to Redis (results, refusals) is
 * written here first, in order, and removed once Redis has it, so nothing is lost while Redis
 * is away. Also the station's fleet id, kept with its data.
 */
export const migration005FleetOutbox: Migration = {
  version: 5,
  name: 'fleet outbox',
  up: (db) => {
    db.exec(`
      CREATE TABLE fleet_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        order_no TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('payment','error')),
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `);
  },
};
