import { z } from 'zod';

/**
 * What the station does on its own to keep a phone payable (phone care). Each is one or two adb
 * shell commands; none runs while the phone has a payment in flight or is settling.
 */
export const CARE_ACTIONS = [
  /** `am force-stop`, then `am start -n`: a fresh app process, with an empty notification list. */
  'revive_app',
  /** `cmd notification allow_listener` for a listener that is enabled but not live. */
  'rebind_listener',
  /** `svc power stayon usb`, then the wake-up key. */
  'keep_awake',
  /** `wm dismiss-keyguard`, only with no secure lock set. */
  'dismiss_keyguard',
  /** `dumpsys deviceidle whitelist +<app>`. */
  'whitelist',
  /** A scheduled reboot at a quiet hour. */
  'reboot',
] as const;
export type CareAction = (typeof CARE_ACTIONS)[number];
export const careActionSchema = z.enum(CARE_ACTIONS);

/**
 * How an action ended: `done` (and the phone's problem is gone), `unsupported` (this Android has
 * no such command), `needs_person` (only the cashier can do it, e.g. a secure lock), `failed`.
 */
export const CARE_RESULTS = ['done', 'unsupported', 'needs_person', 'failed'] as const;
export type CareResultKind = (typeof CARE_RESULTS)[number];

/** One action the station took, as the device view and `GET /devices` show it. */
export const careEventSchema = z.object({
  action: careActionSchema,
  result: z.enum(CARE_RESULTS),
  /** Why it ran: the reason code of the phone's state then (APP_DOWN…), or `schedule`. */
  why: z.string(),
  detail: z.string(),
  at: z.number(),
});
export type CareEvent = z.infer<typeof careEventSchema>;

/** A phone's care, as shown: its recent actions, and where the station has stopped trying. */
export const phoneCareSchema = z.object({
  /** Newest first, at most {@link RECENT_CARE_EVENTS}. */
  recent: z.array(careEventSchema),
  /** Revivals of the app since local midnight. */
  revivalsToday: z.number().int().min(0),
  /**
   * Set when the station stopped an action until something changes: the app keeps dying, the
   * phone has a secure lock, the command does not exist on this Android. `hintKey` is a text.
   */
  stopped: z
    .object({
      action: careActionSchema,
      code: z.string(),
      messageKey: z.string(),
      hintKey: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      since: z.number(),
    })
    .nullable(),
  /** When an action that failed is tried again (backoff), or null. */
  retryAt: z.number().nullable(),
});
export type PhoneCare = z.infer<typeof phoneCareSchema>;

export const RECENT_CARE_EVENTS = 10;

export const NO_CARE: PhoneCare = { recent: [], revivalsToday: 0, stopped: null, retryAt: null };
