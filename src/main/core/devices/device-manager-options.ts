import type { PhoneAppSettings } from '../../../shared/settings/phone-app-settings';
import { STATION_SETTINGS_DEFAULTS } from '../../../shared/settings/station-settings';
import type { AdbPort } from '../adb/adb-port';
import type { AdbLookup } from '../adb/find-adb';
import type { Clock } from '../util/clock';
import type { PortStore } from './device-types';
import type { PortRange } from './forward-allocator';

/**
 * The phone app the station drives when settings name none: the settings' own default, because
 * the device manager and the settings the window shows must agree on it.
 */
export const DEFAULT_PHONE_APP: Readonly<PhoneAppSettings> = STATION_SETTINGS_DEFAULTS.phoneApp;

export interface DeviceManagerOptions {
  adb: AdbPort;
  /** Where serial → local port is kept, so a phone keeps its port across restarts. */
  portStore: PortStore;
  /** @default systemClock */
  clock?: Clock;
  /** Local ports the station forwards from. @default { from: 27100, to: 27199 } */
  forwardPortRange?: PortRange;
  /** The phone app's package. @default {@link DEFAULT_PHONE_APP}.package */
  appPackage?: string;
  /** The activity `am start -n` opens, relative (`.Main`) or full. @default {@link DEFAULT_PHONE_APP}.activity */
  appActivity?: string;
  /** The phone app's server port on the phone. @default {@link DEFAULT_PHONE_APP}.port */
  appPort?: number;
  /** The app's listener for rebinding, `pkg/.Class`; empty: from the phone's enabled listeners. @default '' */
  appListener?: string;
  /** @default 'com.eg.android.AlipayGphone' */
  alipayPackage?: string;
  /** Also check the battery-optimisation whitelist (shown, never blocking). @default true */
  checkBatteryWhitelist?: boolean;
  /** How often `devices-l` and the forwards are checked. @default 1000 */
  pollIntervalMs?: number;
  /**
   * How often each phone's health is checked again; read at every round, so a settings change
   * applies at once. @default 30000 (the `care.heartbeatSec` setting's default)
   */
  healthIntervalMs?: number | (() => number);
  /**
   * Whether a phone's health may be read again now; the heartbeat skips a phone for which this
   * is false (the engine says it is paying). A phone that was never read is read anyway.
   * @default always
   */
  recheckWhen?: (serial: string) => boolean;
  /** Pause before a failed probe is tried again. @default 3000 */
  probeRetryMs?: number;
  /** First wait before tracking again after the server went away; doubles each time. @default 250 */
  retryInitialMs?: number;
  /** @default 5000 */
  retryMaxMs?: number;
  /** Server losses within `conflictWindowMs` that mean another adb is fighting over the port. @default 3 */
  conflictRestarts?: number;
  /** @default 60000 */
  conflictWindowMs?: number;
  /**
   * After the adb server came back, how long a phone it does not list yet stays `offline`
   * before it is removed: a new server takes a moment to find USB phones again, and the
   * payment queue should not see them leave and come back.
   * @default 5000
   */
  reattachGraceMs?: number;
  /** How long `restartApp` waits for the app's port to listen. @default 8000 */
  restartWaitMs?: number;
  /** Result of {@link findAdb}; when nothing was found and no server answers, the status is `missing`. */
  adbLookup?: AdbLookup;
  /** Protocol version of the station's adb binary (`readAdbClientVersion`), to spot another adb's server. */
  adbClientVersion?: number | null;
}

export type ResolvedDeviceManagerOptions = Required<
  Omit<DeviceManagerOptions, 'adbLookup' | 'adbClientVersion' | 'clock'>
> &
  Pick<DeviceManagerOptions, 'adbLookup' | 'adbClientVersion'> & { clock: Clock };
