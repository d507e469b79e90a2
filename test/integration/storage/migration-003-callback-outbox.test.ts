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

describe('migration 3: callback outbox', () => {
  it('keeps payments and orders and adds the outbox', () => {
    migrate(db, 2);
    insertPayment('P1', 'unknown');
    db.prepare(
      `INSERT INTO orders (order_no, status, amount_fen, items_json, rush_count, created_at, updated_at)
       VALUES ('O1', 'accepted', 100, '[{"name":"面","qty":1,"priceFen":100}]', 2, 1, 1)`,
    ).run();

    expect(migrate(db, 3)).toBe(3);
    expect(db.prepare('SELECT status FROM payments').get()).toEqual({ status: 'unknown' });
    expect(db.prepare('SELECT rush_count, items_json FROM orders').get()).toEqual({
      rush_count: 2,
      items_json: '[{"name":"面","qty":1,"priceFen":100}]',
    });
    db.prepare(
      `INSERT INTO callback_outbox (event_id, order_no, url, body, status, next_attempt_at, created_at)
       VALUES ('ev', 'P1', 'http://x', '{}', 'pending', 1, 1)`,
    ).run();
    expect(db.prepare('SELECT attempts, round_attempts FROM callback_outbox').get()).toEqual({
      attempts: 0,
      round_attempts: 0,
    });
  });
});
