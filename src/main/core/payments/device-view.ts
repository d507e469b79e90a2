import type { DeviceReason, DeviceSnapshot, DeviceState } from '../devices/device-types';
import type { PhoneActivity, PhoneActivityReport } from './phone-activity';
import type { PhoneCare } from '../../../shared/domain/care';
import { NO_CARE } from '../../../shared/domain/care';

/**
 * A phone as the window and the API show it: the device manager's raw readiness with the
 * payment engine's activity folded in. The window's `DeviceRecord` and the API's device DTO
 * are built from this and nothing else.
 */
export interface DeviceView extends Omit<DeviceSnapshot, 'state' | 'reason'> {
  state: DeviceState;
  /** Null only when `state` is `ready` or `busy`. */
  reason: DeviceReason | null;
  activity: PhoneActivity;
  /** What phone care did for it, and where it stopped. */
  care: PhoneCare;
}

/**
 * Combines the two. The engine's `busy` / `needs-attention` only ever replace `ready`: a phone
 * that is unplugged, unauthorised or whose app is down shows that, the more fundamental
 * problem, even while the engine is settling or paying on it. The activity itself is always
 * passed on, so the window can still tell what the engine is waiting for.
 */
export function combineDeviceView(
  device: DeviceSnapshot,
  report: PhoneActivityReport,
  care: PhoneCare = NO_CARE,
): DeviceView {
  const { activity } = report;
  const updatedAt = Math.max(device.updatedAt, report.at);
  if (device.state === 'ready' && activity.kind === 'busy') {
    return { ...device, state: 'busy', reason: null, activity, care, updatedAt };
  }
  if (device.state === 'ready' && activity.kind === 'needs-attention') {
    return { ...device, state: 'needs-attention', reason: activity.reason, activity, care, updatedAt };
  }
  return { ...device, activity, care, updatedAt };
}
