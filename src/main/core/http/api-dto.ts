import type { DeviceDto } from '../../../shared/api/status-schemas';
import { iso } from '../../../shared/api/wire';
import type { DeviceView } from '../payments/device-view';

/** A phone as shown (raw readiness combined with the engine's activity, `combineDeviceView`); the payment and order records are in `shared/api/wire.ts`. */
export function toDeviceDto(device: DeviceView): DeviceDto {
  return {
    serial: device.serial,
    state: device.state,
    reason: device.reason,
    model: device.model,
    brand: device.brand,
    androidVersion: device.androidVersion,
    rom: device.rom,
    localPort: device.localPort,
    health: device.health.map((check) => ({
      name: check.name,
      status: check.status,
      ...(check.detail !== undefined ? { detail: check.detail } : {}),
      checkedAt: iso(check.checkedAt),
    })),
    busyWith: device.activity.kind === 'busy' ? device.activity.orderNo : null,
    care: {
      recent: device.care.recent.map((e) => ({ ...e, at: iso(e.at) })),
      revivalsToday: device.care.revivalsToday,
      stopped: device.care.stopped && {
        action: device.care.stopped.action,
        code: device.care.stopped.code,
        since: iso(device.care.stopped.since),
      },
      retryAt: device.care.retryAt === null ? null : iso(device.care.retryAt),
    },
    firstSeenAt: iso(device.firstSeenAt),
    updatedAt: iso(device.updatedAt),
  };
}
