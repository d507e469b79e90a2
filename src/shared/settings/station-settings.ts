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
import { voiceSettingsSchema } from './voice-settings';

/**
 * Every setting of the station, in sections. Each field carries its bounds, its message for the
 * window and its default, so `stationSettingsSchema.parse({})` is a complete station. The API
 * secret is not here: it is not a setting anybody types, and only `settings:revealSecret` shows it.
 */
export const stationSettingsSchema = z.object({
  api: apiSettingsSchema.prefault({}),
  phoneApp: phoneAppSettingsSchema.prefault({}),
  payments: paymentSettingsSchema.prefault({}),
  notificationRules: notificationRulesSchema.prefault({}),
  callbacks: callbackSettingsSchema.prefault({}),
  care: careSettingsSchema.prefault({}),
  fleet: fleetSettingsSchema.prefault({}),
  voice: voiceSettingsSchema.prefault({}),
  printer: printerSettingsSchema.prefault({}),
  language: languageSchema,
  desktop: desktopSettingsSchema.prefault({}),
});
export type StationSettings = z.infer<typeof stationSettingsSchema>;

export type SettingsSection = keyof StationSettings;

/** The sections, in the order the schema lists them; each is one row of the settings table. */
export const SETTINGS_SECTIONS = Object.keys(stationSettingsSchema.shape) as SettingsSection[];

/** Every default, in one object. */
export const STATION_SETTINGS_DEFAULTS: StationSettings = stationSettingsSchema.parse({});
