import { z } from 'zod';
import {
  deviceReasonSchema,
  deviceStateSchema,
  healthCheckNameSchema,
  healthStatusSchema,
} from '../domain/device-state';
import {
  orderRecordSchema as domainOrderRecord,
  paymentRecordSchema as domainPaymentRecord,
} from '../domain/records';
import { phoneCareSchema } from '../domain/care';
import { printerStatusSchema, printJobRecordSchema } from './print-schemas';

/**
 * The records the window sees: the core's own records (integer fen, epoch-ms times, from
 * `../domain/records.ts`) rather than the HTTP DTOs, because the window computes elapsed times and
 * sums. Every output is parsed with these schemas on its way out, and zod objects drop unknown
 * keys, so internal fields (request hashes, QR contents, callback URLs, the API secret) never
 * reach the window by accident.
 */

const epochMs = z.number().int().nonnegative();

/** An order with its newest print job (ticket, rush slip or reprint); absent where nothing printed it. */
export const orderRecordSchema = domainOrderRecord.extend({
  print: printJobRecordSchema.nullable().optional(),
});
export type OrderRecord = z.infer<typeof orderRecordSchema>;

export const paymentRecordSchema = domainPaymentRecord.omit({ qrCode: true, callbackUrl: true });
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;

export type DeviceReasonRecord = z.infer<typeof deviceReasonSchema>;

const healthCheckRecordSchema = z.object({
  name: healthCheckNameSchema,
  status: healthStatusSchema,
  detail: z.string().optional(),
  /** The lines of the phone's output the verdict rests on. */
  evidence: z.string().optional(),
  /** The shell command whose output was read. */
  command: z.string().optional(),
  checkedAt: epochMs,
});

export const deviceRecordSchema = z.object({
  serial: z.string(),
  state: deviceStateSchema,
  reason: deviceReasonSchema.nullable(),
  model: z.string().nullable(),
  brand: z.string().nullable(),
  androidVersion: z.string().nullable(),
  rom: z.string().nullable(),
  localPort: z.number().int().nullable(),
  health: z.array(healthCheckRecordSchema),
  activity: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('idle') }),
    z.object({ kind: z.literal('busy'), orderNo: z.string(), since: epochMs }),
    z.object({ kind: z.literal('needs-attention'), reason: deviceReasonSchema, until: epochMs.nullable() }),
  ]),
  care: phoneCareSchema,
  firstSeenAt: epochMs,
  updatedAt: epochMs,
});
export type DeviceRecord = z.infer<typeof deviceRecordSchema>;

/** A phone's checks with the raw outputs behind them: what the cashier sends to support. */
export const deviceDiagnosticsSchema = z.object({
  serial: z.string(),
  health: z.array(healthCheckRecordSchema),
  outputs: z.array(
    z.object({ command: z.string(), output: z.string(), truncated: z.boolean(), at: epochMs }),
  ),
});
export type DeviceDiagnosticsRecord = z.infer<typeof deviceDiagnosticsSchema>;

export const adbStatusRecordSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('starting') }),
  z.object({ kind: z.literal('connected'), version: z.number().int().nullable() }),
  z.object({ kind: z.literal('missing'), detail: z.string() }),
  z.object({
    kind: z.literal('reconnecting'),
    attempt: z.number().int(),
    nextRetryAt: epochMs,
    detail: z.string(),
  }),
  z.object({ kind: z.literal('conflict'), detail: z.string() }),
]);
export type AdbStatusRecord = z.infer<typeof adbStatusRecordSchema>;

/** The status bar: phones ready/total, queue, API listening, last backend contact. */
export const stationStatusSchema = z.object({
  phonesReady: z.number().int().nonnegative(),
  phonesTotal: z.number().int().nonnegative(),
  queueLength: z.number().int().nonnegative(),
  apiListening: z.boolean(),
  apiUrl: z.string().nullable(),
  lastBackendContactAt: epochMs.nullable(),
  adb: adbStatusRecordSchema,
  printer: printerStatusSchema,
});
export type StationStatus = z.infer<typeof stationStatusSchema>;
