import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBodySchema } from '../../../../shared/api/common-schemas';
import { parseDecimalToFen } from '../../../../shared/domain/money';
import {
  createOrderBodySchema,
  orderEventResponseSchema,
  reminderBodySchema,
} from '../../../../shared/api/order-schemas';
import { orderNoParamsSchema } from '../../../../shared/api/payment-schemas';
import type { OrderEventResult } from '../../orders/order-types';
import type { ApiContext } from '../api-context';
import { orderToWire } from '../../../../shared/api/wire';
import { OrderNotFoundError } from '../../orders/order-errors';
import { conflict } from '../api-errors';

const error = (description: string) => ({ description, schema: errorBodySchema });

/** The schema has already checked the amount; the fallback only satisfies the type. */
const fen = (amount: string): number => parseDecimalToFen(amount) ?? 0;

function answer(result: OrderEventResult, orderNo: string, reply: FastifyReply, createdStatus: number) {
  switch (result.kind) {
    case 'created':
    case 'reminded':
      return reply.code(createdStatus).send({ order: orderToWire(result.order), duplicate: false });
    case 'duplicate':
      return reply.code(200).send({ order: orderToWire(result.order), duplicate: true });
    case 'not_found':
      throw new OrderNotFoundError(orderNo);
    case 'conflict':
      throw conflict('ORDER_CONFLICT', `Order ${orderNo} exists with different content. Use a new orderNo.`, {
        order: orderToWire(result.order),
      });
  }
  // Unreachable while the switch is exhaustive; a plain Error is logged as the bug it would be.
  throw new Error(`Unexpected order outcome ${(result as { kind: string }).kind}`);
}

/** Order events from the mini-program backend: new order (type 1) and rush reminder (type 2). */
export function registerOrderRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { orders, table } = ctx;

  table.add(app, {
    method: 'POST',
    path: '/orders',
    operationId: 'createOrder',
    summary: 'A new order (type 1 event). Deduplicated by eventId.',
    body: createOrderBodySchema,
    responses: {
      201: { description: 'Created; the station announces it.', schema: orderEventResponseSchema },
      200: {
        description: 'Seen before (same eventId or identical order): nothing changed.',
        schema: orderEventResponseSchema,
      },
      409: error('ORDER_CONFLICT: the orderNo exists with different content.'),
    },
    async handler({ body }, _request, reply) {
      const result = orders.create({
        orderNo: body.orderNo,
        amountFen: fen(body.amount),
        items: body.items?.map((item) => ({ name: item.name, qty: item.qty, priceFen: fen(item.price) })),
        customer: body.customer,
        note: body.note,
        eventId: body.eventId,
      });
      return answer(result, body.orderNo, reply, 201);
    },
  });

  table.add(app, {
    method: 'POST',
    path: '/orders/:orderNo/reminders',
    operationId: 'remindOrder',
    summary: 'A rush reminder (type 2 event). Deduplicated by eventId.',
    params: orderNoParamsSchema,
    body: reminderBodySchema,
    responses: {
      200: {
        description: 'Recorded (duplicate tells whether it was seen before).',
        schema: orderEventResponseSchema,
      },
      404: error('ORDER_NOT_FOUND'),
    },
    async handler({ params, body }, _request, reply) {
      return answer(orders.remind(params.orderNo, body?.eventId), params.orderNo, reply, 200);
    },
  });
}
