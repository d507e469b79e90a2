import type { z } from 'zod';
import type { OrderStatus } from '../../../shared/domain/order-status';
import type { orderItemRecordSchema, orderRecordSchema } from '../../../shared/domain/records';
import type { TypedEmitter } from '../util/typed-emitter';

export type OrderItem = z.infer<typeof orderItemRecordSchema>;

/** An order as the core holds it: the shared record (integer fen, epoch-ms times). */
export type Order = z.infer<typeof orderRecordSchema>;

export interface NewOrderInput {
  orderNo: string;
  amountFen: number;
  items?: OrderItem[];
  customer?: { name?: string; phoneTail?: string };
  note?: string;
  eventId?: string;
}

/** `duplicate` means the eventId (or, without one, the same order) was seen before: nothing changed. */
export type OrderEventResult =
  | { kind: 'created' | 'reminded' | 'duplicate'; order: Order }
  | { kind: 'not_found' }
  | { kind: 'conflict'; order: Order };

export interface OrderEvents extends Record<string, unknown> {
  /** type 1 */
  'new-order': { order: Order; eventId: string };
  /** type 2 */
  rush: { order: Order; eventId: string };
  updated: Order;
}

export interface OrderService extends TypedEmitter<OrderEvents> {
  create(input: NewOrderInput): OrderEventResult;
  remind(orderNo: string, eventId?: string): OrderEventResult;
  get(orderNo: string): Order | undefined;
  list(query: { status?: OrderStatus; limit?: number; cursor?: string }): {
    orders: Order[];
    nextCursor: string | null;
  };
  setStatus(orderNo: string, status: Exclude<OrderStatus, 'new'>): Order;
}
