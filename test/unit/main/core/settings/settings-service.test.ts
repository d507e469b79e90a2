import { describe, expect, it } from 'vitest';
import { InvalidSettingsError } from '../../../../../src/main/core/settings/settings-errors';
import type { SettingsServiceOptions } from '../../../../../src/main/core/settings/settings-service';
import { createSettingsService } from '../../../../../src/main/core/settings/settings-service';
import { createManualClock } from '../../../../../src/main/core/util/clock';
import type { SettingsView } from '../../../../../src/shared/contract/settings-schemas';
import { settingsViewSchema } from '../../../../../src/shared/contract/settings-schemas';
import { STATION_SETTINGS_DEFAULTS } from '../../../../../src/shared/settings/station-settings';
import { credentialsFrom, memorySettingsTable } from '../../../../support/memory-settings';

function service(table = memorySettingsTable(), more: Partial<SettingsServiceOptions> = {}) {
  return createSettingsService({
    repository: table,
    credentials: credentialsFrom(),
    clock: createManualClock(1_000),
    ...more,
  });
}

function refusal(run: () => unknown): InvalidSettingsError {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidSettingsError) return err;
    throw err;
  }
  throw new Error('expected the settings to refuse the change');
}

describe('settings service: what it shows', () => {
  it('has the documented defaults, for every section', () => {
    const view = service().get();
    expect(view.payments).toEqual({
      resultTimeoutMs: 90_000,
      groupId: 1,
      dispatchVia: 'transport',
      settleMs: 60_000,
      secondRestart: true,
      minResultMs: 1_500,
      defaultExpirySec: 120,
    });
    expect(view).toMatchObject({
      callbacks: { maxAttempts: 8 },
      api: { httpPort: 17800 },
      phoneApp: { package: 'com.cashier.phone', activity: '.MainActivity', port: 10010 },
      voice: { enabled: true, volume: 0.8, repeatIntervalSec: 60, quietHours: { enabled: false } },
      language: 'zh-CN',
      desktop: { startWithSystem: false, closeToTray: true },
      notificationRules: STATION_SETTINGS_DEFAULTS.notificationRules,
    });
  });

  it('gives a full view that the contract accepts, without the secret', () => {
    const s = service();
    const view = s.get();
    expect(settingsViewSchema.parse(view)).toEqual(view);
    expect(view.credentialsSource).toBe('store');
    expect(view.apiKey).toMatch(/^cs_/);
    const secret = s.revealSecret();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(JSON.stringify(view)).not.toContain(secret);
  });

  it('hands out the same view until something changes, so the engine can read it per payment', () => {
    const s = service();
    expect(s.get()).toBe(s.get());
    const before = s.get();
    s.update({ language: 'en' });
    expect(s.get()).not.toBe(before);
  });
});

describe('settings service: changes', () => {
  it('validates, saves only the sections it touches, and emits the new view once', () => {
    const table = memorySettingsTable();
    const s = service(table);
    const seen: SettingsView[] = [];
    s.on('changed', (v) => seen.push(v));
    const returned = s.update({
      voice: { volume: 0.4 },
      payments: { settleMs: 30_000, defaultExpirySec: 300 },
      language: 'en',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(returned);
    expect(returned).toMatchObject({
      language: 'en',
      voice: { volume: 0.4, enabled: true },
      payments: { settleMs: 30_000, defaultExpirySec: 300, resultTimeoutMs: 90_000 },
    });
    expect([...table.rows.keys()].filter((k) => k !== 'credentials').sort()).toEqual([
      'language',
      'payments',
      'voice',
    ]);
    expect(service(table).get()).toMatchObject({
      language: 'en',
      voice: { volume: 0.4 },
      payments: { settleMs: 30_000, defaultExpirySec: 300 },
    });
  });

  it('refuses invalid values with their field paths, keeps the old settings and saves nothing', () => {
    const table = memorySettingsTable();
    const s = service(table);
    const saved = table.puts.length;
    const port = refusal(() => s.update({ api: { httpPort: 80 } }));
    expect(port.code).toBe('INVALID_SETTINGS');
    expect(port.issues).toEqual([{ path: 'api.httpPort', message: 'must be from 1024 to 65535' }]);
    const mixed = refusal(() =>
      s.update({
        language: 'en',
        payments: { minResultMs: -1, resultTimeoutMs: 900_000 },
        notificationRules: { amountPatterns: ['('] },
      }),
    );
    expect(mixed.issues.map((i) => i.path)).toEqual([
      'payments.resultTimeoutMs',
      'payments.minResultMs',
      'notificationRules.amountPatterns.0',
    ]);
    expect(mixed.message).toMatch(/Correct these values and save again/);
    expect(s.get().language).toBe('zh-CN');
    expect(s.get().payments.minResultMs).toBe(1_500);
    expect(table.puts.length).toBe(saved);
  });

  it('refuses amount patterns the engine cannot use (no capture group), on their field', () => {
    const s = service();
    const err = refusal(() => s.update({ notificationRules: { amountPatterns: ['(\\d+)元', '元'] } }));
    expect(err.issues).toEqual([
      { path: 'notificationRules.amountPatterns.1', message: expect.stringMatching(/capture group/) },
    ]);
  });

  it('refuses an unknown section rather than dropping it', () => {
    const err = refusal(() => service().update({ secret: 'x' } as never));
    expect(err.issues[0].message).toMatch(/Unrecognized key/);
  });

  it('saves desktop preferences like any other section, and reads them back', () => {
    const table = memorySettingsTable();
    const clock = createManualClock(42);
    const s = service(table, { clock });
    expect(s.update({ desktop: { closeToTray: false } }).desktop).toEqual({
      startWithSystem: false,
      closeToTray: false,
      updateUrl: '',
      crashUploadUrl: '',
    });
    expect(table.rows.get('desktop')).toEqual({
      startWithSystem: false,
      closeToTray: false,
      updateUrl: '',
      crashUploadUrl: '',
    });
    expect(table.puts.at(-1)).toBe(42);
    expect(service(table).get().desktop.closeToTray).toBe(false);
  });
});
