import type { StationClient } from '../api/client';
import type {
  AdbStatusRecord,
  DeviceRecord,
  OrderRecord,
  PaymentRecord,
  StationStatus,
} from '../../../shared/contract/record-schemas';
import type { SettingsView } from '../../../shared/contract/settings-schemas';
import { OPEN_ORDER_STATUSES } from '../../../shared/domain/order-status';
import { ACTIVE_PAYMENT_STATUSES } from '../../../shared/domain/payment-status';

/** Payments the payments view shows and orders the board shows; others leave the store. */
const ACTIVE_PAYMENTS: ReadonlySet<string> = new Set(ACTIVE_PAYMENT_STATUSES);
const OPEN_ORDERS: ReadonlySet<string> = new Set(OPEN_ORDER_STATUSES);

export interface StationState {
  loaded: boolean;
  loadError: string | null;
  connected: boolean;
  orders: ReadonlyMap<string, OrderRecord>;
  payments: ReadonlyMap<string, PaymentRecord>;
  devices: ReadonlyMap<string, DeviceRecord>;
  adb: AdbStatusRecord;
  status: StationStatus | null;
  settings: SettingsView | null;
}

export interface StationStore {
  getState(): StationState;
  subscribe(listener: () => void): () => void;
  /** Subscribes to events, then loads everything; returns the function that stops both. */
  start(): () => void;
  reload(): Promise<void>;
  /** Applies a record a command returned, without waiting for its event. */
  applyOrder(order: OrderRecord): void;
  applyPayment(payment: PaymentRecord): void;
  applySettings(settings: SettingsView): void;
}

export interface StationStoreOptions {
  /**
   * Runs `flush` later; changes made before it runs reach the views as one update. A burst of
   * thousands of orders then costs one copy of the order map and one render per frame instead
   * of one per order. Tests pass `(flush) => flush()` to see every change at once.
   * @default (flush) => setTimeout(flush, 16)
   */
  schedule?: (flush: () => void) => void;
}

type MapKey = 'orders' | 'payments' | 'devices';

/**
 * What the window knows about the station, kept current by events. One store per window, made
 * by `App`; views read it through `useStationState`. Events are subscribed before the first load
 * so nothing that happens during loading is missed, and the WebSocket's reconnect reloads.
 */
export function createStationStore(client: StationClient, options: StationStoreOptions = {}): StationStore {
  const schedule = options.schedule ?? ((flush: () => void) => void setTimeout(flush, 16));
  const listeners = new Set<() => void>();
  let published: StationState = {
    loaded: false,
    loadError: null,
    connected: client.isConnected(),
    orders: new Map(),
    payments: new Map(),
    devices: new Map(),
    adb: { kind: 'starting' },
    status: null,
    settings: null,
  };
  // Changes since the last flush. Maps are copied once per batch, then edited in place.
  let working: StationState | null = null;
  const owned = new Set<MapKey>();
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    if (!working) return;
    published = working;
    working = null;
    owned.clear();
    for (const l of [...listeners]) l();
  };
  const mutate = (change: (w: StationState) => void): void => {
    working ??= { ...published };
    change(working);
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  };
  const mapOf = (w: StationState, key: MapKey): Map<string, unknown> => {
    if (!owned.has(key)) {
      (w as Record<MapKey, unknown>)[key] = new Map(w[key] as ReadonlyMap<string, unknown>);
      owned.add(key);
    }
    return w[key] as Map<string, unknown>;
  };
  const set = (patch: Partial<StationState>): void =>
    mutate((w) => {
      Object.assign(w, patch);
      // A map in the patch is a fresh one that nobody else holds.
      for (const key of ['orders', 'payments', 'devices'] as const) if (key in patch) owned.add(key);
    });
  const current = (): StationState => working ?? published;

  const applyOrder = (order: OrderRecord): void => {
    const known = current().orders.get(order.orderNo);
    if (known && known.updatedAt > order.updatedAt) return;
    mutate((w) => {
      const orders = mapOf(w, 'orders');
      if (OPEN_ORDERS.has(order.status)) orders.set(order.orderNo, order);
      else orders.delete(order.orderNo);
    });
  };
  const applyPayment = (payment: PaymentRecord): void => {
    const known = current().payments.get(payment.orderNo);
    if (known && known.updatedAt > payment.updatedAt) return;
    mutate((w) => {
      const payments = mapOf(w, 'payments');
      if (ACTIVE_PAYMENTS.has(payment.status)) payments.set(payment.orderNo, payment);
      else payments.delete(payment.orderNo);
    });
  };
  const applyDevice = (serial: string, device: DeviceRecord | null): void =>
    mutate((w) => {
      const devices = mapOf(w, 'devices');
      if (device) devices.set(serial, device);
      else devices.delete(serial);
    });
  const bridge = client.bridge;

  const reload = async (): Promise<void> => {
    try {
      const [orders, payments, devices, status, settings] = await Promise.all([
        bridge.invoke('orders:list', {}),
        bridge.invoke('payments:list', {}),
        bridge.invoke('devices:list', {}),
        bridge.invoke('status:get', {}),
        bridge.invoke('settings:get', {}),
      ]);
      set({
        loaded: true,
        loadError: null,
        orders: new Map(orders.orders.map((o) => [o.orderNo, o])),
        payments: new Map(payments.payments.map((p) => [p.orderNo, p])),
        devices: new Map(devices.devices.map((d) => [d.serial, d])),
        adb: devices.adb,
        status,
        settings,
      });
    } catch (err) {
      set({ loadError: err instanceof Error ? err.message : String(err) });
    }
  };

  return {
    getState: () => published,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    applyOrder,
    applyPayment,
    applySettings: (settings) => set({ settings }),
    start() {
      const offs = [
        bridge.on('order:new', (e) => applyOrder(e.order)),
        bridge.on('order:rush', (e) => applyOrder(e.order)),
        bridge.on('order:updated', applyOrder),
        bridge.on('payment:updated', applyPayment),
        bridge.on('device:changed', (d) => applyDevice(d.serial, d)),
        bridge.on('device:removed', (d) => applyDevice(d.serial, null)),
        bridge.on('adb:status', (adb) => set({ adb })),
        bridge.on('status:changed', (status) => set({ status, adb: status.adb })),
        bridge.on('settings:changed', (settings) => set({ settings })),
        client.onConnectionChange((connected) => {
          set({ connected });
          if (connected) void reload();
        }),
      ];
      // The socket may have opened before this subscription: read the state rather than wait.
      set({ connected: client.isConnected() });
      void reload();
      return () => {
        for (const off of offs) off();
      };
    },
  };
}
