import { describe, expect, it } from 'vitest';
import type { StationClient } from '../../../src/renderer/src/api/client';
import { createStationStore } from '../../../src/renderer/src/state/station-store';
import { createFakeStation } from '../../support/fake-station';
import { fakeOrder, fakePayment, seedBusyShop } from '../../support/fake-station-seed';

function setup() {
  const now = 1_700_000_000_000;
  const fake = createFakeStation(now);
  seedBusyShop(fake, now);
  let connected = false;
  const connectionListeners = new Set<(c: boolean) => void>();
  const client: StationClient = {
    bridge: fake,
    transport: 'websocket',
    isConnected: () => connected,
    onConnectionChange: (l) => {
      connectionListeners.add(l);
      return () => connectionListeners.delete(l);
    },
  };
  const setConnected = (c: boolean) => {
    connected = c;
    for (const l of connectionListeners) l(c);
  };
  const store = createStationStore(client, { schedule: (flush) => flush() });
  return { fake, store, now, setConnected, connect: () => (connected = true) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('station store', () => {
  it('loads everything and reads a connection that opened before it subscribed', async () => {
    const { store, connect } = setup();
    connect();
    const stop = store.start();
    await settle();
    const s = store.getState();
    expect(s.connected).toBe(true);
    expect(s.loaded).toBe(true);
    expect(s.orders.size).toBe(6);
    expect(s.payments.size).toBe(6);
    expect(s.devices.size).toBe(4);
    expect(s.status?.phonesTotal).toBe(4);
    stop();
  });

  it('keeps only open orders and active payments, and ignores stale updates', async () => {
    const { store, fake, now } = setup();
    store.start();
    await settle();
    fake.emit('order:updated', fakeOrder('A1015', now - 700_000, { status: 'done', updatedAt: now + 10 }));
    expect(store.getState().orders.has('A1015')).toBe(false);
    fake.emit('order:updated', fakeOrder('A1024', now - 8_000, { status: 'accepted', updatedAt: now + 5 }));
    fake.emit('order:updated', fakeOrder('A1024', now - 8_000, { status: 'new', updatedAt: now + 1 }));
    expect(store.getState().orders.get('A1024')?.status).toBe('accepted');
    fake.emit('payment:updated', fakePayment('P88032', now, { status: 'succeeded', updatedAt: now + 9 }));
    expect(store.getState().payments.has('P88032')).toBe(false);
  });

  it('marks a dropped connection and reloads when it comes back', async () => {
    const { store, fake, setConnected } = setup();
    store.start();
    setConnected(true);
    await settle();
    const loads = () => fake.calls.filter((c) => c.name === 'orders:list').length;
    const before = loads();
    setConnected(false);
    expect(store.getState().connected).toBe(false);
    fake.orders.set('Z9', fakeOrder('Z9', 1));
    setConnected(true);
    await settle();
    expect(loads()).toBe(before + 1);
    expect(store.getState().orders.has('Z9')).toBe(true);
  });

  it('stops listening when stopped', async () => {
    const { store, fake, now } = setup();
    const stop = store.start();
    await settle();
    stop();
    fake.emit('order:new', { order: fakeOrder('N1', now), eventId: 'e' });
    expect(store.getState().orders.has('N1')).toBe(false);
  });

  it('batches a burst of events into one update, copying each map once', async () => {
    const now = 1_700_000_000_000;
    const fake = createFakeStation(now);
    const pending: (() => void)[] = [];
    const client: StationClient = {
      bridge: fake,
      transport: 'electron',
      isConnected: () => true,
      onConnectionChange: () => () => {},
    };
    const store = createStationStore(client, { schedule: (flush) => pending.push(flush) });
    store.start();
    await settle();
    pending.splice(0).forEach((f) => f());
    let updates = 0;
    store.subscribe(() => updates++);
    const before = store.getState();
    for (let i = 0; i < 2000; i++)
      fake.emit('order:new', { order: fakeOrder(`B${i}`, now + i), eventId: `e${i}` });
    fake.emit('order:updated', fakeOrder('B5', now + 5, { status: 'accepted', updatedAt: now + 99_999 }));
    fake.emit('order:updated', fakeOrder('B7', now + 7, { status: 'done', updatedAt: now + 99_999 }));
    expect(store.getState()).toBe(before);
    expect(pending).toHaveLength(1);
    pending.splice(0).forEach((f) => f());
    expect(updates).toBe(1);
    const after = store.getState();
    expect(after.orders.size).toBe(1999);
    expect(after.orders.get('B5')?.status).toBe('accepted');
    expect(before.orders.size).toBe(0);
  });
});
