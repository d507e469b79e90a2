import { z } from 'zod';

/** What a phone is, as the station shows it (docs/ARCHITECTURE.md lists what each means). */
export const DEVICE_STATES = [
  'unauthorized',
  'offline',
  'connecting',
  'no-app',
  'app-down',
  'ready',
  'busy',
  'needs-attention',
  'gone',
] as const;
export const deviceStateSchema = z.enum(DEVICE_STATES);
export type DeviceState = z.infer<typeof deviceStateSchema>;

/** The health checks the station runs on every phone, in the order it shows them. */
export const HEALTH_CHECK_NAMES = [
  'app_installed',
  'app_port_listening',
  'notification_access',
  'notification_listener',
  'alipay_installed',
  'screen_awake',
  'screen_unlocked',
  'battery_whitelist',
] as const;
export const healthCheckNameSchema = z.enum(HEALTH_CHECK_NAMES);
export type HealthCheckName = z.infer<typeof healthCheckNameSchema>;

export const HEALTH_STATUSES = ['ok', 'fail', 'warn'] as const;
/** `fail` only on positive evidence of the bad state; `warn` when it could not tell (never blocks). */
export const healthStatusSchema = z.enum(HEALTH_STATUSES);
export type HealthStatus = z.infer<typeof healthStatusSchema>;

/**
 * Why a phone is not ready, as i18n keys (texts in `src/shared/i18n/device-texts.ts`) with the
 * parameters they need; `hintKey` is the next step the cashier can take.
 */
export const deviceReasonSchema = z.object({
  /** Stable machine code, e.g. `ADB_UNAUTHORIZED`, `APP_NOT_INSTALLED`, `SETTLING`. */
  code: z.string(),
  messageKey: z.string(),
  hintKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type DeviceReason = z.infer<typeof deviceReasonSchema>;
