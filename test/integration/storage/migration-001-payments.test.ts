import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/main/core/storage/migrate';
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
