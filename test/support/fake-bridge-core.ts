import type {
  ApiStatus,
  BridgeCore,
  HistoryPort,
  SettingsPort,
  StatusPort,
} from '../../src/main/core/bridge/bridge-core';
import { FLEET_OFF } from '../../src/shared/fleet/fleet-schemas';
import type { PhoneCareEvents } from '../../src/main/core/care/phone-care';
import type { PhoneCare } from '../../src/shared/domain/care';
import { NO_CARE } from '../../src/shared/domain/care';
import type { AdbStatus, DeviceEvents, DeviceSnapshot } from '../../src/main/core/devices/device-types';
import type { Order } from '../../src/main/core/orders/order-types';
import type {
  PhoneActivity,
  PhoneActivityEvents,
  PhoneActivityReport,
} from '../../src/main/core/payments/phone-activity';
import type { ManualClock } from '../../src/main/core/util/clock';
import { createManualClock } from '../../src/main/core/util/clock';
import type { TypedEmitterSource } from '../../src/main/core/util/typed-emitter';
import { createTypedEmitter } from '../../src/main/core/util/typed-emitter';
import type { HistoryRow } from '../../src/shared/contract/history-schemas';
import { editableSettingsSchema } from '../../src/shared/contract/settings-schemas';
import type { SettingsView } from '../../src/shared/contract/settings-schemas';
import type { RealServices } from './real-services';
import { createRealServices } from './real-services';
import { defaultSettingsView } from './default-settings-view';
import type { OutboxEntry } from '../../src/main/core/storage/outbox-repository';
import { createPrintService } from '../../src/main/core/printing/print-service';

/**
 * A core for bridge tests: the real payment engine and order service on a fresh SQLite file,
 * with the rest (devices, settings, history, status, callbacks) as honest stand-ins with handles
 * to drive them. Closed when the test ends, or by `close()` outside a test.
 */
export interface FakeBridgeCore extends BridgeCore {
  clock: ManualClock;
  services: RealServices;
  deviceEmitter: TypedEmitterSource<DeviceEvents>;
  statusEmitter: TypedEmitterSource<{ changed: ApiStatus }>;
  addOrder(orderNo: string, amountFen?: number): Order;
  /** The engine starts doing something with a phone (or stops: `idle`); emits like the engine. */
  setActivity(serial: string, activity: PhoneActivity): void;
  /** Phone care acted on a phone (or stopped); emits like the care controller. */
  setCare(serial: string, care: PhoneCare): void;
  deviceList: DeviceSnapshot[];
  calls: string[];
  secret: string;
  historyRows: HistoryRow[];
  /** The outbox behind `callbacks`: entries that are failing or were given up on. */
  outbox: OutboxEntry[];
  close(): Promise<void>;
}

export function device(serial: string, patch: Partial<DeviceSnapshot> = {}): DeviceSnapshot {
  return {
    serial,
    state: 'ready',
    reason: null,
    model: 'Pixel 7',
    brand: 'google',
    androidVersion: '14',
    rom: null,
    localPort: 27001,
    health: [],
    firstSeenAt: 1_000,
    updatedAt: 1_000,
    ...patch,
  };
}

