import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { makeTempDir } from './temp-dir';

/**
 * A fresh, unmigrated SQLite file per test for the migration tests (one file per migration):
 * each test migrates it to version N-1, inserts rows, migrates to N and checks the rows.
 */
export function useMigrationDb(): {
  db(): Database;
  file(): string;
  /** Reopens the file, as a station restart would. */
  reopen(): Database;
  insertPayment(orderNo: string, status?: string): void;
} {
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
  return {
    db: () => db,
    file: () => file,
    reopen() {
      if (db.open) db.close();
      db = new BetterSqlite3(file);
      return db;
    },
    insertPayment(orderNo, status = 'queued') {
      db.prepare(
        `INSERT INTO payments (order_no, status, amount_fen, qr_code, expires_at, created_at, updated_at, request_hash)
         VALUES (?, ?, 300, 'qr', 1000, 1, 1, 'h')`,
      ).run(orderNo, status);
    },
  };
}
