import { z } from 'zod';
import { eventIdSchema, orderNoSchema } from '../domain/payment-input';
import { orderStatusSchema } from '../domain/order-status';
import { isoTimeSchema, nonNegativeAmountSchema } from './common-schemas';

export const orderItemSchema = z.strictObject({
  name: z
    .string({ error: 'name must be a string' })
    .trim()
    .min(1, 'name must not be empty')
    .max(100, 'name is at most 100 characters'),
  qty: z
    .number({ error: 'qty must be a number' })
    .int('qty must be an integer')
    .min(1, 'qty must be at least 1')
    .max(9999, 'qty is at most 9999'),
  price: nonNegativeAmountSchema,
});

/** Body of `POST /orders` (a type 1 event). Free orders (amount "0.00") are allowed. */
export const createOrderBodySchema = z.strictObject({
  orderNo: orderNoSchema,
  amount: nonNegativeAmountSchema,
  items: z.array(orderItemSchema).max(200, 'at most 200 items').optional(),
  customer: z
    .strictObject({
      name: z.string({ error: 'name must be a string' }).max(64, 'name is at most 64 characters').optional(),
      phoneTail: z
        .string({ error: 'phoneTail must be a string' })
        .regex(/^[0-9]{4}$/, 'phoneTail must be the last 4 digits of the phone number')
        .optional(),
    })
    .optional(),
  note: z.string({ error: 'note must be a string' }).max(500, 'note is at most 500 characters').optional(),
  eventId: eventIdSchema.optional(),
});
export type CreateOrderBody = z.infer<typeof createOrderBodySchema>;

/** Body of `POST /orders/:orderNo/reminders` (a type 2 event): no body, `{}` or `{eventId}`. */
export const reminderBodySchema = z.strictObject({ eventId: eventIdSchema.optional() }).optional();

export const orderSchema = z.object({
  orderNo: z.string(),
  status: orderStatusSchema,
  amount: z.string(),
  items: z.array(z.object({ name: z.string(), qty: z.number().int(), price: z.string() })),
  customer: z.object({ name: z.string().optional(), phoneTail: z.string().optional() }).nullable(),
  note: z.string().nullable(),
  rushCount: z.number().int(),
  lastRushAt: isoTimeSchema.nullable(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});
export type OrderDto = z.infer<typeof orderSchema>;

export const orderEventResponseSchema = z.object({
  order: orderSchema,
  duplicate: z
    .boolean()
    .meta({ description: 'True when this eventId (or identical order) was seen before.' }),
});
