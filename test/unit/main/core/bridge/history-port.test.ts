import { describe, expect, it } from 'vitest';
import { createListHistoryPort } from '../../../../../src/main/core/bridge/history-port';
import { createStatusTracker } from '../../../../../src/main/core/bridge/status-tracker';
import { createManualClock } from '../../../../../src/main/core/util/clock';
import { createRealServices } from '../../../../support/real-services';

describe('createListHistoryPort', () => {
  it('merges orders and payments newest first, filters, pages and counts per hour', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 0, 0, 0));
    const { orders, payments } = createRealServices(clock, { start: false });
    const dayStart = clock.now();
    for (let i = 0; i < 30; i++) {
      clock.advance(20 * 60_000);
      orders.create({ orderNo: `A${i}`, amountFen: 100 + i });
      payments.create({ orderNo: `P${i}`, amountFen: 200 + i, qrCode: 'qr' });
    }
    const port = createListHistoryPort({ orders, payments, clock });
    const page = port.query({ offset: 0, limit: 4 });
    expect(page.total).toBe(60);
    expect(page.rows.map((r) => r.orderNo)).toEqual(['A29', 'P29', 'A28', 'P28']);
    expect(
      port.query({ offset: 0, limit: 50, kind: 'payment', search: 'p2' }).rows.map((r) => r.orderNo),
    ).toEqual(['P29', 'P28', 'P27', 'P26', 'P25', 'P24', 'P23', 'P22', 'P21', 'P20', 'P2']);
    expect(port.query({ offset: 0, limit: 50, status: 'queued' }).total).toBe(30);
    expect(port.query({ offset: 0, limit: 50, from: dayStart + 9 * 60 * 60_000 }).total).toBe(8);
    const counts = port.countByHour(dayStart);
    expect(counts.orders.slice(0, 4)).toEqual([2, 3, 3, 3]);
    expect(counts.payments.reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('re-reads the services only after the cache time', async () => {
    const clock = createManualClock(0);
    const { orders, payments } = createRealServices(clock, { start: false });
    const port = createListHistoryPort({ orders, payments, clock, cacheMs: 1000 });
    expect(port.query({ offset: 0, limit: 10 }).total).toBe(0);
    orders.create({ orderNo: 'A1', amountFen: 1 });
    expect(port.query({ offset: 0, limit: 10 }).total).toBe(0);
    clock.advance(1000);
    expect(port.query({ offset: 0, limit: 10 }).total).toBe(1);
  });
});

describe('createStatusTracker', () => {
  it('reports the API, the last backend contact and the live queue, and says when they change', () => {
    let queued = 3;
    const tracker = createStatusTracker({ queueLength: () => queued });
    const seen: unknown[] = [];
    tracker.on('changed', (s) => seen.push(s));
    expect(tracker.get()).toEqual({
      apiListening: false,
      apiUrl: null,
      lastBackendContactAt: null,
      queueLength: 3,
    });
    tracker.apiListening('http://127.0.0.1:17800/api/v1');
    tracker.backendContact(42);
    queued = 0;
    expect(tracker.get()).toEqual({
      apiListening: true,
      apiUrl: 'http://127.0.0.1:17800/api/v1',
      lastBackendContactAt: 42,
      queueLength: 0,
    });
    tracker.apiStopped();
    expect(seen).toHaveLength(3);
    expect(tracker.get().apiListening).toBe(false);
  });
});
