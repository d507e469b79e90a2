import type { StationBridge } from '../../../shared/contract/bridge-types';
import type { PaymentStatus } from '../../../shared/domain/payment-status';
import type { SettingsView } from '../../../shared/contract/settings-schemas';
import type { VoiceSettings } from '../../../shared/settings/voice-settings';
import { announcerSettingsFrom } from '../../../shared/settings/voice-settings';

/** The announcer events this glue produces (a subset of `AnnounceEvent` in src/shared/voice). */
export type StationAnnounceEvent =
  | { kind: 'new-order'; eventId: string; orderId: string }
  | { kind: 'rush'; eventId: string; orderId: string }
  | { kind: 'payment-succeeded'; eventId: string; amountFen: number }
  | { kind: 'payment-failed'; eventId: string }
  | { kind: 'payment-attention'; eventId: string }
  | { kind: 'phone-connected'; eventId: string }
  | { kind: 'phone-disconnected'; eventId: string }
  | { kind: 'printer-offline'; eventId: string };

/** What the glue needs from the announcer; `createAnnouncer(...)` fits as is. */
export interface AnnouncerLike {
  announce(event: StationAnnounceEvent): unknown;
  stopOrder(orderId: string): void;
  updateSettings(patch: ReturnType<typeof announcerSettingsFrom>): void;
}

const TROUBLE: Partial<Record<PaymentStatus, 'payment-failed' | 'payment-attention'>> = {
  failed: 'payment-failed',
  expired: 'payment-failed',
  unknown: 'payment-attention',
};

/**
 * Turns station events into announcements: new orders and rush reminders (stopped the moment
 * an order leaves `new`), payment outcomes, phones coming and going, each behind its switch in
 * Settings → Voice. Event ids make repeats of one fact (a reconnect replaying it) collapse in
 * the announcer's dedupe. Returns the function that disconnects.
 */
export function connectAnnouncer(
  bridge: StationBridge,
  announcer: AnnouncerLike,
  initial: SettingsView | null = null,
): () => void {
  let voice: VoiceSettings | null = initial?.voice ?? null;
  if (voice) announcer.updateSettings(announcerSettingsFrom(voice));
  const on = (key: keyof VoiceSettings['announce']): boolean => voice?.announce[key] ?? true;
  const known = new Set<string>();
  let devicesSeeded = false;

  const offs = [
    bridge.on('settings:changed', (settings) => {
      voice = settings.voice;
      announcer.updateSettings(announcerSettingsFrom(settings.voice));
    }),
    bridge.on('order:new', ({ order, eventId }) => {
      if (on('newOrder') && order.status === 'new') {
        announcer.announce({ kind: 'new-order', eventId, orderId: order.orderNo });
      }
    }),
    bridge.on('order:rush', ({ order, eventId }) => {
      if (on('rush')) announcer.announce({ kind: 'rush', eventId, orderId: order.orderNo });
    }),
    bridge.on('order:updated', (order) => {
      if (order.status !== 'new') announcer.stopOrder(order.orderNo);
    }),
    bridge.on('payment:updated', (p) => {
      // The cashier settled it by hand a moment ago; saying it aloud tells nobody anything.
      if (p.resolution) return;
      const eventId = `payment:${p.orderNo}:${p.status}`;
      if (p.status === 'succeeded' && on('paymentSucceeded')) {
        announcer.announce({ kind: 'payment-succeeded', eventId, amountFen: p.amountFen });
      }
      const trouble = TROUBLE[p.status];
      if (trouble && on('paymentTrouble')) announcer.announce({ kind: trouble, eventId });
    }),
    bridge.on('device:changed', (d) => {
      const present = d.state !== 'gone' && d.state !== 'offline';
      if (present && !known.has(d.serial)) {
        known.add(d.serial);
        // Phones already attached when the window opened are not news.
        if (devicesSeeded && on('devices')) {
          announcer.announce({ kind: 'phone-connected', eventId: `phone:${d.serial}:${d.firstSeenAt}` });
        }
      } else if (!present && known.delete(d.serial) && on('devices')) {
        announcer.announce({ kind: 'phone-disconnected', eventId: `phone-gone:${d.serial}:${d.updatedAt}` });
      }
    }),
    // The core sends this once per outage; the id makes a replay of the same outage silent.
    bridge.on('printer:trouble', (printer) => {
      if (on('printer'))
        announcer.announce({ kind: 'printer-offline', eventId: `printer:${printer.since ?? 0}` });
    }),
    bridge.on('device:removed', ({ serial }) => {
      if (known.delete(serial) && on('devices')) {
        announcer.announce({ kind: 'phone-disconnected', eventId: `phone-gone:${serial}:${Date.now()}` });
      }
    }),
  ];
  void bridge.invoke('devices:list', {}).then(
    (r) => {
      for (const d of r.devices) if (d.state !== 'gone' && d.state !== 'offline') known.add(d.serial);
      devicesSeeded = true;
    },
    () => {
      devicesSeeded = true;
    },
  );
  return () => {
    for (const off of offs) off();
  };
}
