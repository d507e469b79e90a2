import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseDecimalToFen } from '../../../../shared/domain/money';
import {
  cancelPaymentBodySchema,
  cancelResponseSchema,
  createPaymentBodySchema,
  getPaymentQuerySchema,
  listPaymentsQuerySchema,
  orderNoParamsSchema,
  paymentListResponseSchema,
  paymentResponseSchema,
  resolvePaymentBodySchema,
} from '../../../../shared/api/payment-schemas';
import { errorBodySchema } from '../../../../shared/api/common-schemas';
import { isFinal } from '../../../../shared/domain/payment-status';
import type { ApiContext } from '../api-context';
import { paymentToWire } from '../../../../shared/api/wire';
import { PaymentNotFoundError } from '../../payments/payment-errors';
import { conflict } from '../api-errors';
import type { WaitSignal } from '../../payments/final-waiters';

const error = (description: string) => ({ description, schema: errorBodySchema });

/**
 * How long a 202 may wait for its payment's command to go out first. The phone's answer to the
 * open (adb's OKAY) is usually already waiting when the create's commit is done; answering the
 * backend before handling it would put the reply's work ahead of the command, for no gain to
 * either. A slow phone does not hold the backend longer than this.
 */
export const COMMAND_FIRST_MS = 5;

/** `sent`, or `ms` of real time, whichever comes first. */
function sentOrAfter(sent: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([sent, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/** Fires when the client hangs up before the answer is written, so its waiter is dropped at once. */
function clientGone(reply: FastifyReply): WaitSignal {
  return {
    onAbort(listener) {
      const response = reply.raw;
      const onClose = () => {
        if (!response.writableFinished) listener();
      };
      if (response.destroyed) {
        listener();
        return () => undefined;
      }
      response.on('close', onClose);
      return () => response.off('close', onClose);
    },
  };
}

/** The payment routes. Every outcome (idempotency, conflicts) is decided by the service. */
export function registerPaymentRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { payments, table } = ctx;

  table.add(app, {
    method: 'POST',
    path: '/payments',
    operationId: 'createPayment',
    summary: 'Queue a payment. Idempotent by orderNo: the same body again answers 200 with the same payment.',
    body: createPaymentBodySchema,
    responses: {
      202: {
        description: 'Accepted: queued, or already dispatching when a phone was free.',
        schema: paymentResponseSchema,
      },
      200: {
        description: 'Same orderNo and same body as before: the existing payment.',
        schema: paymentResponseSchema,
      },
      409: error('ORDER_CONFLICT (same orderNo, different body) or ORDER_CANCELLED.'),
    },
    async handler({ body }, _request, reply) {
      // The schema guarantees a well-formed amount; the fallback only satisfies the type.
      const amountFen = parseDecimalToFen(body.amount) ?? 0;
      const result = payments.create({
        orderNo: body.orderNo,
        amountFen,
        qrCode: body.qrCode,
        deviceSerial: body.deviceSerial,
        callbackUrl: body.callbackUrl,
        expiresInSec: body.expiresInSec,
      });
      switch (result.kind) {
        case 'created':
          if (result.sent) await sentOrAfter(result.sent, COMMAND_FIRST_MS);
          return reply.code(202).send({ payment: paymentToWire(result.payment) });
        case 'existing':
          return reply.code(200).send({ payment: paymentToWire(result.payment) });
        case 'conflict':
          throw conflict(
            'ORDER_CONFLICT',
            `Payment ${body.orderNo} exists with a different body. Use a new orderNo for a new payment.`,
            { payment: paymentToWire(result.payment) },
          );
        case 'cancelled':
          throw conflict(
            'ORDER_CANCELLED',
            `Order ${body.orderNo} was cancelled; it cannot be paid. Use a new orderNo.`,
          );
      }
    },
  });

  table.add(app, {
    method: 'GET',
    path: '/payments/:orderNo',
    operationId: 'getPayment',
    summary:
      'The payment. With wait=N (N <= 30) a long poll: answers at once when final, as soon as it becomes final, or after N s with the current state.',
    params: orderNoParamsSchema,
    query: getPaymentQuerySchema,
    responses: {
      200: { description: 'The payment, current as of the answer.', schema: paymentResponseSchema },
      404: error('PAYMENT_NOT_FOUND'),
    },
    async handler({ params, query }, _request, reply) {
      let payment = payments.get(params.orderNo);
      if (!payment) throw new PaymentNotFoundError(params.orderNo);
      const waitSec = query.wait ?? 0;
      if (waitSec > 0 && !isFinal(payment)) {
        payment =
          (await ctx.waiters.waitForFinal(params.orderNo, waitSec * 1000, clientGone(reply))) ?? payment;
      }
      return { payment: paymentToWire(payment) };
    },
  });

  table.add(app, {
    method: 'POST',
    path: '/payments/:orderNo/cancel',
    operationId: 'cancelPayment',
    summary:
      'Cancel; cancel wins. Before creation it leaves a tombstone; during dispatch it requests cancellation.',
    params: orderNoParamsSchema,
    body: cancelPaymentBodySchema,
    responses: {
      200: {
        description: 'Cancelled (payment is null when it did not exist yet).',
        schema: cancelResponseSchema,
      },
      202: { description: 'A phone may be paying it: cancellation requested.', schema: cancelResponseSchema },
      409: error('PAYMENT_ALREADY_FINAL: it ended otherwise; details.payment says how.'),
    },
    async handler({ params }, _request, reply) {
      const result = payments.cancel(params.orderNo);
      if (result.kind === 'cancelled') {
        return { outcome: 'cancelled', payment: result.payment ? paymentToWire(result.payment) : null };
      }
      if (result.kind === 'cancel_requested') {
        return reply.code(202).send({ outcome: 'cancel_requested', payment: paymentToWire(result.payment) });
      }
      if (result.payment.status === 'cancelled') {
        return { outcome: 'cancelled', payment: paymentToWire(result.payment) };
      }
      throw conflict(
        'PAYMENT_ALREADY_FINAL',
        `Payment ${params.orderNo} already ended as ${result.payment.status}; it cannot be cancelled.`,
        { payment: paymentToWire(result.payment) },
      );
    },
  });

  table.add(app, {
    method: 'GET',
    path: '/payments',
    operationId: 'listPayments',
    summary: 'Payments, newest first, a page at a time.',
    query: listPaymentsQuerySchema,
    responses: {
      200: {
        description: 'A page; pass nextCursor back as cursor for the next one.',
        schema: paymentListResponseSchema,
      },
      400: error('VALIDATION_FAILED or BAD_CURSOR'),
    },
    async handler({ query }) {
      // A cursor the station did not issue is the engine's BAD_CURSOR; any other failure is a fault.
      const page = payments.list({ status: query.status, limit: query.limit ?? 50, cursor: query.cursor });
      return { payments: page.payments.map(paymentToWire), nextCursor: page.nextCursor };
    },
  });

  table.add(app, {
    method: 'POST',
    path: '/payments/:orderNo/resolve',
    operationId: 'resolvePayment',
    summary: 'Settle an `unknown` payment by hand as succeeded or failed; recorded in the audit log.',
    params: orderNoParamsSchema,
    body: resolvePaymentBodySchema,
    responses: {
      200: { description: 'Resolved.', schema: paymentResponseSchema },
      404: error('PAYMENT_NOT_FOUND'),
      409: error('PAYMENT_NOT_UNKNOWN: only unknown payments can be resolved.'),
    },
    async handler({ params, body }) {
      // Not found and not unknown are the engine's coded errors, decided inside its transaction.
      return { payment: paymentToWire(payments.resolve(params.orderNo, body.status, body.note, 'api')) };
    },
  });
}
