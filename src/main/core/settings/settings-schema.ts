import { z } from 'zod';
import { compileRules, DEFAULT_NOTIFICATION_RULES } from '../phone/notification-reader';

/**
 * Every setting the engine reads, with its default and its bounds. Times are milliseconds in the
 * core; the UI and the command line may show seconds.
 */
export const settingsSchema = z.object({
  /**
   * How long to wait for the phone's answer after the command was written. Past it the payment
   * is `unknown` and the phone is treated as wedged.
   * @default 90000
   */
  resultTimeoutMs: z.number().int().min(100).max(600_000).default(90_000),
  /**
   * The `groupId` of the pay command (seed protocol).
   * @default 1
   */
  groupId: z.number().int().min(0).max(2_147_483_647).default(1),
  /**
   * Keywords and amount patterns for reading notifications.
   * @default DEFAULT_NOTIFICATION_RULES
   */
  notificationRules: z
    .object({
      failureKeywords: z.array(z.string().max(64)).max(100),
      successKeywords: z.array(z.string().max(64)).min(1).max(100),
      amountPatterns: z.array(z.string().min(1).max(500)).min(1).max(20),
    })
    .superRefine((rules, ctx) => {
      try {
        compileRules(rules);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    })
    .default(DEFAULT_NOTIFICATION_RULES),
  /**
   * How long a wedged phone stays out of rotation after its app was restarted (DESIGN §2), so
   * that a late notification lands while nobody is waiting and is dropped by the second restart.
   * @default 60000
   */
  settleMs: z.number().int().min(0).max(3_600_000).default(60_000),
  /**
   * Restart the phone app once more at the end of the settle period.
   * @default true
   */
  secondRestart: z.boolean().default(true),
  /**
   * A result sooner than this after the command was written is not plausible for a real payment:
   * the payment becomes `unknown` with `result_too_fast`. 0 turns the check off.
   * @default 1500
   */
  minResultMs: z.number().int().min(0).max(60_000).default(1_500),
  /**
   * Delivery attempts for one callback before it is left as failed (it can still be resent by hand).
   * @default 8
   */
  callbackMaxAttempts: z.number().int().min(1).max(50).default(8),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = Partial<Settings>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
