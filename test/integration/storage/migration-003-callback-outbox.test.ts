import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/storage/migrate';
import { useMigrationDb } from '../../support/migration-db';

const m = useMigrationDb();
const insertPayment = m.insertPayment;

describe('migration 3: callback outbox', () => {
  it('keeps payments and orders and adds the outbox', () => {
    migrate(m.db(), 2);
    insertPayment('P1', 'unknown');
    m.db()
      .prepare(
        `INSERT INTO orders (order_no, status, amount_fen, items_json, rush_count, created_at, updated_at)
       VALUES ('O1', 'accepted', 100, '[{"name":"面","qty":1,"priceFen":100}]', 2, 1, 1)`,
      )
      .run();

    expect(migrate(m.db(), 3)).toBe(3);
    expect(m.db().prepare('SELECT status FROM payments').get()).toEqual({ status: 'unknown' });
    expect(m.db().prepare('SELECT rush_count, items_json FROM orders').get()).toEqual({
      rush_count: 2,
      items_json: '[{"name":"面","qty":1,"priceFen":100}]',
    });
    m.db()
      .prepare(
        `INSERT INTO callback_outbox (event_id, order_no, url, body, status, next_attempt_at, created_at)
       VALUES ('ev', 'P1', 'http://x', '{}', 'pending', 1, 1)`,
      )
      .run();
    expect(m.db().prepare('SELECT attempts, round_attempts FROM callback_outbox').get()).toEqual({
      attempts: 0,
      round_attempts: 0,
    });
  });
});
