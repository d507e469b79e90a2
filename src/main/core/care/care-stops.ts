import type { CareAction, PhoneCare } from '../../../shared/domain/care';

/**
 * Why phone care stopped an action, in the device view's terms. The texts for
 * `care.stopped.<key>.message` and `.hint` are in `src/shared/i18n/device-texts.ts`.
 */
export const CARE_STOP_KEYS = {
  /** Revived too often within an hour: the ROM kills the app, which only its settings can stop. */
  APP_KEEPS_DYING: 'appKeepsDying',
  /** A PIN, pattern or password is set: only the cashier can unlock the phone. */
  SECURE_LOCK: 'secureLock',
  /** The command does not exist on this Android. */
  UNSUPPORTED: 'unsupported',
  /** The phone asks for something only a person can give. */
  NEEDS_PERSON: 'needsPerson',
  /** Failed after every backoff. */
  GAVE_UP: 'gaveUp',
} as const;

export type CareStopCode = keyof typeof CARE_STOP_KEYS;

/** A stop as kept: the shown part, and the phone reason it is about (it lifts when that changes). */
export type CareStop = NonNullable<PhoneCare['stopped']> & { forReason: string | null };

export function careStop(
  code: CareStopCode,
  action: CareAction,
  forReason: string | null,
  since: number,
  params?: Record<string, string | number>,
): CareStop {
  const key = CARE_STOP_KEYS[code];
  return {
    action,
    code,
    messageKey: `care.stopped.${key}.message`,
    hintKey: `care.stopped.${key}.hint`,
    ...(params ? { params } : {}),
    since,
    forReason,
  };
}
