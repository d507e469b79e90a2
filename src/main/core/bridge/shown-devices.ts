import type { DeviceSnapshot } from '../devices/device-types';
import type { DeviceView } from '../payments/device-view';
import { combineDeviceView } from '../payments/device-view';
import type { BridgeCore } from './bridge-core';

type Sources = Pick<BridgeCore, 'devices' | 'phones' | 'care'>;

/** One phone as the window shows it: its readiness with what the engine and phone care do with it. */
export function shownDevice(core: Sources, device: DeviceSnapshot): DeviceView {
  return combineDeviceView(device, core.phones.current(device.serial), core.care.view(device.serial));
}

/** Every phone as the window shows it (devices:list, the status bar's counts, the tray). */
export function shownDevices(core: Sources): DeviceView[] {
  return core.devices.list().map((d) => shownDevice(core, d));
}
