import type { DeviceReason } from '../devices/device-types';

/**
 * The reasons the payment engine gives for keeping a phone out of rotation. Their texts follow
 * the device manager's keys, `device.reason.<name>.message` / `.hint`, in
 * `src/shared/i18n/device-texts.ts`, so the window shows both kinds the same way.
 */
export const ACTIVITY_REASON_KEYS = {
  SETTLING: 'settling',
  RESTARTING_APP: 'restartingApp',
  APP_RESTART_FAILED: 'appRestartFailed',
  APP_NOT_ANSWERING: 'appNotAnswering',
  /** Phone care is running an action on the phone (`params.action`). */
  CARING: 'caring',
} as const;

export type ActivityReasonCode = keyof typeof ACTIVITY_REASON_KEYS;

export function activityReason(
  code: ActivityReasonCode,
  params?: Record<string, string | number>,
): DeviceReason {
  const key = ACTIVITY_REASON_KEYS[code];
  return {
    code,
    messageKey: `device.reason.${key}.message`,
    hintKey: `device.reason.${key}.hint`,
    ...(params ? { params } : {}),
  };
}
