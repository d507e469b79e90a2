import { z } from 'zod';
import { isoTimeSchema, positiveAmountSchema, queryIntSchema } from './common-schemas';
import {
  callbackUrlSchema,
  deviceSerialSchema,
  expiresInSecSchema,
  orderNoSchema,
  qrCodeSchema,
} from '../domain/payment-input';
import { paymentStatusSchema, reviewReasonSchema } from '../domain/payment-status';

/** Body of `POST /payments`. Unknown fields are rejected so that a typo never passes silently. */
export const createPaymentBodySchema = z.strictObject({
  orderNo: orderNoSchema,
  amount: positiveAmountSchema,
  qrCode: qrCodeSchema,
  deviceSerial: deviceSerialSchema.optional(),
  callbackUrl: callbackUrlSchema.optional(),
  expiresInSec: expiresInSecSchema.optional(),
});
export type CreatePaymentBody = z.infer<typeof createPaymentBodySchema>;

export const orderNoParamsSchema = z.strictObject({ orderNo: orderNoSchema });

/** The longest long poll the API holds, in seconds. */
export const MAX_WAIT_SEC = 30;

export const getPaymentQuerySchema = z.object({
  wait: queryIntSchema('wait', 0, MAX_WAIT_SEC)
    .optional()
    .meta({ description: 'Long poll: hold the answer up to this many seconds until the payment changes.' }),
});

export const listPaymentsQuerySchema = z.object({
  status: paymentStatusSchema.optional(),
  limit: queryIntSchema('limit', 1, 200).optional().meta({ description: 'Page size, 1-200. Default 50.' }),
  cursor: z
    .string({ error: 'cursor must be given once' })
    .min(1)
    .max(256, 'cursor is at most 256 characters')
    .regex(/^[A-Za-z0-9_.:=-]+$/, 'cursor must be a value returned as nextCursor')
    .optional(),
});

export const resolvePaymentBodySchema = z.strictObject({
  status: z.enum(['succeeded', 'failed'], { error: 'status must be "succeeded" or "failed"' }),
  note: z
    .string({ error: 'note must be a string' })
    .trim()
    .min(1, 'note must say why (it goes to the audit log)')
    .max(500, 'note is at most 500 characters'),
});

/** `POST /payments/:orderNo/cancel` takes no body, or `{}`. */
export const cancelPaymentBodySchema = z.strictObject({}).optional();

export const paymentSchema = z.object({
  orderNo: z.string(),
  status: paymentStatusSchema,
  amount: z.string().meta({ description: 'Decimal string in yuan, e.g. "12.50".' }),
  qrCode: z.string(),
  deviceSerial: z.string().nullable().meta({ description: 'Null until dispatched unless pinned.' }),
  callbackUrl: z.string().nullable(),
  notificationText: z.string().nullable().meta({ description: 'Null until there is a result.' }),
  review: z.object({ reason: reviewReasonSchema, detail: z.string().optional() }).nullable(),
  cancelRequested: z.boolean(),
  refundNeeded: z.boolean(),
  resolution: z
    .object({ status: z.enum(['succeeded', 'failed']), note: z.string(), by: z.string(), at: isoTimeSchema })
    .nullable(),
  expiresAt: isoTimeSchema,
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});
export type PaymentDto = z.infer<typeof paymentSchema>;

export const paymentResponseSchema = z.object({ payment: paymentSchema });
export const paymentListResponseSchema = z.object({
  payments: z.array(paymentSchema),
  nextCursor: z.string().nullable(),
});
export const cancelResponseSchema = z.object({
  outcome: z.enum(['cancelled', 'cancel_requested']),
  payment: paymentSchema.nullable().meta({ description: 'Null when cancelled before it was created.' }),
});
