import type { DeviceReason } from './device-types';

/**
 * Every reason the device manager gives, by stable code. The texts for `device.reason.<key>.message`
 * and `.hint` are in `src/shared/i18n/device-texts.ts` (zh-CN and en).
 */
export const DEVICE_REASON_KEYS = {
  ADB_UNAUTHORIZED: 'unauthorized',
  USB_NO_PERMISSIONS: 'noPermissions',
  ADB_OFFLINE: 'offline',
  ADB_SPECIAL_MODE: 'specialMode',
  ADB_SERVER_DOWN: 'adbServerDown',
  CONNECTING: 'connecting',
  PROBE_FAILED: 'probeFailed',
  APP_NOT_INSTALLED: 'appNotInstalled',
  APP_DOWN: 'appDown',
  FORWARD_FAILED: 'forwardFailed',
  /** Not enabled: only the cashier can grant notification access, on the phone. */
  NOTIFICATION_ACCESS_OFF: 'notificationAccessOff',
  /** Enabled but not live (bound): the app or the ROM dropped it; a restart usually binds it again. */
  NOTIFICATION_LISTENER_UNBOUND: 'listenerUnbound',
  ALIPAY_NOT_INSTALLED: 'alipayNotInstalled',
  SCREEN_OFF: 'screenOff',
  SCREEN_LOCKED: 'screenLocked',
  DEVICE_GONE: 'gone',
} as const;

export type DeviceReasonCode = keyof typeof DEVICE_REASON_KEYS;

export function deviceReason(code: DeviceReasonCode, params?: Record<string, string | number>): DeviceReason {
  const key = DEVICE_REASON_KEYS[code];
  const reason: DeviceReason = {
    code,
    messageKey: `device.reason.${key}.message`,
    hintKey: `device.reason.${key}.hint`,
  };
  if (params) reason.params = params;
  return reason;
}
