import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/main/core/storage/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/core/storage/migrations';
import { openStorage } from '../../../src/main/core/storage/storage';
import { StorageError } from '../../../src/main/core/storage/storage-errors';
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

describe('migration 1: payments', () => {
  it('creates the tables at version 1 from an empty file, with their checks', () => {
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, 1)).toBe(1);
    insertPayment('A1');
    db.prepare('INSERT INTO payment_attempts (order_no, serial, started_at) VALUES (?, ?, ?)').run(
      'A1',
      's',
      2,
    );
    db.prepare('INSERT INTO cancellations (order_no, requested_at) VALUES (?, ?)').run('X', 3);
    db.prepare('INSERT INTO devices (serial, local_port, updated_at) VALUES (?, ?, ?)').run('s', 27183, 4);
    db.prepare('INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (1, ?, ?, ?, ?)').run(
      'u',
      'a',
      's',
      '{}',
    );
    expect(() => insertPayment('A1')).toThrow(/UNIQUE/);
    expect(() => insertPayment('B1', 'paid')).toThrow(/CHECK/);
    expect(() =>
      db.prepare('INSERT INTO devices (serial, local_port, updated_at) VALUES (?, ?, ?)').run('t', 27183, 4),
    ).toThrow(/UNIQUE/);
  });
});

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

describe('openStorage', () => {
  it('opens in WAL mode at the latest version, and reopens without migrating again', () => {
    db.close();
    const s = openStorage({ file });
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    s.close();
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = openStorage({ file });
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('refuses a file written by a newer station, saying what to do', () => {
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    let caught: unknown;
    try {
      openStorage({ file });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).code).toBe('DATABASE_TOO_NEW');
    expect((caught as Error).message).toMatch(/Upgrade Cashier Station/);
  });
});
