import type { HistoryPage, HistoryQuery } from '../../../shared/contract/history-schemas';
import type { FleetView } from '../../../shared/fleet/fleet-schemas';
import type { PrinterStatus } from '../../../shared/contract/print-schemas';
import type { PrintJob } from '../../../shared/printing/print-job';
import type { Order } from '../orders/order-types';
import type { SettingsPatch, SettingsView } from '../../../shared/contract/settings-schemas';
import type { PhoneCareService } from '../care/phone-care';
import type { DeviceService } from '../devices/device-types';
import type { OutboxEntry } from '../storage/outbox-repository';
import type { OrderService } from '../orders/order-types';
import type { PhoneActivitySource } from '../payments/phone-activity';
import type { PaymentService } from '../payments/payment-types';
import type { Clock } from '../util/clock';
import type { TypedEmitter } from '../util/typed-emitter';

/**
 * What the window's bridge needs from the core. The services are the existing ones (narrowed to
 * what the window uses); the ports are small adapters the composition root writes over the
 * settings store, the credentials provider, storage and the HTTP server.
 */
export interface BridgeCore {
  orders: Pick<OrderService, 'list' | 'get' | 'setStatus' | 'on' | 'off'>;
  payments: Pick<PaymentService, 'list' | 'resolve' | 'cancel' | 'on' | 'off'>;
  devices: Pick<
    DeviceService,
    'list' | 'get' | 'adbStatus' | 'restartApp' | 'launchUri' | 'diagnostics' | 'on' | 'off'
  >;
  /**
   * What the payment engine does with each phone. The window sees each device combined with it
   * (`combineDeviceView`): the device manager alone only knows raw readiness.
   */
  phones: PhoneActivitySource;
  /** What phone care did for each phone; the device card shows it and offers its one-click fixes. */
  care: Pick<PhoneCareService, 'view' | 'runNow' | 'on' | 'off'>;
  /** Fleet mode (docs/FLEET.md); its view says `enabled: false` when the station runs alone. */
  fleet: { view(): Promise<FleetView> };
  settings: SettingsPort;
  history: HistoryPort;
  status: StatusPort;
  clock: Clock;
  /**
   * Who resolves `unknown` payments from the window, for the audit log.
   * @default 'cashier'
   */
  operator?: string;
  /**
   * The station's log file, where the shell writes one (Electron). Without it `logs:tail`
   * answers with no lines.
   * @default none
   */
  logs?: LogsPort;
  /** The callback outbox, for the window's list of failing callbacks and its resend button. */
  callbacks: CallbacksPort;
  /** Order tickets: each order card's print state and reprint, the status bar's printer, the test page. */
  printing: PrintingPort;
}

export interface PrintingPortEvents extends Record<string, unknown> {
  job: PrintJob;
  status: PrinterStatus;
  trouble: PrinterStatus;
}

/** The part of the print service the window uses (src/main/core/printing/print-service.ts). */
export interface PrintingPort extends TypedEmitter<PrintingPortEvents> {
  /** Throws a coded error (`PRINTER_NOT_CONFIGURED`) when no printer is set up. */
  reprint(order: Order): PrintJob;
  testPage(): PrintJob;
  latestForOrder(orderNo: string): PrintJob | undefined;
  status(): PrinterStatus;
}

/** The part of the callback sender the window uses. */
export interface CallbacksPort {
  troubled(limit: number): OutboxEntry[];
  resend(eventId: string): boolean;
  stats(): { pending: number; delivered: number; failed: number };
}

/** The end of the log, for the window's diagnostics. */
export interface LogsPort {
  tail(maxLines: number): { lines: string[]; truncated: boolean; file: string | null };
}

export interface SettingsPortEvents extends Record<string, unknown> {
  changed: SettingsView;
}

/** Settings as the window edits them; the API secret stays behind `revealSecret`. */
export interface SettingsPort extends TypedEmitter<SettingsPortEvents> {
  get(): SettingsView;
  /**
   * Validates the merged result, persists it and emits `changed`. An invalid result throws an
   * error with `code: 'INVALID_SETTINGS'` and `issues: {path, message}[]` (the settings service's
   * `InvalidSettingsError`); paths are dotted, e.g. `payments.settleMs`.
   */
  update(patch: SettingsPatch): SettingsView;
  revealSecret(): string;
  /** Throws a coded error when the environment pins the credentials. */
  regenerateCredentials(): { apiKey: string; secret: string };
}

/** Orders and payments of any age, from storage. Newest first. */
export interface HistoryPort {
  query(query: HistoryQuery): HistoryPage;
  /**
   * Orders and payments created in each of the 24 hours from `dayStart` (local midnight):
   * bucket i counts `createdAt` in [dayStart + i h, dayStart + (i + 1) h).
   */
  countByHour(dayStart: number): { orders: number[]; payments: number[] };
}

export interface ApiStatus {
  apiListening: boolean;
  /** e.g. `http://127.0.0.1:17800/api/v1`, or null when not listening. */
  apiUrl: string | null;
  /** The last authenticated request from the backend, epoch ms. */
  lastBackendContactAt: number | null;
  /** Payments waiting for a phone (`queued`). */
  queueLength: number;
}

export interface StatusPortEvents extends Record<string, unknown> {
  changed: ApiStatus;
}

/** The parts of the status bar the device list cannot tell. */
export interface StatusPort extends TypedEmitter<StatusPortEvents> {
  get(): ApiStatus;
}
