import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
