import { z } from 'zod';
import { orderStatusSchema } from '../domain/order-status';
import { paymentStatusSchema } from '../domain/payment-status';

/**
 * History: orders and payments in one list, newest first. Paging is by offset because the window
 * virtualises the list and asks for the page under the viewport, wherever the cashier scrolls.
 */

export const HISTORY_KINDS = ['order', 'payment'] as const;
export const HISTORY_STATUSES = [...new Set([...orderStatusSchema.options, ...paymentStatusSchema.options])];

export const historyFilterSchema = z.strictObject({
  kind: z.enum(HISTORY_KINDS).optional(),
  /** A part of the orderNo, case-insensitive. */
  search: z.string().trim().max(64).optional(),
  status: z.enum(HISTORY_STATUSES as [string, ...string[]]).optional(),
  /** Inclusive bounds on `createdAt`, epoch ms. */
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
});
export type HistoryFilter = z.infer<typeof historyFilterSchema>;

export const historyQuerySchema = historyFilterSchema.extend({
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(500),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyRowSchema = z.object({
  kind: z.enum(HISTORY_KINDS),
  orderNo: z.string(),
  status: z.string(),
  amountFen: z.number().int().nonnegative(),
  /** The phone, for payments. */
  deviceSerial: z.string().nullable(),
  /** Rush reminders, for orders. */
  rushCount: z.number().int().nonnegative(),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

export const historyPageSchema = z.object({
  rows: z.array(historyRowSchema),
  total: z.number().int().nonnegative(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const csvExportSchema = z.object({
  filename: z.string(),
  csv: z.string(),
  rows: z.number().int().nonnegative(),
});

export const hourlyStatsSchema = z.object({
  /** Local midnight of the day counted, epoch ms. */
  dayStart: z.number().int().nonnegative(),
  /** 24 entries, hour 0 to 23 local time. */
  hours: z
    .array(
      z.object({
        hour: z.number().int().min(0).max(23),
        orders: z.number().int(),
        payments: z.number().int(),
      }),
    )
    .length(24),
});
export type HourlyStats = z.infer<typeof hourlyStatsSchema>;
