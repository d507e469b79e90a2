import type {
  AdbStatus,
  DeviceEvents,
  DeviceService,
  DeviceSnapshot,
} from '../../src/main/core/devices/device-types';
import { createTypedEmitter } from '../../src/main/core/util/typed-emitter';

/** A device manager that only reports what the test put in. */
export function createStaticDevices(
  devices: DeviceSnapshot[],
  adb: AdbStatus = { kind: 'connected', version: 41 },
): DeviceService {
  const emitter = createTypedEmitter<DeviceEvents>();
  const unsupported = async () => {
    throw new Error('not supported by the static device service');
  };
  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    start: async () => undefined,
    stop: async () => undefined,
    list: () => devices.map((d) => ({ ...d })),
    get: (serial) => devices.find((d) => d.serial === serial),
    adbStatus: () => adb,
    restartApp: unsupported,
    launchUri: unsupported,
    // Nothing behind these phones: every open is refused, as by a phone whose app is down.
    care: async (_serial, action) => ({
      result: 'unsupported',
      detail: `the static device service runs no ${action}`,
      outputs: [],
    }),
    quickCheck: async () => ({ passed: true, detail: 'static phone', command: 'none' }),
    openApp: async (serial) => ({ kind: 'refused', detail: `static phone ${serial} has no app` }),
    diagnostics: (serial) => {
      const d = devices.find((x) => x.serial === serial);
      return d && { serial, health: d.health, outputs: [] };
    },
    refresh: async (serial) => devices.find((d) => d.serial === serial),
  };
}
