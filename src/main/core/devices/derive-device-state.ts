import type { AdbDeviceType } from '../adb/adb-port';
import { deviceReason } from './device-reasons';
import type { DeviceReadiness, DeviceReason, HealthCheckName, HealthCheckResult } from './device-types';

/** What the station knows about one phone; the state shown is derived from it. */
export interface DeviceFacts {
  adbType: AdbDeviceType;
  /** adb's own word for the state, shown in some reasons. */
  rawType: string;
  /** The adb server is gone, so nothing is known about the phone right now. */
  serverDown: boolean;
  /** `pending` until properties and health were read for the current attach. */
  probe: 'pending' | 'done' | 'failed';
  probeError: string | null;
  health: HealthCheckResult[];
  localPort: number | null;
  forwardError: string | null;
}

export interface DerivedState {
  state: DeviceReadiness;
  reason: DeviceReason | null;
}

export interface DeriveContext {
  appPackage: string;
  appPort: number;
}

function failed(health: HealthCheckResult[], name: HealthCheckName): HealthCheckResult | undefined {
  return health.find((h) => h.name === name && h.status === 'fail');
}

/**
 * The phone's readiness from the facts, most fundamental problem first: a phone adb cannot
 * talk to is not "app down", and an app whose port is closed does not need its screen unlocked.
 * What the payment engine does with the phone is not a fact of the device; it is combined
 * with this where phones are shown (`combineDeviceView`).
 */
export function deriveDeviceState(f: DeviceFacts, ctx: DeriveContext): DerivedState {
  if (f.serverDown) return { state: 'offline', reason: deviceReason('ADB_SERVER_DOWN') };
  switch (f.adbType) {
    case 'unauthorized':
      return { state: 'unauthorized', reason: deviceReason('ADB_UNAUTHORIZED') };
    case 'no-permissions':
      return { state: 'unauthorized', reason: deviceReason('USB_NO_PERMISSIONS') };
    case 'mode':
      return { state: 'offline', reason: deviceReason('ADB_SPECIAL_MODE', { mode: f.rawType }) };
    case 'offline':
    case 'unknown':
      return { state: 'offline', reason: deviceReason('ADB_OFFLINE') };
    case 'device':
      break;
  }
  if (f.probe === 'pending') return { state: 'connecting', reason: deviceReason('CONNECTING') };
  if (f.probe === 'failed') {
    return {
      state: 'offline',
      reason: deviceReason('PROBE_FAILED', { detail: f.probeError ?? 'unknown error' }),
    };
  }
  if (failed(f.health, 'app_installed')) {
    return { state: 'no-app', reason: deviceReason('APP_NOT_INSTALLED', { package: ctx.appPackage }) };
  }
  if (failed(f.health, 'app_port_listening')) {
    return { state: 'app-down', reason: deviceReason('APP_DOWN', { port: ctx.appPort }) };
  }
  if (f.localPort === null) {
    return {
      state: 'needs-attention',
      reason: deviceReason('FORWARD_FAILED', { detail: f.forwardError ?? 'no forward' }),
    };
  }
  if (failed(f.health, 'notification_access')) {
    return {
      state: 'needs-attention',
      reason: deviceReason('NOTIFICATION_ACCESS_OFF', { package: ctx.appPackage }),
    };
  }
  if (failed(f.health, 'notification_listener')) {
    return { state: 'needs-attention', reason: deviceReason('NOTIFICATION_LISTENER_UNBOUND') };
  }
  if (failed(f.health, 'alipay_installed')) {
    return { state: 'needs-attention', reason: deviceReason('ALIPAY_NOT_INSTALLED') };
  }
  if (failed(f.health, 'screen_awake')) {
    return { state: 'needs-attention', reason: deviceReason('SCREEN_OFF') };
  }
  if (failed(f.health, 'screen_unlocked')) {
    return { state: 'needs-attention', reason: deviceReason('SCREEN_LOCKED') };
  }
  return { state: 'ready', reason: null };
}
