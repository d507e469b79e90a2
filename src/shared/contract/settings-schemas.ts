import { z } from 'zod';
import { settingsPatchSchema } from '../settings/settings-patch';
import { fleetSettingsSchema } from '../settings/fleet-settings';
import { stationSettingsSchema } from '../settings/station-settings';

/**
 * Settings as the bridge carries them. The settings themselves, their bounds and their defaults
 * are defined once in src/shared/settings; this file only says what the window sees of them.
 */

/** The sections the window's settings form edits. */
export const editableSettingsSchema = stationSettingsSchema.pick({
  api: true,
  phoneApp: true,
  payments: true,
  notificationRules: true,
  care: true,
  fleet: true,
  voice: true,
  printer: true,
  language: true,
});
export type EditableSettings = z.infer<typeof editableSettingsSchema>;

/**
 * What `settings:get` returns: every setting plus the API key. The secret is deliberately absent
 * (parsing strips it even if a port leaked it): only `settings:revealSecret` returns it.
 */
export const settingsViewSchema = stationSettingsSchema.extend({
  /** The fleet secret is never shown back (parsing strips it); a patch may still set it. */
  fleet: fleetSettingsSchema.omit({ secret: true }),
  apiKey: z.string(),
  /** `env` when STATION_API_KEY / STATION_API_SECRET pin the credentials: regenerate is refused. */
  credentialsSource: z.enum(['env', 'store']),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export { settingsPatchSchema };
export type { SettingsPatch } from '../settings/settings-patch';

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const settingsUpdateResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: settingsViewSchema }),
  z.object({ ok: z.literal(false), issues: z.array(fieldIssueSchema) }),
]);
