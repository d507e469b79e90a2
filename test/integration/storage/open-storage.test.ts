import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/core/storage/migrations';
import { openStorage } from '../../../src/main/core/storage/storage';
import { StorageError } from '../../../src/main/core/storage/storage-errors';
import { useMigrationDb } from '../../support/migration-db';

// A fresh, unmigrated file per test: the same helper the migration tests use.
const m = useMigrationDb();

describe('openStorage', () => {
  it('opens in WAL mode at the latest version, and reopens without migrating again', () => {
    m.db().close();
    const s = openStorage({ file: m.file() });
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    s.close();
    const raw = new BetterSqlite3(m.file());
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = openStorage({ file: m.file() });
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('refuses a file written by a newer station, saying what to do', () => {
    m.db().pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    m.db().close();
    let caught: unknown;
    try {
      openStorage({ file: m.file() });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).code).toBe('DATABASE_TOO_NEW');
    expect((caught as Error).message).toMatch(/Upgrade Cashier Station/);
  });
});
