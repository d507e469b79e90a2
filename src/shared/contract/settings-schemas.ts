import { z } from 'zod';

/**
 * The settings the cashier edits. Units follow the engine's settings (milliseconds); the form
 * shows seconds where a person thinks in seconds. The API secret is deliberately absent: only
 * `settings:revealSecret` returns it.
 */

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

const port = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1024, 'must be from 1024 to 65535')
  .max(65535, 'must be from 1024 to 65535');

export const apiSettingsSchema = z.object({ httpPort: port });

export const phoneAppSettingsSchema = z.object({
  package: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/, 'must look like com.example.app'),
  activity: z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'is at most 200 characters')
    .regex(/^[A-Za-z0-9_.$]+$/, 'must look like .MainActivity or com.example.app.MainActivity'),
  port: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be from 1 to 65535')
    .max(65535, 'must be from 1 to 65535'),
});

export const paymentSettingsSchema = z.object({
  groupId: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(2_147_483_647),
  resultTimeoutMs: z.number().int().min(1_000, 'must be at least 1 s').max(600_000, 'must be at most 600 s'),
  settleMs: z.number().int().min(0, 'must be 0 or more').max(3_600_000, 'must be at most 3600 s'),
  secondRestart: z.boolean(),
  minResultMs: z.number().int().min(0, 'must be 0 or more').max(60_000, 'must be at most 60000 ms'),
  defaultExpirySec: z.number().int().min(10, 'must be at least 10 s').max(3600, 'must be at most 3600 s'),
});

const keywordList = z.array(
  z.string().trim().min(1, 'must not be empty').max(64, 'is at most 64 characters'),
);

export const notificationRulesSchema = z.object({
  successKeywords: keywordList.min(1, 'needs at least one keyword').max(100),
  failureKeywords: keywordList.max(100),
  amountPatterns: z
    .array(
      z.string().min(1, 'must not be empty').max(500).refine(compiles, 'is not a valid regular expression'),
    )
    .min(1, 'needs at least one pattern')
    .max(20),
});

export const voiceSettingsSchema = z.object({
  enabled: z.boolean(),
  /** 0 to 1, as howler takes it. */
  volume: z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1'),
  repeatIntervalSec: z
    .number()
    .int('must be a whole number')
    .min(10, 'must be at least 10 s')
    .max(600, 'must be at most 600 s'),
  quietHours: z.object({
    enabled: z.boolean(),
    start: z.string().regex(HH_MM, 'must be a time such as 22:00'),
    end: z.string().regex(HH_MM, 'must be a time such as 07:00'),
    /** A customer may be waiting at the till even at night. */
    allowPaymentTrouble: z.boolean(),
  }),
  /** Cloud-speaker amounts ("支付宝到账 十二 点 五 元") rather than a plain "支付成功". */
  speakAmounts: z.boolean(),
  announce: z.object({
    newOrder: z.boolean(),
    rush: z.boolean(),
    paymentSucceeded: z.boolean(),
    paymentTrouble: z.boolean(),
    devices: z.boolean(),
  }),
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

export const LANGUAGES = ['zh-CN', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

export const editableSettingsSchema = z.object({
  api: apiSettingsSchema,
  phoneApp: phoneAppSettingsSchema,
  payments: paymentSettingsSchema,
  notificationRules: notificationRulesSchema,
  voice: voiceSettingsSchema,
  language: languageSchema,
});
export type EditableSettings = z.infer<typeof editableSettingsSchema>;

/** What `settings:get` returns: the editable values plus the API key (never the secret). */
export const settingsViewSchema = editableSettingsSchema.extend({
  apiKey: z.string(),
  /** `env` when STATION_API_KEY / STATION_API_SECRET pin the credentials: regenerate is refused. */
  credentialsSource: z.enum(['env', 'store']),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** Each section may be sent partly; what is sent is validated in full. */
export const settingsPatchSchema = z.strictObject({
  api: apiSettingsSchema.partial().optional(),
  phoneApp: phoneAppSettingsSchema.partial().optional(),
  payments: paymentSettingsSchema.partial().optional(),
  notificationRules: notificationRulesSchema.partial().optional(),
  voice: voiceSettingsSchema.partial().optional(),
  language: languageSchema.optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const settingsUpdateResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: settingsViewSchema }),
  z.object({ ok: z.literal(false), issues: z.array(fieldIssueSchema) }),
]);
