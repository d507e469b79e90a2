import type { z } from 'zod';
import { BridgeError } from '../../src/shared/contract/bridge-error';
import type { EventListener, StationBridge } from '../../src/shared/contract/bridge-types';
import { BRIDGE_VERSION } from '../../src/shared/contract/bridge-types';
import type { CommandInput, CommandName, CommandOutput } from '../../src/shared/contract/commands';
import type { callbackRecordSchema } from '../../src/shared/contract/commands';
import { COMMANDS } from '../../src/shared/contract/commands';
import type { EventName, EventPayload } from '../../src/shared/contract/events';
import type { FleetView } from '../../src/shared/fleet/fleet-schemas';
import { FLEET_OFF } from '../../src/shared/fleet/fleet-schemas';
import type { HistoryRow } from '../../src/shared/contract/history-schemas';
import type {
  AdbStatusRecord,
  DeviceRecord,
  OrderRecord,
  PaymentRecord,
  StationStatus,
} from '../../src/shared/contract/record-schemas';
import type { SettingsView } from '../../src/shared/contract/settings-schemas';
import type { UpdateState } from '../../src/shared/contract/update-schemas';
import { UPDATES_OFF } from '../../src/shared/contract/update-schemas';
import type { PrinterStatus, PrintJobRecord } from '../../src/shared/contract/print-schemas';
import { PRINTER_STATUS_OFF } from '../../src/shared/contract/print-schemas';
import { defaultSettingsView } from './default-settings-view';

/**
 * A test double of `window.station`: honest in-memory state behind the real contract. Inputs
 * and outputs go through the contract's schemas like the real dispatcher, so a view that sends
 * a wrong shape fails here as it would against the station. Runs in jsdom and in a browser.
 */
export interface FakeStation extends StationBridge {
  orders: Map<string, OrderRecord>;
  payments: Map<string, PaymentRecord>;
  devices: Map<string, DeviceRecord>;
  /** What `devices:diagnostics` answers for each command. */
  rawOutputs: Map<string, string>;
  adb: AdbStatusRecord;
  settings: SettingsView;
  secret: string;
  /** The fleet secret a patch set last: the settings view never carries it. */
  fleetSecret: string;
  /** What `fleet:view` answers; fleet mode off unless a test or a seed sets one. */
  fleet: FleetView;
  history: HistoryRow[];
  /** Callbacks failing or given up on, as `callbacks:list` reports them. */
  callbacks: CallbackRecord[];
  status: Omit<StationStatus, 'phonesReady' | 'phonesTotal' | 'adb' | 'printer'>;
  /** The status bar's printer. */
  printer: PrinterStatus;
  /** Jobs queued by `printing:reprint` and `printing:testPage`, newest last. */
  printJobs: PrintJobRecord[];
  /** What `updates:get` answers; `installNow` marks it requested, as the desktop shell does. */
  update: UpdateState;
  calls: { name: CommandName; input: unknown }[];
  /** Makes the next call of this command fail with this code. */
  failNext(name: CommandName, code: string, message?: string): void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

type AnyListener = (payload: unknown) => void;
type CallbackRecord = z.infer<typeof callbackRecordSchema>;
type Handler = (input: never) => unknown;

export function createFakeStation(now = Date.now()): FakeStation {
  const listeners = new Map<string, Set<AnyListener>>();
  const failures = new Map<CommandName, BridgeError>();
  const fake = {} as FakeStation;

  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    for (const l of [...(listeners.get(name) ?? [])]) l(payload);
  };
  const order = (orderNo: string): OrderRecord => {
    const o = fake.orders.get(orderNo);
    if (!o) throw new BridgeError('ORDER_NOT_FOUND', `No order ${orderNo}.`);
    return o;
  };
  const move = (orderNo: string, from: string[], status: OrderRecord['status']): OrderRecord => {
    const o = order(orderNo);
    if (!from.includes(o.status)) {
      throw new BridgeError('ORDER_TRANSITION_NOT_ALLOWED', `Order ${orderNo} is ${o.status}.`);
    }
    const next = { ...o, status, updatedAt: o.updatedAt + 1 };
    fake.orders.set(orderNo, next);
    emit('order:updated', next);
    return next;
  };
  const stationStatus = (): StationStatus => {
    const devices = [...fake.devices.values()];
    return {
      ...fake.status,
      phonesReady: devices.filter((d) => d.state === 'ready').length,
      phonesTotal: devices.filter((d) => d.state !== 'gone').length,
      adb: fake.adb,
      printer: fake.printer,
    };
  };
  // Queued as the print service queues it: refused with the core's code when no printer is set up.
  const queuePrint = (kind: PrintJobRecord['kind'], orderNo: string | null): PrintJobRecord => {
    if (fake.settings.printer.type === 'none') {
      throw new BridgeError(
        'PRINTER_NOT_CONFIGURED',
        '打印机未设置: no printer is chosen. Set the printer up in Settings → Printer.',
      );
    }
    const at = now + fake.printJobs.length + 1;
    const job: PrintJobRecord = {
      id: fake.printJobs.length + 1,
      kind,
      orderNo,
      status: 'pending',
      attempts: 0,
      lastErrorCode: null,
      lastError: null,
      createdAt: at,
      updatedAt: at,
      printedAt: null,
    };
    fake.printJobs.push(job);
    if (orderNo !== null) {
      const next = { ...order(orderNo), print: job };
      fake.orders.set(orderNo, next);
      emit('order:updated', next);
    }
    return job;
  };

