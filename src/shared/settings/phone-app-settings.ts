import { z } from 'zod';

/** The app on each payment phone that the station drives through its adb forward. */
export const phoneAppSettingsSchema = z.object({
  /**
   * The app's package, for `am start` and `am force-stop`.
   * @default 'com.cashier.phone'
   */
  package: z
    .string({ error: 'must be text' })
    .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/, 'must look like com.example.app')
    .default('com.cashier.phone'),
  /**
   * The activity `am start -n` opens, relative (`.Main`) or full.
   * @default '.MainActivity'
   */
  activity: z
    .string({ error: 'must be text' })
    .min(1, 'must not be empty')
    .max(200, 'is at most 200 characters')
    .regex(/^[A-Za-z0-9_.$]+$/, 'must look like .MainActivity or com.example.app.MainActivity')
    .default('.MainActivity'),
  /**
   * The app's server port on the phone, the far end of the forward.
   * @default 10010
   */
  port: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be from 1 to 65535')
    .max(65535, 'must be from 1 to 65535')
    .default(10010),
  /**
   * The app's NotificationListenerService, `pkg/full.Class` or `pkg/.Class`, for rebinding it.
   * Empty: the station takes the app's own entry of the phone's enabled listeners.
   * @default ''
   */
  listener: z
    .string({ error: 'must be text' })
    .regex(
      /^$|^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+\/[A-Za-z0-9_.$]+$/,
      'must look like com.example.app/.PayListener, or be empty',
    )
    .default(''),
});
export type PhoneAppSettings = z.infer<typeof phoneAppSettingsSchema>;
