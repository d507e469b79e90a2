import { z } from 'zod';
import { fleetViewSchema } from '../fleet/fleet-schemas';
import { CARE_RESULTS, careActionSchema } from '../domain/care';
import { orderStatusSchema } from '../domain/order-status';
import { deviceSerialSchema, orderNoSchema } from '../domain/payment-input';
import { paymentStatusSchema } from '../domain/payment-status';
import {
  csvExportSchema,
  historyFilterSchema,
  historyPageSchema,
  historyQuerySchema,
  hourlyStatsSchema,
} from './history-schemas';
import {
  adbStatusRecordSchema,
  deviceDiagnosticsSchema,
  deviceRecordSchema,
  orderRecordSchema,
  paymentRecordSchema,
  stationStatusSchema,
} from './record-schemas';
import type { CommandName } from './names';
import { COMMAND_NAME_LIST, isCommandName } from './names';
import { settingsPatchSchema, settingsUpdateResultSchema, settingsViewSchema } from './settings-schemas';
import { printJobRecordSchema } from './print-schemas';
import { updateStateSchema } from './update-schemas';

/**
 * Every command the window may send, `area:verb` → input and output schemas. This object is the
 * contract: the Electron main side, the WebSocket server, the preload and the browser bridge are
 * all typed from it, and the main side's handler table must have exactly these keys.
 */

const none = z.strictObject({});
const byOrderNo = z.strictObject({ orderNo: orderNoSchema });
const bySerial = z.strictObject({ serial: deviceSerialSchema });
const done = z.object({ ok: z.literal(true) });

/** One callback as the window shows it: never the signed body, only what it needs to decide. */
export const callbackRecordSchema = z.object({
  eventId: z.string(),
  orderNo: z.string(),
  url: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastHttpStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.number().nullable(),
  nextAttemptAt: z.number(),
});

export const COMMANDS = {
  /** The orders board: by default the open orders (new and accepted), oldest first. */
  'orders:list': {
    input: z.strictObject({
      statuses: z.array(orderStatusSchema).min(1).max(4).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: z.object({ orders: z.array(orderRecordSchema) }),
  },
  'orders:accept': { input: byOrderNo, output: orderRecordSchema },
  'orders:done': { input: byOrderNo, output: orderRecordSchema },
  'orders:cancel': { input: byOrderNo, output: orderRecordSchema },

  /** The payments view: by default everything in flight or queued, plus `unknown`. */
  'payments:list': {
    input: z.strictObject({
      statuses: z.array(paymentStatusSchema).min(1).max(8).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: z.object({ payments: z.array(paymentRecordSchema) }),
  },
  /** A person settles an `unknown` payment; recorded in the audit log. */
  'payments:resolve': {
    input: z.strictObject({
      orderNo: orderNoSchema,
      status: z.enum(['succeeded', 'failed']),
      note: z.string().trim().min(1).max(500),
    }),
    output: paymentRecordSchema,
  },
  'payments:cancel': {
    input: byOrderNo,
    output: z.object({
      outcome: z.enum(['cancelled', 'cancel_requested', 'already_final']),
      payment: paymentRecordSchema.nullable(),
    }),
  },

  'devices:list': {
    input: none,
    output: z.object({ devices: z.array(deviceRecordSchema), adb: adbStatusRecordSchema }),
  },
  'devices:restartApp': { input: bySerial, output: done },
  /** Opens Alipay on the phone through `am start`, to prove the phone can be driven. */
  'devices:testLaunch': { input: bySerial, output: done },
  /** The phone's last health checks with every raw shell output behind them, for support. */
  'devices:diagnostics': { input: bySerial, output: deviceDiagnosticsSchema },
  /**
   * Runs one phone-care action now (the device card's one-click fixes): it waits for nothing, and
   * answers `busy` when the phone is paying or settling.
   */
  'devices:care': {
    input: z.object({ serial: z.string().min(1), action: careActionSchema }),
    output: z.object({ result: z.enum([...CARE_RESULTS, 'busy']) }),
  },

  /** The fleet (docs/FLEET.md): every station sharing this one's Redis, and claims nobody serves. */
  'fleet:view': { input: none, output: fleetViewSchema },

  'history:query': { input: historyQuerySchema, output: historyPageSchema },
  'history:exportCsv': { input: historyFilterSchema, output: csvExportSchema },
  'stats:today': { input: none, output: hourlyStatsSchema },

  'settings:get': { input: none, output: settingsViewSchema },
  'settings:update': {
    input: z.strictObject({ patch: settingsPatchSchema }),
    output: settingsUpdateResultSchema,
  },
  /** The only command that returns the API secret: the cashier asked for it in Settings. */
  'settings:revealSecret': { input: none, output: z.object({ secret: z.string() }) },
  'settings:regenerateCredentials': {
    input: none,
    output: z.object({ apiKey: z.string(), secret: z.string() }),
  },

  'status:get': { input: none, output: stationStatusSchema },

  /** The end of the station's log file, for Settings → Diagnostics (empty where nothing logs to a file). */
  'logs:tail': {
    input: z.strictObject({ maxLines: z.number().int().min(1).max(2000).optional() }),
    output: z.object({ lines: z.array(z.string()), truncated: z.boolean(), file: z.string().nullable() }),
  },

  /**
   * Callbacks to the backend that are failing or were given up on, with the outbox totals, so the
   * cashier can see them and send one again by hand.
   */
  'callbacks:list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(200).optional() }),
    output: z.object({
      stats: z.object({
        pending: z.number().int(),
        delivered: z.number().int(),
        failed: z.number().int(),
      }),
      entries: z.array(callbackRecordSchema),
    }),
  },
  /** Puts one callback back in the queue with a fresh retry budget and sends it at once. */
  'callbacks:resend': {
    input: z.strictObject({ eventId: z.string().min(1).max(100) }),
    output: z.object({ resent: z.boolean() }),
  },
  /** The desktop update (banner): `off` where no desktop shell runs the updater. */
  'updates:get': { input: none, output: updateStateSchema },
  /**
   * The cashier's "install now": the downloaded update installs at the first moment with no
   * payment in flight, settling or queued, never during one. Answers the state after asking.
   */
  'updates:installNow': { input: none, output: updateStateSchema },

  /** The order card's reprint: the order's ticket, queued again (it prints in the background). */
  'printing:reprint': { input: byOrderNo, output: printJobRecordSchema },
  /** Settings → Printer's "打印测试页", with the saved printer settings. */
  'printing:testPage': { input: none, output: printJobRecordSchema },
} as const satisfies Record<CommandName, { input: z.ZodType; output: z.ZodType }>;

// Both directions: no command in the list without schemas (above), none with schemas off the list.
const _noExtraCommands: Record<keyof typeof COMMANDS, true> = Object.fromEntries(
  COMMAND_NAME_LIST.map((n) => [n, true]),
) as Record<CommandName, true>;
void _noExtraCommands;

export type { CommandName };
export { isCommandName };
export const COMMAND_NAMES: readonly CommandName[] = COMMAND_NAME_LIST;

/** What a caller passes (before defaults and transforms). */
export type CommandInput<K extends CommandName> = z.input<(typeof COMMANDS)[K]['input']>;
/** What a handler receives: the parsed input. */
export type ParsedCommandInput<K extends CommandName> = z.output<(typeof COMMANDS)[K]['input']>;
/** What a handler returns and a caller receives. */
export type CommandOutput<K extends CommandName> = z.output<(typeof COMMANDS)[K]['output']>;
