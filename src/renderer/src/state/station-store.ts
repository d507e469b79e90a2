import type { StationClient } from '../api/client';
import type {
  AdbStatusRecord,
  DeviceRecord,
  OrderRecord,
  PaymentRecord,
  StationStatus,
} from '../../../shared/contract/record-schemas';
import type { SettingsView } from '../../../shared/contract/settings-schemas';

/** Payments the payments view shows; others leave the store when they reach them. */
export const ACTIVE_PAYMENT_STATUSES = new Set(['queued', 'dispatching', 'awaiting_result', 'unknown']);
const OPEN_ORDER_STATUSES = new Set(['new', 'accepted']);

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

function withEntry<T>(map: ReadonlyMap<string, T>, key: string, value: T | null): Map<string, T> {
  const next = new Map(map);
  if (value === null) next.delete(key);
  else next.set(key, value);
  return next;
}

/**
 * What the window knows about the station, kept current by events. One store per window, made
 * by `App`; views read it through `useStationState`. Events are subscribed before the first load
 * so nothing that happens during loading is missed, and the WebSocket's reconnect reloads.
 */
export function createStationStore(client: StationClient): StationStore {
  const listeners = new Set<() => void>();
  let state: StationState = {
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
  const set = (patch: Partial<StationState>): void => {
    state = { ...state, ...patch };
    for (const l of [...listeners]) l();
  };
  const applyOrder = (order: OrderRecord): void => {
    const current = state.orders.get(order.orderNo);
    if (current && current.updatedAt > order.updatedAt) return;
    set({
      orders: withEntry(state.orders, order.orderNo, OPEN_ORDER_STATUSES.has(order.status) ? order : null),
    });
  };
  const applyPayment = (payment: PaymentRecord): void => {
    const current = state.payments.get(payment.orderNo);
    if (current && current.updatedAt > payment.updatedAt) return;
    const keep = ACTIVE_PAYMENT_STATUSES.has(payment.status);
    set({ payments: withEntry(state.payments, payment.orderNo, keep ? payment : null) });
  };
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
    getState: () => state,
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
        bridge.on('device:changed', (d) => set({ devices: withEntry(state.devices, d.serial, d) })),
        bridge.on('device:removed', (d) => set({ devices: withEntry(state.devices, d.serial, null) })),
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
