import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/storage/migrate';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: Database;
let file: string;

beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'station.db');
  db = new BetterSqlite3(file);
});
afterEach(() => {
  if (db.open) db.close();
  tmp.cleanup();
});

function insertPayment(orderNo: string, status = 'queued'): void {
  db.prepare(
    `INSERT INTO payments (order_no, status, amount_fen, qr_code, expires_at, created_at, updated_at, request_hash)
     VALUES (?, ?, 300, 'qr', 1000, 1, 1, 'h')`,
  ).run(orderNo, status);
}

describe('migration 2: orders', () => {
  it('keeps version-1 rows and adds orders with eventId dedup', () => {
    migrate(db, 1);
    insertPayment('P1');
    insertPayment('P2', 'succeeded');
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('groupId', '2', 1);

    expect(migrate(db, 2)).toBe(2);
    expect(db.prepare('SELECT order_no, status FROM payments ORDER BY id').all()).toEqual([
      { order_no: 'P1', status: 'queued' },
      { order_no: 'P2', status: 'succeeded' },
    ]);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('groupId')).toEqual({ value: '2' });
    db.prepare(
      `INSERT INTO orders (order_no, status, amount_fen, items_json, created_at, updated_at)
       VALUES ('O1', 'new', 100, '[]', 1, 1)`,
    ).run();
    const ev = db.prepare(
      'INSERT OR IGNORE INTO order_events (event_id, order_no, type, at) VALUES (?, ?, ?, ?)',
    );
    expect(ev.run('e1', 'O1', 1, 1).changes).toBe(1);
    expect(ev.run('e1', 'O1', 1, 1).changes).toBe(0);
  });
});
