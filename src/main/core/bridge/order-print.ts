import type { OrderRecord } from '../../../shared/contract/record-schemas';
import type { PrintJobRecord } from '../../../shared/contract/print-schemas';
import type { PrintJob } from '../../../shared/printing/print-job';
import type { Order } from '../orders/order-types';
import type { BridgeCore } from './bridge-core';

/** A job as the window sees it: never the ticket itself, only where it stands. */
export function printJobRecord(job: PrintJob): PrintJobRecord {
  return {
    id: job.id,
    kind: job.kind,
    orderNo: job.orderNo,
    status: job.status,
    attempts: job.attempts,
    lastErrorCode: job.lastErrorCode,
    lastError: job.lastError,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    printedAt: job.printedAt,
  };
}

/** The order with its newest print job, for its card. */
export function withPrint(core: Pick<BridgeCore, 'printing'>, order: Order): OrderRecord {
  const job = core.printing.latestForOrder(order.orderNo);
  return { ...order, print: job ? printJobRecord(job) : null };
}