export function createFakeBridgeCore(): FakeBridgeCore {
  const clock = createManualClock(Date.UTC(2026, 0, 5, 4, 0, 0));
  const deviceEmitter = createTypedEmitter<DeviceEvents>();
  const statusEmitter = createTypedEmitter<{ changed: ApiStatus }>();
  const settingsEmitter = createTypedEmitter<{ changed: SettingsView }>();
  const services = createRealServices(clock);
  const phoneEmitter = createTypedEmitter<PhoneActivityEvents>();
  const activities = new Map<string, PhoneActivityReport>();
  const careEmitter = createTypedEmitter<PhoneCareEvents>();
  const cares = new Map<string, PhoneCare>();
  const calls: string[] = [];
  let settings = defaultSettingsView();
  const adb: AdbStatus = { kind: 'connected', version: 41 };
  const core: FakeBridgeCore = {
    clock,
    services,
    deviceEmitter,
    statusEmitter,
    calls,
    secret: 'secret-0123456789abcdef',
    deviceList: [device('R58M1'), device('R58M2', { state: 'app-down' })],
    historyRows: [],
    outbox: [],
    fleet: { view: () => Promise.resolve(FLEET_OFF) },
    // The real print service on the real storage, never started: jobs stay queued for the tests to read.
    printing: createPrintService({
      store: services.storage.printJobs,
      settings: () => settings.printer,
      clock,
    }),
    callbacks: {
      troubled: (limit) => core.outbox.slice(0, limit),
      resend(eventId) {
        calls.push(`callbacks.resend ${eventId}`);
        const e = core.outbox.find((x) => x.eventId === eventId);
        if (e) e.status = 'pending';
        return e !== undefined;
      },
      stats: () => ({
        pending: core.outbox.filter((e) => e.status === 'pending').length,
        delivered: 0,
        failed: core.outbox.filter((e) => e.status === 'failed').length,
      }),
    },
    setActivity(serial, activity) {
      const report = { serial, activity, at: clock.now() };
      activities.set(serial, report);
      phoneEmitter.emit('changed', report);
    },
    care: {
      on: careEmitter.on.bind(careEmitter),
      off: careEmitter.off.bind(careEmitter),
      view: (serial) => cares.get(serial) ?? NO_CARE,
      async runNow(serial, action) {
        calls.push(`care ${serial} ${action}`);
        return 'done';
      },
    },
    setCare(serial, care) {
      cares.set(serial, care);
      careEmitter.emit('changed', { serial, care });
    },
    phones: {
      on: phoneEmitter.on.bind(phoneEmitter),
      off: phoneEmitter.off.bind(phoneEmitter),
      current: (serial) => activities.get(serial) ?? { serial, activity: { kind: 'idle' }, at: 0 },
    },
    addOrder(orderNo, amountFen = 1250) {
      const r = services.orders.create({ orderNo, amountFen, eventId: `e-${orderNo}` });
      if (r.kind !== 'created') throw new Error(`addOrder ${orderNo}: ${r.kind}`);
      return r.order;
    },
    orders: services.orders,
    payments: services.payments,
    devices: {
      on: deviceEmitter.on.bind(deviceEmitter),
      off: deviceEmitter.off.bind(deviceEmitter),
      list: () => core.deviceList,
      get: (serial) => core.deviceList.find((d) => d.serial === serial),
      adbStatus: () => adb,
      restartApp: async (serial) => {
        calls.push(`restart ${serial}`);
      },
      launchUri: async (serial, uri) => {
        calls.push(`launch ${serial} ${uri}`);
      },
      diagnostics: (serial) => {
        const d = core.deviceList.find((x) => x.serial === serial);
        if (!d) return undefined;
        const outputs = [
          { command: 'dumpsys power', output: '  mWakefulness=Awake\n', truncated: false, at: 1_000 },
        ];
        return { serial, health: d.health, outputs };
      },
    },
    settings: {
      on: settingsEmitter.on.bind(settingsEmitter),
      off: settingsEmitter.off.bind(settingsEmitter),
      // A careless port that leaks the secret into the view: the contract must strip it.
      get: () => ({ ...settings, secret: core.secret }) as SettingsView,
      update(patch) {
        const merged = { ...settings } as Record<string, unknown>;
        for (const [k, v] of Object.entries(patch)) {
          merged[k] = typeof v === 'object' && v !== null ? { ...(merged[k] as object), ...v } : v;
        }
        const r = editableSettingsSchema.safeParse(merged);
        if (!r.success) {
          throw Object.assign(new Error('invalid'), {
            code: 'INVALID_SETTINGS',
            issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          });
        }
        settings = { ...settings, ...r.data };
        settingsEmitter.emit('changed', settings);
        return settings;
      },
      revealSecret: () => core.secret,
      regenerateCredentials: () => {
        core.secret = 'secret-new-0123456789';
        settings = { ...settings, apiKey: 'cs_newkey123456' };
        return { apiKey: settings.apiKey, secret: core.secret };
      },
    } satisfies SettingsPort,
    history: {
      query(q) {
        const rows = core.historyRows.filter((r) => !q.search || r.orderNo.includes(q.search));
        return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
      },
      countByHour: () => ({
        orders: Array.from({ length: 24 }, (_, i) => i),
        payments: Array.from({ length: 24 }, () => 1),
      }),
    } satisfies HistoryPort,
    status: {
      on: statusEmitter.on.bind(statusEmitter),
      off: statusEmitter.off.bind(statusEmitter),
      get: () => ({
        apiListening: true,
        apiUrl: 'http://127.0.0.1:17800/api/v1',
        lastBackendContactAt: null,
        queueLength: 2,
      }),
    } satisfies StatusPort,
    close: () => services.close(),
  };
  return core;
}
