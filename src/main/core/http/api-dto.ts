import type { DeviceDto } from '../../../shared/api/status-schemas';
import type { OrderDto } from '../../../shared/api/order-schemas';
import type { PaymentDto } from '../../../shared/api/payment-schemas';
import { formatFen } from '../../../shared/api/money';
import type { Order } from '../orders/order-types';
import type { DeviceView } from '../payments/device-view';
import type { Payment } from '../payments/payment-types';

/**
 * Core records as the backend sees them: fen become decimal strings and ms timestamps ISO 8601
 * here and nowhere else. Internal fields (request hash, pin bookkeeping) stay inside.
 */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toPaymentDto(payment: Payment): PaymentDto {
  return {
    orderNo: payment.orderNo,
    status: payment.status,
    amount: formatFen(payment.amountFen),
    qrCode: payment.qrCode,
    deviceSerial: payment.deviceSerial,
    callbackUrl: payment.callbackUrl,
    notificationText: payment.notificationText,
    review: payment.review
      ? {
          reason: payment.review.reason,
          ...(payment.review.detail !== undefined ? { detail: payment.review.detail } : {}),
        }
      : null,
    cancelRequested: payment.cancelRequested,
    refundNeeded: payment.refundNeeded,
    resolution: payment.resolution
      ? {
          status: payment.resolution.status,
          note: payment.resolution.note,
          by: payment.resolution.by,
          at: iso(payment.resolution.at),
        }
      : null,
    expiresAt: iso(payment.expiresAt),
    createdAt: iso(payment.createdAt),
    updatedAt: iso(payment.updatedAt),
  };
}

export function toOrderDto(order: Order): OrderDto {
  return {
    orderNo: order.orderNo,
    status: order.status,
    amount: formatFen(order.amountFen),
    items: order.items.map((item) => ({ name: item.name, qty: item.qty, price: formatFen(item.priceFen) })),
    customer: order.customer ? { ...order.customer } : null,
    note: order.note,
    rushCount: order.rushCount,
    lastRushAt: order.lastRushAt === null ? null : iso(order.lastRushAt),
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
}

/** A phone as shown (raw readiness combined with the engine's activity, `combineDeviceView`). */
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
    firstSeenAt: iso(device.firstSeenAt),
    updatedAt: iso(device.updatedAt),
  };
}
