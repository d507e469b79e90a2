import path from 'node:path';
import { FLEET_OFF } from '../../shared/fleet/fleet-schemas';
import { resolveFleetConfig } from './fleet/fleet-config';
import { createFleetService } from './fleet/fleet-service';
import type { FastifyInstance } from 'fastify';
import type { SettingsPatch } from '../../shared/settings/settings-patch';
import type { BridgeCore, LogsPort } from './bridge/bridge-core';
import { createListHistoryPort } from './bridge/history-port';
import type { StatusTracker } from './bridge/status-tracker';
import { createStatusTracker } from './bridge/status-tracker';
import type { CallbackSender } from './callbacks/callback-sender';
import { writeCallbacksOnFinal } from './callbacks/callback-event';
import { createCallbackSender } from './callbacks/callback-sender';
import type { PhoneCareService } from './care/phone-care';
import { createPhoneCare } from './care/phone-care';
import { createAdbDeviceService } from './devices/create-adb-device-service';
import type { DeviceService } from './devices/device-types';
import { createCredentialsProvider } from './http/api-credentials';
import { createApiServer } from './http/api-server';
import type { OrderService } from './orders/order-types';
import { createOrderService } from './orders/order-service';
import type { PaymentEngine } from './payments/payment-engine';
import { createPaymentEngine } from './payments/payment-engine';
import type { PrintService } from './printing/print-service';
import { createPrintService } from './printing/print-service';
import { connectPrinting } from './printing/print-wiring';
import type { SystemPrinterPort } from './printing/printer-port';
import type { SettingsService } from './settings/settings-service';
import { createSettingsService } from './settings/settings-service';
import type { Storage } from './storage/storage';
import { openStorage } from './storage/storage';
import type { Clock } from './util/clock';
import { systemClock } from './util/clock';

/** Everything the station needs to run, from whichever shell starts it (Electron or serve). */
export interface CoreOptions {
  /** Folder of the SQLite file (`station.sqlite`). */
  dataDir: string;
  /** @default '127.0.0.1' */
  httpHost?: string;
  /** Where the API listens this run; 0 picks a free port. @default the `api.httpPort` setting */
  httpPort?: number;
  /** @default 5037 */
  adbPort?: number;
  /** adb binary from the command line or settings; tried before bundled, SDK and PATH. */
  adbBin?: string | null;
  /**
   * Environment of an adb server the station starts when none answers (tests give it their
   * private server's HOME, so a key never lands in the real ~/.android). @default process.env
   */
  adbServerEnv?: NodeJS.ProcessEnv;
  /** The app's resources folder, for bundled platform-tools. */
  resourcesPath?: string | null;
  /** Local ports the station forwards from. @default 27100–27199 */
  forwardPortRange?: { from: number; to: number };
  /**
   * Applied over the stored settings for this run without being saved (command-line flags, as
   * `coreOptionsFromFlags` maps them). Refused values stop the start with their paths. @default none
   */
  settingsOverrides?: SettingsPatch;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default systemClock */
  clock?: Clock;
  /** Pause between connecting to a phone and writing. @default 100 */
  connectGraceMs?: number;
  /** @default '0.0.0' */
  version?: string;
  /** Where internal errors go. @default console.error */
  logError?: (scope: string, err: unknown) => void;
  /** The log file the window's diagnostics show (`logs:tail`). @default none */
  logs?: LogsPort;
  /**
   * System (OS) printers, which only the desktop shell reaches (a hidden window's silent
   * print). Without it, a printer of type `system` fails its jobs with a clear error.
   * @default none
   */
  systemPrinter?: SystemPrinterPort;
}

export interface Core {
  readonly storage: Storage;
  /** Every setting and the API credentials; the bridge and the shells read and write here. */
  readonly settings: SettingsService;
  readonly devices: DeviceService;
  readonly payments: PaymentEngine;
  readonly orders: OrderService;
  readonly callbacks: CallbackSender;
  /** Phone care: what the station does on its own to keep its phones payable. */
  readonly care: PhoneCareService;
  /** Order tickets: the durable print queue and what prints when. */
  readonly printing: PrintService;
  readonly api: FastifyInstance;
  /** What the window sees, through IPC (Electron) or the WebSocket bridge (serve). */
  readonly bridge: BridgeCore & { readonly tracker: StatusTracker };
  /** Starts devices, then the engine (crash recovery first), callbacks, then the API. Returns its URL. */
  start(): Promise<{ apiUrl: string }>;
  /** Stops the API, the engine (leaving in-flight payments to recovery), callbacks, devices (forwards removed), then closes the database. */
  stop(): Promise<void>;
}

