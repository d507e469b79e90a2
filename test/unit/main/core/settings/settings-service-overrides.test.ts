import { describe, expect, it } from 'vitest';
import { InvalidSettingsOverridesError } from '../../../../../src/main/core/settings/settings-errors';
import { createSettingsService } from '../../../../../src/main/core/settings/settings-service';
import type { SettingsPatch } from '../../../../../src/shared/settings/settings-patch';
import { credentialsFrom, memorySettingsTable } from '../../../../support/memory-settings';

const open = (table: ReturnType<typeof memorySettingsTable>, overrides?: SettingsPatch) =>
  createSettingsService({ repository: table, credentials: credentialsFrom(), overrides });

describe('settings service: command-line overrides', () => {
  it('apply over the stored values without being saved', () => {
    const table = memorySettingsTable({ payments: { settleMs: 2_000, groupId: 3 } });
    const s = open(table, { payments: { minResultMs: 0 }, phoneApp: { port: 10011 } });
    expect(s.get().payments).toMatchObject({ settleMs: 2_000, groupId: 3, minResultMs: 0 });
    expect(s.get().phoneApp.port).toBe(10011);
    expect(table.rows.get('payments')).toEqual({ settleMs: 2_000, groupId: 3 });
    expect(table.rows.has('phoneApp')).toBe(false);
  });

  it('stay unsaved when the cashier changes another field of their section', () => {
    const table = memorySettingsTable();
    const s = open(table, { payments: { resultTimeoutMs: 5_000 } });
    s.update({ payments: { settleMs: 1_000 } });
    expect(s.get().payments).toMatchObject({ resultTimeoutMs: 5_000, settleMs: 1_000 });
    expect(table.rows.get('payments')).toMatchObject({ resultTimeoutMs: 90_000, settleMs: 1_000 });
    // The next start without the flag runs with what was saved.
    expect(open(table).get().payments.resultTimeoutMs).toBe(90_000);
  });

  it('give way to the value the cashier saves for that same field', () => {
    const table = memorySettingsTable();
    const s = open(table, { payments: { resultTimeoutMs: 5_000 } });
    s.update({ payments: { resultTimeoutMs: 30_000 } });
    expect(s.get().payments.resultTimeoutMs).toBe(30_000);
    expect(table.rows.get('payments')).toMatchObject({ resultTimeoutMs: 30_000 });
  });

  it('that the schema refuses stop the start, with their paths and what to do', () => {
    let caught: unknown;
    try {
      open(memorySettingsTable(), { payments: { resultTimeoutMs: 10 }, phoneApp: { package: 'nodots' } });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidSettingsOverridesError);
    const err = caught as InvalidSettingsOverridesError;
    expect(err.code).toBe('INVALID_SETTINGS_OVERRIDES');
    expect(err.issues).toEqual([
      { path: 'phoneApp.package', message: 'must look like com.example.app' },
      { path: 'payments.resultTimeoutMs', message: 'must be at least 1 s' },
    ]);
    expect(err.message).toMatch(/Correct the command-line flags/);
  });
});