  const handlers: { [K in CommandName]: (input: CommandInput<K>) => CommandOutput<K> } = {
    'orders:list': ({ statuses }) => ({
      orders: [...fake.orders.values()].filter((o) => (statuses ?? ['new', 'accepted']).includes(o.status)),
    }),
    'orders:accept': ({ orderNo }) => move(orderNo, ['new'], 'accepted'),
    'orders:done': ({ orderNo }) => move(orderNo, ['accepted'], 'done'),
    'orders:cancel': ({ orderNo }) => move(orderNo, ['new', 'accepted'], 'cancelled'),
    'payments:list': () => ({ payments: [...fake.payments.values()] }),
    'payments:resolve': ({ orderNo, status, note }) => {
      const p = fake.payments.get(orderNo);
      if (!p || p.status !== 'unknown')
        throw new BridgeError('PAYMENT_NOT_UNKNOWN', `${orderNo} is not unknown.`);
      const next: PaymentRecord = {
        ...p,
        status,
        resolution: { status, note, by: 'cashier', at: p.updatedAt + 1 },
        updatedAt: p.updatedAt + 1,
      };
      fake.payments.set(orderNo, next);
      emit('payment:updated', next);
      return next;
    },
    'payments:cancel': ({ orderNo }) => {
      const p = fake.payments.get(orderNo);
      if (!p) return { outcome: 'cancelled', payment: null };
      const next: PaymentRecord = { ...p, status: 'cancelled', updatedAt: p.updatedAt + 1 };
      fake.payments.set(orderNo, next);
      return { outcome: 'cancelled', payment: next };
    },
    'devices:list': () => ({ devices: [...fake.devices.values()], adb: fake.adb }),
    'devices:restartApp': () => ({ ok: true }),
    'devices:testLaunch': () => ({ ok: true }),
    // A station with no adb: the fix is recorded on the phone as phone care would record it.
    'devices:care': ({ serial, action }) => {
      const d = fake.devices.get(serial);
      if (!d) throw Object.assign(new Error(`No phone ${serial} is attached.`), { code: 'DEVICE_UNKNOWN' });
      const at = d.updatedAt + 1;
      const next: DeviceRecord = {
        ...d,
        care: {
          ...d.care,
          recent: [{ action, result: 'done', why: 'cashier', detail: '', at }, ...d.care.recent],
        },
        updatedAt: at,
      };
      fake.devices.set(serial, next);
      emit('device:changed', next);
      return { result: 'done' as const };
    },
    'devices:diagnostics': ({ serial }) => {
      const d = fake.devices.get(serial);
      if (!d) throw Object.assign(new Error(`No phone ${serial} is attached.`), { code: 'DEVICE_UNKNOWN' });
      const outputs = d.health
        .filter((h) => h.command)
        .map((h) => ({
          command: h.command!,
          output: fake.rawOutputs.get(h.command!) ?? '',
          truncated: false,
          at: h.checkedAt,
        }));
      return { serial, health: d.health, outputs };
    },
    'history:query': (q) => {
      const rows = fake.history.filter(
        (r) =>
          (!q.search || r.orderNo.toLowerCase().includes(q.search.toLowerCase())) &&
          (!q.kind || r.kind === q.kind) &&
          (!q.status || r.status === q.status),
      );
      return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
    },
    'history:exportCsv': () => ({
      filename: 'history.csv',
      csv: 'kind,orderNo\r\n',
      rows: fake.history.length,
    }),
    'stats:today': () => ({
      dayStart: now - (now % 86_400_000),
      hours: Array.from({ length: 24 }, (_, hour) => ({
        hour,
        orders: hour >= 9 && hour <= 21 ? Math.round(8 + 10 * Math.sin(hour / 2)) : 0,
        payments: hour >= 9 && hour <= 21 ? Math.round(6 + 8 * Math.cos(hour / 3) ** 2) : 0,
      })),
    }),
    'settings:get': () => fake.settings,
    'settings:update': ({ patch }) => {
      const next = { ...fake.settings } as Record<string, unknown>;
      // Write-only, as in the station: kept apart, never shown back.
      const { secret, ...fleet } = patch.fleet ?? {};
      if (secret !== undefined) fake.fleetSecret = secret;
      for (const [k, v] of Object.entries({ ...patch, ...(patch.fleet && { fleet }) })) {
        next[k] = typeof v === 'object' && v !== null ? { ...(next[k] as object), ...v } : v;
      }
      fake.settings = next as SettingsView;
      emit('settings:changed', fake.settings);
      return { ok: true, settings: fake.settings };
    },
    'settings:revealSecret': () => ({ secret: fake.secret }),
    'settings:regenerateCredentials': () => {
      fake.secret = 'f00dfacef00dfacef00dfacef00dface';
      fake.settings = { ...fake.settings, apiKey: 'cs_regenerated01' };
      return { apiKey: fake.settings.apiKey, secret: fake.secret };
    },
    'status:get': stationStatus,
    'callbacks:list': ({ limit }) => ({
      stats: {
        pending: fake.callbacks.filter((c) => c.status === 'pending').length,
        delivered: 12,
        failed: fake.callbacks.filter((c) => c.status === 'failed').length,
      },
      entries: fake.callbacks.slice(0, limit ?? 50),
    }),
    'callbacks:resend': ({ eventId }) => {
      const c = fake.callbacks.find((x) => x.eventId === eventId);
      if (c) c.status = 'pending';
      return { resent: c !== undefined };
    },
    'fleet:view': () => fake.fleet,
    'logs:tail': ({ maxLines }) => ({
      lines: ['2026-11-22T08:00:00.000Z INFO  [station] started'].slice(0, maxLines ?? 200),
      truncated: false,
      file: '/fake/logs/station.log',
    }),
    'updates:get': () => fake.update,
    'updates:installNow': () => {
      if (fake.update.phase === 'ready') fake.update = { ...fake.update, installRequested: true };
      return fake.update;
    },
    'printing:reprint': ({ orderNo }) => {
      order(orderNo);
      return queuePrint('reprint', orderNo);
    },
    'printing:testPage': () => queuePrint('test', null),
  };

