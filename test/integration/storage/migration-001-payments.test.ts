import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../src/main/core/storage/migrate';
import { useMigrationDb } from '../../support/migration-db';

const m = useMigrationDb();
const insertPayment = m.insertPayment;

describe('migration 1: payments', () => {
  it('creates the tables at version 1 from an empty file, with their checks', () => {
    expect(schemaVersion(m.db())).toBe(0);
    expect(migrate(m.db(), 1)).toBe(1);
    insertPayment('A1');
    m.db()
      .prepare('INSERT INTO payment_attempts (order_no, serial, started_at) VALUES (?, ?, ?)')
      .run('A1', 's', 2);
    m.db().prepare('INSERT INTO cancellations (order_no, requested_at) VALUES (?, ?)').run('X', 3);
    m.db()
      .prepare('INSERT INTO devices (serial, local_port, updated_at) VALUES (?, ?, ?)')
      .run('s', 27183, 4);
    m.db()
      .prepare('INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (1, ?, ?, ?, ?)')
      .run('u', 'a', 's', '{}');
    expect(() => insertPayment('A1')).toThrow(/UNIQUE/);
    expect(() => insertPayment('B1', 'paid')).toThrow(/CHECK/);
    expect(() =>
      m
        .db()
        .prepare('INSERT INTO devices (serial, local_port, updated_at) VALUES (?, ?, ?)')
        .run('t', 27183, 4),
    ).toThrow(/UNIQUE/);
  });
});
