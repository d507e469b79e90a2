import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/storage/migrate';
import { useMigrationDb } from '../../support/migration-db';

const m = useMigrationDb();
const insertPayment = m.insertPayment;

describe('migration 2: orders', () => {
  it('keeps version-1 rows and adds orders with eventId dedup', () => {
    migrate(m.db(), 1);
    insertPayment('P1');
    insertPayment('P2', 'succeeded');
    m.db().prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('groupId', '2', 1);

    expect(migrate(m.db(), 2)).toBe(2);
    expect(m.db().prepare('SELECT order_no, status FROM payments ORDER BY id').all()).toEqual([
      { order_no: 'P1', status: 'queued' },
      { order_no: 'P2', status: 'succeeded' },
    ]);
    expect(m.db().prepare('SELECT value FROM settings WHERE key = ?').get('groupId')).toEqual({ value: '2' });
    m.db()
      .prepare(
        `INSERT INTO orders (order_no, status, amount_fen, items_json, created_at, updated_at)
       VALUES ('O1', 'new', 100, '[]', 1, 1)`,
      )
      .run();
    const ev = m
      .db()
      .prepare('INSERT OR IGNORE INTO order_events (event_id, order_no, type, at) VALUES (?, ?, ?, ?)');
    expect(ev.run('e1', 'O1', 1, 1).changes).toBe(1);
    expect(ev.run('e1', 'O1', 1, 1).changes).toBe(0);
  });
});
