import { z } from 'zod';
import type { SettingsSection, StationSettings } from '../../../shared/settings/station-settings';
import { SETTINGS_SECTIONS, stationSettingsSchema } from '../../../shared/settings/station-settings';
import { unwrapDefaults } from '../../../shared/settings/without-defaults';
import { checkNotificationRules } from './settings-check';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored value read with `schema`: kept where valid; where not, each field of an object is
 * read on its own (so one bad value falls back to its default alone and never takes its
 * neighbours with it), and anything else becomes its default.
 */
export function readValue(schema: z.core.$ZodType, raw: unknown): unknown {
  const whole = z.safeParse(schema, raw);
  if (whole.success) return whole.data;
  const inner = unwrapDefaults(schema);
  if (inner instanceof z.ZodObject && isPlainObject(raw)) {
    const fields: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(inner.shape as Record<string, z.core.$ZodType>)) {
      fields[key] = readValue(field, raw[key]);
    }
    const repaired = z.safeParse(schema, fields);
    if (repaired.success) return repaired.data;
  }
  return z.parse(schema, undefined);
}

/** The engine's extra check on rules that pass the schema: a field it refuses gets its default. */
function readRules(raw: unknown): StationSettings['notificationRules'] {
  const schema = stationSettingsSchema.shape.notificationRules;
  const rules = readValue(schema, raw) as StationSettings['notificationRules'];
  const bad = new Set(checkNotificationRules(rules).map((i) => i.path.split('.')[1]));
  if (bad.size === 0) return rules;
  const defaults = z.parse(schema, undefined);
  const repaired = { ...rules };
  for (const key of Object.keys(repaired) as (keyof typeof repaired)[]) {
    if (bad.has(key)) (repaired as Record<string, unknown>)[key] = defaults[key];
  }
  return checkNotificationRules(repaired).length === 0 ? repaired : defaults;
}

/**
 * The settings as stored, one row per section. A missing section, or a value an older station,
 * a hand edit or a damaged file left invalid, falls back to its default without touching the
 * rest: the station must start, and the cashier keeps every setting that is still good.
 */
export function readStoredSettings(rows: ReadonlyMap<string, unknown>): StationSettings {
  const out: Partial<Record<SettingsSection, unknown>> = {};
  for (const section of SETTINGS_SECTIONS) {
    const raw = rows.get(section);
    out[section] =
      section === 'notificationRules' ? readRules(raw) : readValue(stationSettingsSchema.shape[section], raw);
  }
  return out as StationSettings;
}
