import { z } from 'zod';

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const onOff = (on: boolean) => z.boolean({ error: 'must be on or off' }).default(on);

/**
 * Phone care: what the station does on its own, over adb, to keep its phones payable. Each
 * action can be turned off; none runs while a phone has a payment in flight or is settling.
 */
export const careSettingsSchema = z.object({
  /**
   * How often an idle phone's health is read again.
   * @default 30
   */
  heartbeatSec: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(5, 'must be at least 5 s')
    .max(600, 'must be at most 600 s')
    .default(30),
  /**
   * One quick shell call before each payment: the app's port listens and its listener is live.
   * A phone that fails it does not take the payment.
   * @default true
   */
  preDispatchCheck: onOff(true),
  /**
   * Start the phone app again when it is down.
   * @default true
   */
  reviveApp: onOff(true),
  /**
   * After this many revivals within an hour the station stops and says the app keeps dying:
   * the ROM is killing it, which only its own settings can stop.
   * @default 5
   */
  reviveLimitPerHour: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(50, 'must be at most 50')
    .default(5),
  /**
   * Bind the notification listener again when it is enabled but not live.
   * @default true
   */
  rebindListener: onOff(true),
  /**
   * Keep the screen on while on USB, and wake it when it is off.
   * @default true
   */
  keepAwake: onOff(true),
  /**
   * Dismiss the lock screen, only when no PIN, pattern or password is set.
   * @default true
   */
  dismissKeyguard: onOff(true),
  /**
   * Exempt the app from battery optimisation on its own; off, the device view offers it as
   * one click.
   * @default false
   */
  autoWhitelist: onOff(false),
  /** A daily reboot of each idle phone at a quiet hour, then waiting for it to be ready again. */
  scheduledReboot: z
    .object({
      /** @default false */
      enabled: onOff(false),
      /** @default '04:00' */
      at: z.string({ error: 'must be a time' }).regex(HH_MM, 'must be a time such as 04:00').default('04:00'),
    })
    .prefault({}),
});
export type CareSettings = z.infer<typeof careSettingsSchema>;
