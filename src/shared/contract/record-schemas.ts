import { z } from 'zod';
import { ORDER_STATUSES } from '../api/order-schemas';
import { PAYMENT_STATUSES } from '../api/payment-schemas';
import { DEVICE_STATE_VALUES } from '../api/status-schemas';

/**
 * The records the window sees. They mirror the core's own shapes (integer fen, epoch-ms times)
 * rather than the HTTP DTOs, because the window computes elapsed times and sums. Every output is
 * parsed with these schemas on its way out, and zod objects drop unknown keys, so internal fields
 * (request hashes, QR contents, the API secret) never reach the window by accident.
 */

const epochMs = z.number().int().nonnegative();

export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const orderRecordSchema = z.object({
  orderNo: z.string(),
  status: orderStatusSchema,
  amountFen: z.number().int().nonnegative(),
  items: z.array(z.object({ name: z.string(), qty: z.number().int(), priceFen: z.number().int() })),
  customer: z.object({ name: z.string().optional(), phoneTail: z.string().optional() }).nullable(),
  note: z.string().nullable(),
  rushCount: z.number().int().nonnegative(),
  lastRushAt: epochMs.nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type OrderRecord = z.infer<typeof orderRecordSchema>;

export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** Mirrors the core's `ReviewReason`; the window has a text for each. */
export const REVIEW_REASONS = [
  'timeout',
  'connection_lost',
  'protocol_error',
  'amount_mismatch',
  'unrecognized_text',
  'result_too_fast',
  'in_flight_at_restart',
  'refund_needed',
] as const;

export const paymentRecordSchema = z.object({
  orderNo: z.string(),
  status: paymentStatusSchema,
  amountFen: z.number().int().nonnegative(),
  deviceSerial: z.string().nullable(),
  pinnedSerial: z.string().nullable(),
  notificationText: z.string().nullable(),
  review: z.object({ reason: z.enum(REVIEW_REASONS), detail: z.string().optional() }).nullable(),
  cancelRequested: z.boolean(),
  refundNeeded: z.boolean(),
  resolution: z
    .object({ status: z.enum(['succeeded', 'failed']), note: z.string(), by: z.string(), at: epochMs })
    .nullable(),
  expiresAt: epochMs,
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type PaymentRecord = z.infer<typeof paymentRecordSchema>;

export const deviceStateSchema = z.enum(DEVICE_STATE_VALUES);
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const deviceReasonSchema = z.object({
  code: z.string(),
  messageKey: z.string(),
  hintKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type DeviceReasonRecord = z.infer<typeof deviceReasonSchema>;

export const HEALTH_CHECK_NAMES = [
  'app_installed',
  'app_port_listening',
  'notification_access',
  'notification_listener',
  'alipay_installed',
  'screen_awake',
  'screen_unlocked',
  'battery_whitelist',
] as const;

const healthCheckRecordSchema = z.object({
  name: z.enum(HEALTH_CHECK_NAMES),
  status: z.enum(['ok', 'fail', 'warn']),
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

/** The status bar (issue 5): phones ready/total, queue, API listening, last backend contact. */
export const stationStatusSchema = z.object({
  phonesReady: z.number().int().nonnegative(),
  phonesTotal: z.number().int().nonnegative(),
  queueLength: z.number().int().nonnegative(),
  apiListening: z.boolean(),
  apiUrl: z.string().nullable(),
  lastBackendContactAt: epochMs.nullable(),
  adb: adbStatusRecordSchema,
});
export type StationStatus = z.infer<typeof stationStatusSchema>;
