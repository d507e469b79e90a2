import { describe, expect, it } from 'vitest';
import type { AnnouncerLike, StationAnnounceEvent } from '../../../src/renderer/src/api/announce-events';
import { connectAnnouncer } from '../../../src/renderer/src/api/announce-events';
import { createFakeStation } from '../../support/fake-station';
import { fakeDevice, fakeOrder, fakePayment } from '../../support/fake-station-seed';

function recorder() {
  const said: StationAnnounceEvent[] = [];
  const stopped: string[] = [];
  const settings: unknown[] = [];
  const announcer: AnnouncerLike = {
    announce: (e) => said.push(e),
    stopOrder: (id) => stopped.push(id),
    updateSettings: (s) => settings.push(s),
  };
  return { said, stopped, settings, announcer };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('connectAnnouncer', () => {
  it('announces new orders and rush reminders, and stops an order the moment it is accepted', async () => {
    const fake = createFakeStation(1000);
    const r = recorder();
    connectAnnouncer(fake, r.announcer);
    await settle();
    fake.emit('order:new', { order: fakeOrder('A1', 1000), eventId: 'e1' });
    fake.emit('order:rush', { order: fakeOrder('A1', 1000, { rushCount: 1 }), eventId: 'e2' });
    fake.emit('order:updated', fakeOrder('A1', 1000, { status: 'accepted' }));
    fake.emit('order:updated', fakeOrder('A2', 1000, { status: 'new' }));
    expect(r.said).toEqual([
      { kind: 'new-order', eventId: 'e1', orderId: 'A1' },
      { kind: 'rush', eventId: 'e2', orderId: 'A1' },
    ]);
    expect(r.stopped).toEqual(['A1']);
  });

  it('says payment outcomes with the amount, trouble as trouble, and nothing for hand resolutions', async () => {
    const fake = createFakeStation(1000);
    const r = recorder();
    connectAnnouncer(fake, r.announcer);
    fake.emit('payment:updated', fakePayment('P1', 1, { status: 'succeeded', amountFen: 1250 }));
    fake.emit('payment:updated', fakePayment('P2', 1, { status: 'unknown' }));
    fake.emit('payment:updated', fakePayment('P3', 1, { status: 'failed' }));
    fake.emit('payment:updated', fakePayment('P4', 1, { status: 'awaiting_result' }));
    fake.emit(
      'payment:updated',
      fakePayment('P2', 1, {
        status: 'failed',
        resolution: { status: 'failed', note: 'n', by: 'cashier', at: 2 },
      }),
    );
    expect(r.said).toEqual([
      { kind: 'payment-succeeded', eventId: 'payment:P1:succeeded', amountFen: 1250 },
      { kind: 'payment-attention', eventId: 'payment:P2:unknown' },
      { kind: 'payment-failed', eventId: 'payment:P3:failed' },
    ]);
  });

  it('announces phones plugged and unplugged after the start, but not those already there', async () => {
    const now = 1_700_000_000_000;
    const fake = createFakeStation(now);
    fake.devices.set('OLD', fakeDevice('OLD', now));
    const r = recorder();
    connectAnnouncer(fake, r.announcer);
    await settle();
    fake.emit('device:changed', fakeDevice('OLD', now, { updatedAt: now + 1 }));
    fake.emit('device:changed', fakeDevice('NEW', now, { state: 'connecting', firstSeenAt: now + 2 }));
    fake.emit('device:changed', fakeDevice('NEW', now, { state: 'ready', firstSeenAt: now + 2 }));
    fake.emit('device:removed', { serial: 'OLD' });
    expect(r.said.map((e) => e.kind)).toEqual(['phone-connected', 'phone-disconnected']);
  });

  it('follows the voice settings: switches per kind, and the announcer settings in its units', async () => {
    const fake = createFakeStation(1000);
    const r = recorder();
    connectAnnouncer(fake, r.announcer, fake.settings);
    const voice = {
      ...fake.settings.voice,
      repeatIntervalSec: 30,
      announce: { ...fake.settings.voice.announce, newOrder: false },
    };
    fake.emit('settings:changed', { ...fake.settings, voice });
    fake.emit('order:new', { order: fakeOrder('A9', 1000), eventId: 'e9' });
    expect(r.said).toEqual([]);
    expect(r.settings.at(-1)).toEqual({
      volume: 0.8,
      repeatIntervalMs: 30_000,
      quietHours: null,
      speakAmounts: true,
    });
  });
});

describe('connectAnnouncer and the printer', () => {
  const failing = (since: number) => ({
    type: 'network' as const,
    state: 'failing' as const,
    pending: 2,
    failed: 0,
    lastErrorCode: 'PRINTER_OFFLINE',
    lastError: '打印机未连接: nothing answered',
    since,
  });

  it('says "打印机未连接" for each outage the core reports, under its own switch', async () => {
    const fake = createFakeStation(1000);
    const r = recorder();
    connectAnnouncer(fake, r.announcer, fake.settings);
    fake.emit('printer:trouble', failing(5000));
    fake.emit('printer:trouble', failing(9000));
    expect(r.said).toEqual([
      { kind: 'printer-offline', eventId: 'printer:5000' },
      { kind: 'printer-offline', eventId: 'printer:9000' },
    ]);

    fake.emit('settings:changed', {
      ...fake.settings,
      voice: { ...fake.settings.voice, announce: { ...fake.settings.voice.announce, printer: false } },
    });
    fake.emit('printer:trouble', failing(12_000));
    expect(r.said).toHaveLength(2);
  });
});
