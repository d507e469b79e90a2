import { z } from 'zod';

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const onOff = (on: boolean) => z.boolean({ error: 'must be on or off' }).default(on);

/** The announcer's voice: what is said, how loud, how often, and when not. */
export const voiceSettingsSchema = z.object({
  /** @default true */
  enabled: onOff(true),
  /**
   * 0 to 1, as howler takes it.
   * @default 0.8
   */
  volume: z
    .number({ error: 'must be a number' })
    .min(0, 'must be from 0 to 1')
    .max(1, 'must be from 0 to 1')
    .default(0.8),
  /**
   * How long after a new-order announcement it is said again, while the order is unaccepted.
   * @default 60
   */
  repeatIntervalSec: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(10, 'must be at least 10 s')
    .max(600, 'must be at most 600 s')
    .default(60),
  /**
   * A daily quiet window. Off by default because a shop open late would otherwise miss orders
   * without knowing why.
   */
  quietHours: z
    .object({
      /** @default false */
      enabled: onOff(false),
      /** @default '22:00' */
      start: z
        .string({ error: 'must be a time' })
        .regex(HH_MM, 'must be a time such as 22:00')
        .default('22:00'),
      /** @default '08:00' */
      end: z
        .string({ error: 'must be a time' })
        .regex(HH_MM, 'must be a time such as 07:00')
        .default('08:00'),
      /**
       * A customer may be waiting at the till even at night.
       * @default true
       */
      allowPaymentTrouble: onOff(true),
    })
    .prefault({}),
  /**
   * Cloud-speaker amounts ("支付宝到账 十二 点 五 元") rather than a plain "支付成功".
   * @default true
   */
  speakAmounts: onOff(true),
  /** Each kind of announcement on or off; all on by default. */
  announce: z
    .object({
      newOrder: onOff(true),
      rush: onOff(true),
      paymentSucceeded: onOff(true),
      paymentTrouble: onOff(true),
      devices: onOff(true),
      /** "打印机未连接", once when printing starts failing. */
      printer: onOff(true),
    })
    .prefault({}),
});
export type VoiceSettings = z.infer<typeof voiceSettingsSchema>;

/**
 * The voice section as the announcer takes it (`AnnouncerSettings` in src/shared/voice): the
 * same fields in its units. The per-kind `announce` switches are applied before the announcer.
 */
export function announcerSettingsFrom(voice: VoiceSettings) {
  return {
    volume: voice.enabled ? voice.volume : 0,
    repeatIntervalMs: voice.repeatIntervalSec * 1000,
    quietHours: voice.quietHours.enabled
      ? {
          start: voice.quietHours.start,
          end: voice.quietHours.end,
          allow: voice.quietHours.allowPaymentTrouble ? ('payment-trouble' as const) : ('nothing' as const),
        }
      : null,
    speakAmounts: voice.speakAmounts,
  };
}
