import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { AttemptRepository } from './attempt-repository';
import { createAttemptRepository } from './attempt-repository';
import type { AuditRepository } from './audit-repository';
import { createAuditRepository } from './audit-repository';
import type { CancellationRepository } from './cancellation-repository';
import { createCancellationRepository } from './cancellation-repository';
import type { DevicePortRepository } from './device-port-repository';
import { createDevicePortStore } from './device-port-repository';
import { migrate } from './migrate';
import type { OrderRepository } from './order-repository';
import { createOrderRepository } from './order-repository';
import type { FleetOutboxRepository } from './fleet-outbox-repository';
import { createFleetOutboxRepository } from './fleet-outbox-repository';
import type { OutboxRepository } from './outbox-repository';
import { createOutboxRepository } from './outbox-repository';
import type { PaymentRepository } from './payment-repository';
import type { PrintJobRepository } from './print-job-repository';
import { createPrintJobRepository } from './print-job-repository';
import { createPaymentRepository } from './payment-repository';
import type { SettingsRepository } from './settings-repository';
import { createSettingsRepository } from './settings-repository';
import { StorageError } from './storage-errors';

export interface StorageOptions {
  /** The SQLite file. Its folder is created when missing. */
  file: string;
  /**
   * `full` syncs the WAL on every commit, so a committed payment survives a power cut, not only
   * a crash. `normal` survives a process crash or SIGKILL but may lose the last commits on power
   * loss.
   * @default 'full'
   */
  synchronous?: 'full' | 'normal';
  /** Used for the devices table's timestamps. @default Date.now */
  now?: () => number;
}

/** The one way into the database. Every SQL statement of the station lives behind these repositories. */
export interface Storage {
  readonly file: string;
  readonly payments: PaymentRepository;
  readonly attempts: AttemptRepository;
  readonly cancellations: CancellationRepository;
  readonly audit: AuditRepository;
  readonly orders: OrderRepository;
  readonly outbox: OutboxRepository;
  /** Fleet mode's results, waiting for Redis. */
  readonly fleetOutbox: FleetOutboxRepository;
  /** The durable print queue's jobs. */
  readonly printJobs: PrintJobRepository;
  readonly settings: SettingsRepository;
  readonly devicePorts: DevicePortRepository;
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  readonly schemaVersion: number;
  readonly open: boolean;
  close(): void;
}

/** Opens (or creates) the station's database file in WAL mode and migrates it to the latest schema. */
export function openStorage(options: StorageOptions): Storage {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(options.file);
  } catch (err) {
    throw new StorageError(
      'DATABASE_OPEN_FAILED',
      `Cannot open the data file ${options.file}: ${(err as Error).message}. ` +
        'Check that the folder is writable and that no other station uses it.',
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  // Another process (a second station, a backup tool) may hold the lock briefly.
  db.pragma('busy_timeout = 5000');
  let version: number;
  try {
    version = migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return wrap(db, options.file, version, options.now ?? Date.now);
}

function wrap(db: Database, file: string, version: number, now: () => number): Storage {
  return {
    file,
    payments: createPaymentRepository(db),
    attempts: createAttemptRepository(db),
    cancellations: createCancellationRepository(db),
    audit: createAuditRepository(db),
    orders: createOrderRepository(db),
    outbox: createOutboxRepository(db),
    fleetOutbox: createFleetOutboxRepository(db),
    printJobs: createPrintJobRepository(db),
    settings: createSettingsRepository(db),
    devicePorts: createDevicePortStore(db, now),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    schemaVersion: version,
    get open() {
      return db.open;
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
