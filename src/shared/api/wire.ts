import type { z } from 'zod';
import { formatFen } from '../domain/money';
import type { orderRecordSchema, paymentRecordSchema } from '../domain/records';
import type { OrderDto } from './order-schemas';
import type { PaymentDto } from './payment-schemas';

/**
 * Records as the backend sees them, in the API's answers, in callbacks and on the fleet's
 * streams alike: fen become decimal strings and epoch-ms times ISO 8601 here and nowhere else.
 * Internal fields (the request hash, who pinned what) are not part of the records passed in.
 */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function paymentToWire(p: z.infer<typeof paymentRecordSchema>): PaymentDto {
  return {
    orderNo: p.orderNo,
    status: p.status,
    amount: formatFen(p.amountFen),
    qrCode: p.qrCode,
    deviceSerial: p.deviceSerial,
    callbackUrl: p.callbackUrl,
    notificationText: p.notificationText,
    review: p.review
      ? { reason: p.review.reason, ...(p.review.detail !== undefined ? { detail: p.review.detail } : {}) }
      : null,
    cancelRequested: p.cancelRequested,
    refundNeeded: p.refundNeeded,
    resolution: p.resolution
      ? {
          status: p.resolution.status,
          note: p.resolution.note,
          by: p.resolution.by,
          at: iso(p.resolution.at),
        }
      : null,
    expiresAt: iso(p.expiresAt),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export function orderToWire(o: z.infer<typeof orderRecordSchema>): OrderDto {
  return {
    orderNo: o.orderNo,
    status: o.status,
    amount: formatFen(o.amountFen),
    items: o.items.map((item) => ({ name: item.name, qty: item.qty, price: formatFen(item.priceFen) })),
    customer: o.customer ? { ...o.customer } : null,
    note: o.note,
    rushCount: o.rushCount,
    lastRushAt: o.lastRushAt === null ? null : iso(o.lastRushAt),
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}
