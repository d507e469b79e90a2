import type { TypedEmitter } from '../util/typed-emitter';

/** DESIGN §6: orders are new → accepted → done, or cancelled. */
export type OrderStatus = 'new' | 'accepted' | 'done' | 'cancelled';

export interface OrderItem {
  name: string;
  qty: number;
  priceFen: number;
}

export interface Order {
  orderNo: string;
  status: OrderStatus;
  amountFen: number;
  items: OrderItem[];
  customer: { name?: string; phoneTail?: string } | null;
  note: string | null;
  /** Rush reminders received (type 2 events). */
  rushCount: number;
  lastRushAt: number | null;
  createdAt: number;
  updatedAt: number;
}

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
