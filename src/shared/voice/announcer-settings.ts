import { STATION_SETTINGS_DEFAULTS } from '../settings/station-settings';
import { announcerSettingsFrom } from '../settings/voice-settings';
import { validateQuietHours, type QuietHours } from './quiet-hours';

/** Settings the cashier can change at run time (Settings → voice). */
export interface AnnouncerSettings {
  /**
   * 0 (silent) to 1 (full).
   * @default 0.8
   */
  volume: number;
  /**
   * How long after a new-order announcement ends it is said again, while the order is unaccepted.
   * @default 60_000
   */
  repeatIntervalMs: number;
  /**
   * Daily quiet window, or null for none. Off by default because a shop open late would
   * otherwise miss orders without knowing why.
   * @default null
   */
  quietHours: QuietHours | null;
  /**
   * Read payment amounts cloud-speaker style ("支付宝到账 十二 点 五 元"); when false, a success
   * is just "支付成功".
   * @default true
   */
  speakAmounts: boolean;
}

/** The voice settings' defaults, in the announcer's units. */
export const DEFAULT_ANNOUNCER_SETTINGS: Readonly<AnnouncerSettings> = announcerSettingsFrom(
  STATION_SETTINGS_DEFAULTS.voice,
);

export class VoiceSettingsError extends Error {
  readonly code = 'VOICE_SETTINGS_INVALID';
  constructor(
    readonly setting: keyof AnnouncerSettings,
    message: string,
  ) {
    super(message);
    this.name = 'VoiceSettingsError';
  }
}

/**
 * Throws {@link VoiceSettingsError} (or `QuietHoursError`) for a setting the announcer cannot
 * honour. The settings form can run the same check before saving.
 */
export function validateSettings(settings: AnnouncerSettings): void {
  if (!(settings.volume >= 0 && settings.volume <= 1)) {
    throw new VoiceSettingsError('volume', `Voice volume must be between 0 and 1, got ${settings.volume}.`);
  }
  if (!(settings.repeatIntervalMs >= 1000)) {
    throw new VoiceSettingsError(
      'repeatIntervalMs',
      `The new-order repeat interval must be at least 1000 ms, got ${settings.repeatIntervalMs}.`,
    );
  }
  if (settings.quietHours) validateQuietHours(settings.quietHours);
}
