/**
 * A print job as the durable queue keeps it: what prints (the laid-out ticket, so a restart
 * prints exactly what was queued), for which order, and where it stands.
 */
import type { Ticket } from './ticket-template';

/** `order`: printed when the order came in; `rush`: the 催单 slip; `test`: Settings' test page; `reprint`: the order card's button. */
export const PRINT_JOB_KINDS = ['order', 'rush', 'test', 'reprint'] as const;
export type PrintJobKind = (typeof PRINT_JOB_KINDS)[number];

/**
 * `pending`: waiting for its (next) attempt; `printing`: being sent now; `printed`: the printer
 * took the whole ticket; `failed`: given up on, with its last error kept (a reprint queues it again).
 */
export const PRINT_JOB_STATUSES = ['pending', 'printing', 'printed', 'failed'] as const;
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

export interface PrintJob {
  id: number;
  kind: PrintJobKind;
  orderNo: string | null;
  ticket: Ticket;
  copies: number;
  status: PrintJobStatus;
  attempts: number;
  nextAttemptAt: number;
  /** The `code` of the last failed attempt (e.g. `PRINTER_OFFLINE`), kept after a later success is not. */
  lastErrorCode: string | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  printedAt: number | null;
}