  Object.assign(fake, {
    version: BRIDGE_VERSION,
    orders: new Map(),
    payments: new Map(),
    devices: new Map(),
    rawOutputs: new Map(),
    adb: { kind: 'connected', version: 41 },
    settings: defaultSettingsView(),
    secret: '3f9a1c0d5e7b2a4c6e8f0a1b3c5d7e9f',
    fleetSecret: '',
    fleet: FLEET_OFF,
    history: [],
    callbacks: [],
    status: {
      queueLength: 0,
      apiListening: true,
      apiUrl: 'http://127.0.0.1:17800/api/v1',
      lastBackendContactAt: now - 12_000,
    },
    update: UPDATES_OFF,
    printer: PRINTER_STATUS_OFF,
    printJobs: [],
    calls: [],
    emit,
    failNext(name: CommandName, code: string, message = 'failed on purpose') {
      failures.set(name, new BridgeError(code, message));
    },
    async invoke(name: CommandName, input: unknown) {
      fake.calls.push({ name, input });
      const parsed = COMMANDS[name].input.safeParse(input);
      if (!parsed.success) throw new BridgeError('BRIDGE_INVALID_INPUT', `${name}: bad input`);
      const failure = failures.get(name);
      if (failure) {
        failures.delete(name);
        throw failure;
      }
      const value = (handlers[name] as Handler)(parsed.data as never);
      return COMMANDS[name].output.parse(value);
    },
    on(name: EventName, listener: EventListener<EventName>) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as AnyListener);
      return () => set.delete(listener as AnyListener);
    },
    off(name: EventName, listener: EventListener<EventName>) {
      listeners.get(name)?.delete(listener as AnyListener);
    },
  });
  return fake;
}
