import { z } from 'zod';
import { PRINT_JOB_KINDS, PRINT_JOB_STATUSES } from '../printing/print-job';
import { PRINTER_TYPES } from '../settings/printer-settings';

const epochMs = z.number().int().nonnegative();

/** A print job as the window shows it (on the order card, after a reprint or a test page). */
export const printJobRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PRINT_JOB_KINDS),
  orderNo: z.string().nullable(),
  status: z.enum(PRINT_JOB_STATUSES),
  attempts: z.number().int().nonnegative(),
  /** The last failed attempt's code (e.g. `PRINTER_OFFLINE`) and message, kept while pending or failed. */
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
  printedAt: epochMs.nullable(),
});
export type PrintJobRecord = z.infer<typeof printJobRecordSchema>;

/**
 * The printer in the status bar.
 * - `off`: no printer set up (nothing is printed);
 * - `unknown`: set up, nothing sent yet since the start;
 * - `ok`: the last ticket printed;
 * - `failing`: the last attempt failed (`lastError` says why); queued tickets wait and retry.
 */
export const printerStatusSchema = z.object({
  type: z.enum(PRINTER_TYPES),
  state: z.enum(['off', 'unknown', 'ok', 'failing']),
  /** Jobs waiting for the printer (including one being sent). */
  pending: z.number().int().nonnegative(),
  /** Jobs given up on; each order card offers its reprint. */
  failed: z.number().int().nonnegative(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  /** When `state` last changed (epoch ms); null before the first job. */
  since: epochMs.nullable(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

export const PRINTER_STATUS_OFF: PrinterStatus = {
  type: 'none',
  state: 'off',
  pending: 0,
  failed: 0,
  lastErrorCode: null,
  lastError: null,
  since: null,
};
