import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  patchedSections,
  settingsPatchSchema,
} from '../../../../src/shared/settings/settings-patch';
import { STATION_SETTINGS_DEFAULTS } from '../../../../src/shared/settings/station-settings';

describe('settings patch', () => {
  it('keeps only what was sent: no default is filled in, at any depth', () => {
    expect(settingsPatchSchema.parse({ voice: { volume: 0.3 } })).toEqual({ voice: { volume: 0.3 } });
    expect(settingsPatchSchema.parse({})).toEqual({});
    // A nested object is sent whole, and must be whole.
    expect(
      settingsPatchSchema
        .safeParse({ voice: { quietHours: { enabled: true } } })
        .error?.issues.map((i) => i.path.join('.')),
    ).toEqual(['voice.quietHours.start', 'voice.quietHours.end', 'voice.quietHours.allowPaymentTrouble']);
  });

  it('checks what was sent against the same bounds and messages as the settings', () => {
    const r = settingsPatchSchema.safeParse({ api: { httpPort: 80 }, payments: { resultTimeoutMs: 100 } });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['api.httpPort', 'must be from 1024 to 65535'],
      ['payments.resultTimeoutMs', 'must be at least 1 s'],
    ]);
    expect(settingsPatchSchema.safeParse({ secret: 'x' }).success).toBe(false);
  });

  it('merges each patched section one level deep and leaves the rest as it was', () => {
    const next = applySettingsPatch(STATION_SETTINGS_DEFAULTS, {
      payments: { settleMs: 1_000 },
      language: 'en',
    });
    expect(next.payments).toEqual({ ...STATION_SETTINGS_DEFAULTS.payments, settleMs: 1_000 });
    expect(next.language).toBe('en');
    expect(next.voice).toBe(STATION_SETTINGS_DEFAULTS.voice);
    expect(patchedSections({ payments: { settleMs: 1 }, voice: undefined })).toEqual(['payments']);
  });
});