/**
 * Builds the station's core. Nothing listens and nothing touches adb until {@link Core.start}.
 * No module-level state: two cores (say, two tests) can run in one process.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const logError = options.logError ?? ((scope, err) => console.error(`[${scope}]`, err));
  const storage = openStorage({ file: path.join(options.dataDir, 'station.sqlite') });
  try {
    const settings = createSettingsService({
      repository: storage.settings,
      credentials: (store) => createCredentialsProvider({ env: options.env ?? process.env, store }),
      clock,
      overrides: options.settingsOverrides,
    });
    // Read once: the device service takes the phone app as options, so a change applies at the next start.
    const phoneApp = settings.get().phoneApp;
    const devices = await createAdbDeviceService({
      portStore: storage.devicePorts,
      clock,
      adbPath: options.adbBin ?? null,
      resourcesPath: options.resourcesPath ?? null,
      adbServerPort: options.adbPort,
      adbServerEnv: options.adbServerEnv,
      env: options.env,
      appPort: phoneApp.port,
      appPackage: phoneApp.package,
      appActivity: phoneApp.activity,
      appListener: phoneApp.listener,
      forwardPortRange: options.forwardPortRange,
      // The heartbeat: every phone the engine is not using is read again, as often as Settings say.
      healthIntervalMs: () => settings.get().care.heartbeatSec * 1000,
      recheckWhen: (serial) => !['busy', 'checking', 'caring'].includes(payments.phoneMode(serial).kind),
    });
    const payments = createPaymentEngine({
      storage,
      devices,
      settings: settings.get,
      clock,
      connectGraceMs: options.connectGraceMs,
      onError: (err) => logError('payments', err),
    });
    const care = createPhoneCare({
      devices,
      tender: {
        tend: (serial, action) => payments.tend(serial, action),
        untend: (serial) => payments.untend(serial),
        onReleased: (listener) =>
          payments.phones.on('changed', (r) => {
            if (r.activity.kind === 'idle') listener(r.serial);
          }),
      },
      settings: () => settings.get().care,
      audit: storage.audit,
      clock,
      onError: (err) => logError('care', err),
    });
    const orders = createOrderService({ storage, clock });
    const printing = createPrintService({
      store: storage.printJobs,
      settings: () => settings.get().printer,
      systemPrinter: options.systemPrinter ?? null,
      clock,
      onError: (err) => logError('printing', err),
    });
    connectPrinting(
      printing,
      {
        newOrders: (l) => orders.on('new-order', l),
        rushes: (l) => orders.on('rush', l),
        settings: (l) => settings.on('changed', l),
        now: () => clock.now(),
      },
      logError,
    );
    // Fleet mode (docs/FLEET.md), when Settings or --fleet name a Redis; refused without its secret.
    const fleetConfig = resolveFleetConfig(
      { ...settings.get().fleet, secret: settings.fleetSecret() },
      options.env ?? process.env,
      options.dataDir,
    );
    const fleet = fleetConfig
      ? createFleetService({
          config: fleetConfig,
          engine: payments,
          devices,
          orders,
          outbox: storage.fleetOutbox,
          clock,
          version: options.version ?? '0.0.0',
          onError: (err) => logError('fleet', err),
          onWarning: (message) => logError('fleet', new Error(message)),
        })
      : null;
    const fleetView = { view: () => (fleet ? fleet.view() : Promise.resolve(FLEET_OFF)) };
    // Before start(): crash recovery's final states get their callbacks too.
    writeCallbacksOnFinal(payments, storage.outbox);
    const callbacks = createCallbackSender({
      outbox: storage.outbox,
      credentials: () => settings.credentials.current(),
      maxAttempts: () => settings.get().callbacks.maxAttempts,
      payments,
      clock,
    });
    const api = createApiServer({
      payments,
      orders,
      devices,
      phones: payments.phones,
      care,
      fleet: fleetView,
      credentials: settings.credentials,
      clock,
      version: options.version,
      log: { error: (message, err) => logError(`api ${message}`, err) },
      healthExtras: () => {
        const s = payments.stats();
        const cb = callbacks.stats();
        return {
          adb: devices.adbStatus().kind,
          queued: s.queued,
          inFlight: s.inFlight,
          callbacksPending: cb.pending,
          callbacksFailed: cb.failed,
        };
      },
    });

    const tracker = createStatusTracker({ queueLength: () => payments.stats().queued });
    // Runs only for requests that passed authentication: "last contact from the backend".
    api.addHook('preHandler', async () => tracker.backendContact(clock.now()));
    const bridge = {
      orders,
      payments,
      devices,
      phones: payments.phones,
      care,
      fleet: fleetView,
      settings,
      history: createListHistoryPort({ orders, payments, clock }),
      status: tracker,
      callbacks,
      printing,
      clock,
      tracker,
      logs: options.logs,
    };

    let started = false;
    return {
      storage,
      settings,
      devices,
      payments,
      orders,
      callbacks,
      care,
      printing,
      api,
      bridge,
      async start() {
        started = true;
        await devices.start();
        await payments.start();
        care.start();
        callbacks.start();
        printing.start();
        await fleet?.start();
        const apiUrl = await api.listen({
          host: options.httpHost ?? '127.0.0.1',
          port: options.httpPort ?? settings.get().api.httpPort,
        });
        tracker.apiListening(apiUrl);
        return { apiUrl };
      },
      async stop() {
        // Each step runs even if an earlier one fails: the database must close and forwards go.
        const steps: [string, () => Promise<void> | void][] = [
          [
            'api',
            async () => {
              await api.close();
              tracker.apiStopped();
            },
          ],
          ['fleet', () => fleet?.stop()],
          ['care', () => care.stop()],
          ['payments', () => (started ? payments.stop() : undefined)],
          ['callbacks', () => callbacks.stop()],
          ['printing', () => printing.stop()],
          ['devices', () => (started ? devices.stop() : undefined)],
          ['storage', () => storage.close()],
        ];
        for (const [scope, step] of steps) {
          try {
            await step();
          } catch (err) {
            logError(`stop ${scope}`, err);
          }
        }
      },
    };
  } catch (err) {
    storage.close();
    throw err;
  }
}
