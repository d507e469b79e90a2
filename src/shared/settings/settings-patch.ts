import { z } from 'zod';
import { apiSettingsSchema } from './api-settings';
import { callbackSettingsSchema } from './callback-settings';
import { careSettingsSchema } from './care-settings';
import { desktopSettingsSchema } from './desktop-settings';
import { fleetSettingsSchema } from './fleet-settings';
import { languageSchema } from './language';
import { notificationRulesSchema } from './notification-rules';
import { paymentSettingsSchema } from './payment-settings';
import { phoneAppSettingsSchema } from './phone-app-settings';
import { printerSettingsSchema } from './printer-settings';
import type { SettingsSection, StationSettings } from './station-settings';
import { voiceSettingsSchema } from './voice-settings';
import { withoutDefaults } from './without-defaults';

/**
 * A change to the settings. Each section may be sent partly (its nested objects, such as
 * `voice.quietHours`, whole); what is sent is checked against the same bounds as the settings,
 * and nothing missing is filled in. An unknown section is refused rather than dropped, so that a
 * typo does not look saved.
 */
export const settingsPatchSchema = z.strictObject({
  api: withoutDefaults(apiSettingsSchema).partial().optional(),
  phoneApp: withoutDefaults(phoneAppSettingsSchema).partial().optional(),
  payments: withoutDefaults(paymentSettingsSchema).partial().optional(),
  notificationRules: withoutDefaults(notificationRulesSchema).partial().optional(),
  callbacks: withoutDefaults(callbackSettingsSchema).partial().optional(),
  care: withoutDefaults(careSettingsSchema).partial().optional(),
  fleet: withoutDefaults(fleetSettingsSchema).partial().optional(),
  voice: withoutDefaults(voiceSettingsSchema).partial().optional(),
  printer: withoutDefaults(printerSettingsSchema).partial().optional(),
  language: withoutDefaults(languageSchema).optional(),
  desktop: withoutDefaults(desktopSettingsSchema).partial().optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The sections a patch changes. */
export function patchedSections(patch: SettingsPatch): SettingsSection[] {
  return (Object.keys(patch) as SettingsSection[]).filter((s) => patch[s] !== undefined);
}

/** `settings` with `patch` applied: each patched section merged one level deep, the rest kept. */
export function applySettingsPatch(settings: StationSettings, patch: SettingsPatch): StationSettings {
  const next: Record<string, unknown> = { ...settings };
  for (const section of patchedSections(patch)) {
    const value = patch[section];
    const old = settings[section];
    next[section] = typeof old === 'object' && old !== null ? { ...old, ...(value as object) } : value;
  }
  return next as StationSettings;
}
