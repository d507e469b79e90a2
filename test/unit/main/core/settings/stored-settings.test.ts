import { describe, expect, it } from 'vitest';
import { readStoredSettings } from '../../../../../src/main/core/settings/stored-settings';
import { STATION_SETTINGS_DEFAULTS } from '../../../../../src/shared/settings/station-settings';

const read = (rows: Record<string, unknown>) => readStoredSettings(new Map(Object.entries(rows)));

describe('stored settings', () => {
  it('read as the defaults when nothing was saved', () => {
    expect(read({})).toEqual(STATION_SETTINGS_DEFAULTS);
  });

  it('fall back to the default for a bad stored value alone, keeping its neighbours', () => {
    const s = read({
      payments: { settleMs: 'sixty', groupId: 3, resultTimeoutMs: 100 },
      voice: { volume: 0.3, quietHours: { enabled: true, start: '25:00', end: '06:00' } },
      desktop: { startWithSystem: true, closeToTray: 'yes' },
      language: 'fr',
      api: { httpPort: 18000, extra: true },
    });
    expect(s.payments).toMatchObject({ settleMs: 60_000, groupId: 3, resultTimeoutMs: 90_000 });
    expect(s.voice).toMatchObject({
      volume: 0.3,
      quietHours: { enabled: true, start: '22:00', end: '06:00', allowPaymentTrouble: true },
    });
    expect(s.desktop).toEqual({
      startWithSystem: true,
      closeToTray: true,
      updateUrl: '',
      crashUploadUrl: '',
    });
    expect(s.language).toBe('zh-CN');
    expect(s.api).toEqual({ httpPort: 18000 });
  });

  it('fall back whole when a section is not an object at all', () => {
    const s = read({ desktop: 'garbage', phoneApp: [1, 2], notificationRules: null });
    expect(s.desktop).toEqual(STATION_SETTINGS_DEFAULTS.desktop);
    expect(s.phoneApp).toEqual(STATION_SETTINGS_DEFAULTS.phoneApp);
    expect(s.notificationRules).toEqual(STATION_SETTINGS_DEFAULTS.notificationRules);
  });

  it('give notification rules the engine refuses their default, keeping the good rules', () => {
    const s = read({
      notificationRules: { successKeywords: ['到账'], failureKeywords: [], amountPatterns: ['元'] },
    });
    expect(s.notificationRules).toEqual({
      successKeywords: ['到账'],
      failureKeywords: [],
      amountPatterns: STATION_SETTINGS_DEFAULTS.notificationRules.amountPatterns,
    });
  });

  it('fill in a field a newer station added, instead of resetting its section', () => {
    const s = read({ payments: { groupId: 7, resultTimeoutMs: 30_000 } });
    expect(s.payments).toEqual({
      ...STATION_SETTINGS_DEFAULTS.payments,
      groupId: 7,
      resultTimeoutMs: 30_000,
    });
  });
});
