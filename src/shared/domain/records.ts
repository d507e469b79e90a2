import { z } from 'zod';
import { orderStatusSchema } from './order-status';
import { paymentStatusSchema, reviewReasonSchema } from './payment-status';

/**
 * The station's records in its own units: integer fen, epoch-millisecond times. The core's types
 * are inferred from these; the window's records and the API's wire shapes are derived from them.
 */

const epochMs = z.number().int().nonnegative();

export const orderItemRecordSchema = z.object({
  name: z.string(),
  qty: z.number().int(),
  priceFen: z.number().int(),
});

export const orderRecordSchema = z.object({
  orderNo: z.string(),
  status: orderStatusSchema,
  amountFen: z.number().int().nonnegative(),
  items: z.array(orderItemRecordSchema),
  customer: z.object({ name: z.string().optional(), phoneTail: z.string().optional() }).nullable(),
  note: z.string().nullable(),
  /** Rush reminders received. */
  rushCount: z.number().int().nonnegative(),
  lastRushAt: epochMs.nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
});

export const paymentResolutionSchema = z.object({
  status: z.enum(['succeeded', 'failed']),
  note: z.string(),
  by: z.string(),
  at: epochMs,
});

export const paymentRecordSchema = z.object({
  orderNo: z.string(),
  status: paymentStatusSchema,
  amountFen: z.number().int().nonnegative(),
  qrCode: z.string(),
  /** Pinned by the request, or the phone that took it; null until dispatched when not pinned. */
  deviceSerial: z.string().nullable(),
  pinnedSerial: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  notificationText: z.string().nullable(),
  review: z.object({ reason: reviewReasonSchema, detail: z.string().optional() }).nullable(),
  cancelRequested: z.boolean(),
  refundNeeded: z.boolean(),
  /** Who resolved an `unknown` by hand, if anyone. */
  resolution: paymentResolutionSchema.nullable(),
  expiresAt: epochMs,
  createdAt: epochMs,
  updatedAt: epochMs,
});
