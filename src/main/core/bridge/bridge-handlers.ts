import type { CommandName, CommandOutput, ParsedCommandInput } from '../../../shared/contract/commands';
import type { StationStatus } from '../../../shared/contract/record-schemas';
import { UPDATES_OFF } from '../../../shared/contract/update-schemas';
import type { OrderStatus } from '../../../shared/domain/order-status';
import { OPEN_ORDER_STATUSES } from '../../../shared/domain/order-status';
import type { PaymentStatus } from '../../../shared/domain/payment-status';
import { ACTIVE_PAYMENT_STATUSES } from '../../../shared/domain/payment-status';
import type { BridgeCore } from './bridge-core';
import { UnknownDeviceError } from '../devices/device-errors';
import { OrderNotFoundError } from '../orders/order-errors';
import { printJobRecord, withPrint } from './order-print';
import { buildCsvExport } from './history-csv';
import { shownDevices } from './shown-devices';

/**
 * One handler per contract command. The mapped type makes a missing or misspelt command a
 * compile error, and each handler receives its input already parsed by the contract schema.
 */
export type BridgeHandlers = {
  [K in CommandName]: (input: ParsedCommandInput<K>) => CommandOutput<K> | Promise<CommandOutput<K>>;
};

const PAGE = 200;
const DEFAULT_LIMIT = 500;
const DEFAULT_LOG_LINES = 200;

/** Opens Alipay's home page: proves `am start` reaches the phone without paying anything. */
export const TEST_LAUNCH_URI = 'alipays://platformapi/startapp?appId=20000001';

