/**
 * The adb operations the device manager needs, as our own interface. The adbkit adapter
 * implements it; nothing outside `src/main/core/adb/` sees adbkit types or Bluebird promises.
 * Every method rejects with an {@link AdbError} subclass.
 */

import type { DeviceTcpOpen } from './commands/open-tcp';

export type { DeviceTcpOpen };

/**
 * A device's connection state as adb reports it, folded to what the station acts on.
 * `no-permissions` is Linux's udev problem (`no permissions (user … is not in the plugdev group)`);
 * `mode` covers recovery, bootloader, sideload and rescue.
 */
export type AdbDeviceType = 'device' | 'offline' | 'unauthorized' | 'no-permissions' | 'mode' | 'unknown';

export interface AdbDeviceEntry {
  serial: string;
  type: AdbDeviceType;
  /** adb's own word for the state, for diagnostics. */
  rawType: string;
}

export interface AdbForward {
  serial: string;
  /** e.g. `tcp:27100` */
  local: string;
  /** e.g. `tcp:10010` */
  remote: string;
}

export interface AdbTrackerHandlers {
  /** A device appeared or changed state. */
  onDevice(entry: AdbDeviceEntry): void;
  onRemove(serial: string): void;
  /** The tracking connection ended; `error` says why (a dead server shows as unavailable). */
  onEnd(error: Error | null): void;
}

export interface AdbTracking {
  stop(): void;
}

export interface AdbPort {
  /** `host:port` of the adb server, for messages. */
  readonly endpoint: string;
  /** Whether {@link startServer} has an adb binary to run. */
  readonly canStartServer: boolean;
  /** Starts a server on the port with the configured adb binary (`start-server`). */
  startServer(): Promise<void>;
  /** The server's protocol version (`host:version`), e.g. 41 for adb 29. */
  serverVersion(): Promise<number>;
  /** `host:devices-l`: every device, including `unauthorized` ones, which tracking misses. */
  listDevices(): Promise<AdbDeviceEntry[]>;
  trackDevices(handlers: AdbTrackerHandlers): Promise<AdbTracking>;
  /** Runs a command through `shell:` and returns everything it printed. */
  shell(serial: string, command: string): Promise<string>;
  /** Forwards local `tcp:<localPort>` to `remote` on the device. */
  forward(serial: string, localPort: number, remote: string): Promise<void>;
  /** Forwards of every device on this server; callers filter by serial. */
  listForwards(): Promise<AdbForward[]>;
  /**
   * Opens `tcp:<port>` on the device through the server's transport and says whether the device
   * accepted it (see {@link DeviceTcpOpen}). Resolves for every outcome.
   */
  openTcp(serial: string, port: number, timeoutMs: number): Promise<DeviceTcpOpen>;
  /** Closes the idle connections it keeps to speed up {@link openTcp}; they come back on use. */
  closeIdle(): void;
  /** Removes exactly one forward (`host-serial:<serial>:killforward:tcp:<port>`), never others. */
  killForward(serial: string, localPort: number): Promise<void>;
}

/** Maps adb's state word to {@link AdbDeviceType}. */
export function toAdbDeviceType(raw: string): AdbDeviceType {
  switch (raw) {
    case 'device':
    case 'emulator':
      return 'device';
    case 'offline':
    case 'connecting':
    case 'host':
      return 'offline';
    // "authorizing" is the key exchange; if it lasts, the phone is waiting for the user's tap.
    case 'unauthorized':
    case 'authorizing':
      return 'unauthorized';
    case 'no':
    case 'no permissions':
      return 'no-permissions';
    case 'recovery':
    case 'bootloader':
    case 'sideload':
    case 'rescue':
      return 'mode';
    default:
      return 'unknown';
  }
}
