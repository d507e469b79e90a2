import { createAdbkitPort } from '../adb/adbkit-port';
import type { FindAdbOptions } from '../adb/find-adb';
import { findAdb, readAdbClientVersion } from '../adb/find-adb';
import { createDeviceManager } from './device-manager';
import type { DeviceManagerOptions } from './device-manager-options';
import type { DeviceService } from './device-types';

export interface AdbDeviceServiceOptions extends Omit<
  DeviceManagerOptions,
  'adb' | 'adbLookup' | 'adbClientVersion'
> {
  /** The adb path from Settings, tried first. */
  adbPath?: string | null;
  /** The app's `resources` folder, for a bundled `platform-tools/adb`. */
  resourcesPath?: string | null;
  /** The adb server port. @default 5037 */
  adbServerPort?: number;
  /** @default '127.0.0.1' */
  adbServerHost?: string;
  /** Environment of an adb server the station starts. @default process.env */
  adbServerEnv?: NodeJS.ProcessEnv;
  /** Environment adb is looked up in. @default process.env */
  env?: FindAdbOptions['env'];
}

/**
 * The device service as the product wires it: find adb (Settings, bundled, SDK, PATH), read its
 * version so a server of another version shows as a conflict, and start the server with that
 * binary when none runs. A missing adb still gives a working service whose status
 * says `missing`, so the window can tell the cashier what to install.
 */
export async function createAdbDeviceService(options: AdbDeviceServiceOptions): Promise<DeviceService> {
  const lookup = findAdb({
    settingsPath: options.adbPath,
    resourcesPath: options.resourcesPath,
    env: options.env,
  });
  const clientVersion = lookup.found ? await readAdbClientVersion(lookup.path) : null;
  const adb = createAdbkitPort({
    host: options.adbServerHost,
    port: options.adbServerPort,
    bin: lookup.found ? lookup.path : null,
    serverEnv: options.adbServerEnv,
  });
  return createDeviceManager({ ...options, adb, adbLookup: lookup, adbClientVersion: clientVersion });
}