function collect<T>(
  statuses: readonly string[],
  limit: number,
  page: (status: string, cursor: string | undefined) => { items: T[]; nextCursor: string | null },
): T[] {
  const out: T[] = [];
  for (const status of statuses) {
    let cursor: string | undefined;
    do {
      const result = page(status, cursor);
      out.push(...result.items);
      cursor = result.nextCursor ?? undefined;
    } while (cursor !== undefined && out.length < limit);
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/** Local midnight of the day containing `now`. */
export function localDayStart(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function buildStationStatus(core: BridgeCore): StationStatus {
  // Counted as shown: a phone that is paying or settling is not "ready" in the status bar.
  const devices = shownDevices(core);
  const api = core.status.get();
  return {
    phonesReady: devices.filter((d) => d.state === 'ready').length,
    phonesTotal: devices.filter((d) => d.state !== 'gone').length,
    queueLength: api.queueLength,
    apiListening: api.apiListening,
    apiUrl: api.apiUrl,
    lastBackendContactAt: api.lastBackendContactAt,
    adb: core.devices.adbStatus(),
    printer: core.printing.status(),
  };
}

export function createBridgeHandlers(core: BridgeCore): BridgeHandlers {
  const operator = core.operator ?? 'cashier';
  return {
    'orders:list': ({ statuses, limit }) => {
      const orders = collect(statuses ?? OPEN_ORDER_STATUSES, limit ?? DEFAULT_LIMIT, (status, cursor) => {
        const r = core.orders.list({ status: status as OrderStatus, limit: PAGE, cursor });
        return { items: r.orders, nextCursor: r.nextCursor };
      });
      return { orders: orders.sort((a, b) => a.createdAt - b.createdAt).map((o) => withPrint(core, o)) };
    },
    'orders:accept': ({ orderNo }) => withPrint(core, core.orders.setStatus(orderNo, 'accepted')),
    'orders:done': ({ orderNo }) => withPrint(core, core.orders.setStatus(orderNo, 'done')),
    'orders:cancel': ({ orderNo }) => withPrint(core, core.orders.setStatus(orderNo, 'cancelled')),

    'payments:list': ({ statuses, limit }) => {
      const payments = collect(
        statuses ?? ACTIVE_PAYMENT_STATUSES,
        limit ?? DEFAULT_LIMIT,
        (status, cursor) => {
          const r = core.payments.list({ status: status as PaymentStatus, limit: PAGE, cursor });
          return { items: r.payments, nextCursor: r.nextCursor };
        },
      );
      return { payments: payments.sort((a, b) => a.createdAt - b.createdAt) };
    },
    'payments:resolve': ({ orderNo, status, note }) => core.payments.resolve(orderNo, status, note, operator),
    'payments:cancel': ({ orderNo }) => {
      const r = core.payments.cancel(orderNo);
      return { outcome: r.kind, payment: r.payment };
    },

    'devices:list': () => ({ devices: shownDevices(core), adb: core.devices.adbStatus() }),
    'devices:restartApp': async ({ serial }) => {
      await core.devices.restartApp(serial);
      return { ok: true as const };
    },
    'devices:testLaunch': async ({ serial }) => {
      await core.devices.launchUri(serial, TEST_LAUNCH_URI);
      return { ok: true as const };
    },
    'devices:care': async ({ serial, action }) => {
      if (!core.devices.get(serial)) throw new UnknownDeviceError(serial);
      return { result: await core.care.runNow(serial, action) };
    },
    'fleet:view': () => core.fleet.view(),
    'devices:diagnostics': ({ serial }) => {
      const d = core.devices.diagnostics(serial);
      if (!d) throw new UnknownDeviceError(serial);
      return d;
    },

    'history:query': (query) => core.history.query(query),
    'history:exportCsv': (filter) => buildCsvExport(core.history, filter, core.clock.now()),
    'stats:today': () => {
      const dayStart = localDayStart(core.clock.now());
      const counts = core.history.countByHour(dayStart);
      return {
        dayStart,
        hours: Array.from({ length: 24 }, (_, hour) => ({
          hour,
          orders: counts.orders[hour] ?? 0,
          payments: counts.payments[hour] ?? 0,
        })),
      };
    },

    'settings:get': () => core.settings.get(),
    'settings:update': ({ patch }) => {
      try {
        return { ok: true as const, settings: core.settings.update(patch) };
      } catch (err) {
        const issues = (err as { issues?: unknown }).issues;
        if ((err as { code?: unknown }).code === 'INVALID_SETTINGS' && Array.isArray(issues)) {
          return { ok: false as const, issues: issues as { path: string; message: string }[] };
        }
        throw err;
      }
    },
    'settings:revealSecret': () => ({ secret: core.settings.revealSecret() }),
    'settings:regenerateCredentials': () => core.settings.regenerateCredentials(),

    'status:get': () => buildStationStatus(core),

    'callbacks:list': ({ limit }) => {
      const st = core.callbacks.stats();
      return {
        stats: { pending: st.pending, delivered: st.delivered, failed: st.failed },
        // The body and its signature stay in the core: the window only shows where things stand.
        entries: core.callbacks.troubled(limit ?? 50).map((e) => ({
          eventId: e.eventId,
          orderNo: e.orderNo,
          url: e.url,
          status: e.status,
          attempts: e.attempts,
          lastHttpStatus: e.lastHttpStatus,
          lastError: e.lastError,
          lastAttemptAt: e.lastAttemptAt,
          nextAttemptAt: e.nextAttemptAt,
        })),
      };
    },
    'callbacks:resend': ({ eventId }) => ({ resent: core.callbacks.resend(eventId) }),
    'logs:tail': ({ maxLines }) =>
      core.logs ? core.logs.tail(maxLines ?? DEFAULT_LOG_LINES) : { lines: [], truncated: false, file: null },
    // Updates belong to the desktop shell, which answers these itself (src/main/electron/updater.ts).
    'updates:get': () => UPDATES_OFF,
    'updates:installNow': () => UPDATES_OFF,

    'printing:reprint': ({ orderNo }) => {
      const order = core.orders.get(orderNo);
      if (!order) throw new OrderNotFoundError(orderNo);
      return printJobRecord(core.printing.reprint(order));
    },
    'printing:testPage': () => printJobRecord(core.printing.testPage()),
  };
}
