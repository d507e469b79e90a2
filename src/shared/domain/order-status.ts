import { z } from 'zod';

/** Orders go `new` → `accepted` → `done`, or `cancelled`. */
export const ORDER_STATUSES = ['new', 'accepted', 'done', 'cancelled'] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** What the orders board shows. */
export const OPEN_ORDER_STATUSES = ['new', 'accepted'] as const satisfies readonly OrderStatus[];
