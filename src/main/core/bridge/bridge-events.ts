import type { EventMessage } from '../../../shared/contract/bridge-types';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { EVENTS } from '../../../shared/contract/events';
import type { TimerHandle } from '../util/clock';
import type { BridgeCore } from './bridge-core';
import { buildStationStatus } from './bridge-handlers';
import { withPrint } from './order-print';
import { shownDevice } from './shown-devices';

export type EventSink = (message: EventMessage) => void;

/**
 * A status bar that redraws on every payment of a 2,000-payment burst helps nobody: status
 * changes are coalesced to at most one event per this many ms.
 */
export const STATUS_THROTTLE_MS = 200;

/**
 * Turns core events into contract events for one sink. Payloads are parsed with the contract's
 * schemas, which strips internal fields (the same guarantee commands have). Returns the
 * unsubscribe function.
 */
export function subscribeBridgeEvents(core: BridgeCore, sink: EventSink): () => void {
  const send = <E extends EventName>(name: E, payload: EventPayload<E> | object): void => {
    const parsed = EVENTS[name].safeParse(payload);
    // An event outside the contract is a core bug; dropping it keeps the window consistent.
    if (parsed.success) sink({ name, payload: parsed.data });
  };

  let statusTimer: TimerHandle | null = null;
  const statusSoon = (): void => {
    if (statusTimer !== null) return;
    statusTimer = core.clock.setTimeout(() => {
      statusTimer = null;
      send('status:changed', buildStationStatus(core));
    }, STATUS_THROTTLE_MS);
  };

  const offs = [
    core.orders.on('new-order', (e) => send('order:new', { ...e, order: withPrint(core, e.order) })),
    core.orders.on('rush', (e) => send('order:rush', { ...e, order: withPrint(core, e.order) })),
    core.orders.on('updated', (order) => send('order:updated', withPrint(core, order))),
    // A ticket queued, printed or failing changes its order's card.
    core.printing.on('job', (job) => {
      const order = job.orderNo === null ? undefined : core.orders.get(job.orderNo);
      if (order) send('order:updated', withPrint(core, order));
    }),
    core.printing.on('status', () => statusSoon()),
    core.printing.on('trouble', (status) => send('printer:trouble', status)),
    core.payments.on('updated', (payment) => {
      send('payment:updated', payment);
      statusSoon();
    }),
    core.devices.on('added', (device) => {
      send('device:changed', shownDevice(core, device));
      statusSoon();
    }),
    core.devices.on('changed', (device) => {
      send('device:changed', shownDevice(core, device));
      statusSoon();
    }),
    // Only the engine's side changed (busy, settling, back to idle): the window sees the phone
    // change all the same. A phone the device manager no longer lists has nothing to show.
    core.phones.on('changed', ({ serial }) => {
      const device = core.devices.get(serial);
      if (!device) return;
      send('device:changed', shownDevice(core, device));
      statusSoon();
    }),
    // Phone care acted on it or stopped: the device card's last actions change.
    core.care.on('changed', ({ serial }) => {
      const device = core.devices.get(serial);
      if (device) send('device:changed', shownDevice(core, device));
    }),
    core.devices.on('removed', (device) => {
      send('device:removed', { serial: device.serial });
      statusSoon();
    }),
    core.devices.on('adb', (status) => {
      send('adb:status', status);
      statusSoon();
    }),
    core.status.on('changed', () => statusSoon()),
    core.settings.on('changed', (settings) => {
      send('settings:changed', settings);
      // A printer set up or removed shows in the status bar at once.
      statusSoon();
    }),
  ];

  return () => {
    for (const off of offs) off();
    if (statusTimer !== null) core.clock.clearTimeout(statusTimer);
    statusTimer = null;
  };
}
