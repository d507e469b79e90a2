import type { Database } from 'better-sqlite3';
import { StorageError } from './storage-errors';
import type { Migration } from './migrations';
import { MIGRATIONS } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `to` (default: the latest), one transaction per migration so a crash
 * leaves the file at a whole version.
 */
export function migrate(db: Database, to?: number, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  const target = to ?? latest;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StorageError(
      'DATABASE_TOO_NEW',
      `The data file is at schema version ${current}, newer than this station knows (${latest}). ` +
        'Upgrade Cashier Station, or point it at another data folder.',
    );
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
