import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileRules } from '../../../../src/main/core/phone/notification-reader';
import {
  SETTINGS_SECTIONS,
  STATION_SETTINGS_DEFAULTS,
  stationSettingsSchema,
} from '../../../../src/shared/settings/station-settings';
import { unwrapDefaults } from '../../../../src/shared/settings/without-defaults';

describe('station settings schema', () => {
  it('is complete from its defaults alone, and the defaults pass their own bounds', () => {
    expect(Object.keys(STATION_SETTINGS_DEFAULTS)).toEqual(SETTINGS_SECTIONS);
    expect(stationSettingsSchema.parse(STATION_SETTINGS_DEFAULTS)).toEqual(STATION_SETTINGS_DEFAULTS);
    expect(() => compileRules(STATION_SETTINGS_DEFAULTS.notificationRules)).not.toThrow();
  });

  it('gives every field its own default, at every depth', () => {
    const withoutDefault: string[] = [];
    const walk = (schema: z.core.$ZodType, path: string) => {
      if (!z.safeParse(schema, undefined).success) withoutDefault.push(path);
      const inner = unwrapDefaults(schema);
      if (inner instanceof z.ZodObject) {
        for (const [key, field] of Object.entries(inner.shape as Record<string, z.core.$ZodType>)) {
          walk(field, `${path}.${key}`);
        }
      }
    };
    for (const section of SETTINGS_SECTIONS) walk(stationSettingsSchema.shape[section], section);
    expect(withoutDefault).toEqual([]);
  });

  it('names each refused value with a message the window can show', () => {
    const r = stationSettingsSchema.safeParse({
      payments: { groupId: 1.5, resultTimeoutMs: 'soon' },
      voice: { volume: 2 },
      desktop: { closeToTray: 'yes' },
    });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['payments.groupId', 'must be a whole number'],
      ['payments.resultTimeoutMs', 'must be a number'],
      ['voice.volume', 'must be from 0 to 1'],
      ['desktop.closeToTray', 'must be on or off'],
    ]);
  });
});
