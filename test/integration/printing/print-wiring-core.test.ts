import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../src/shared/contract/bridge-types';
import { createBridgeHandlers } from '../../../src/main/core/bridge/bridge-handlers';
import { createCommandDispatcher } from '../../../src/main/core/bridge/command-dispatch';
import { subscribeBridgeEvents } from '../../../src/main/core/bridge/bridge-events';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';
import { decodeJob, startPrinterSim } from '../../support/escpos-printer-sim';
import type { PrinterSim } from '../../support/escpos-printer-sim';
import { waitFor } from '../../support/adb-station';

// The real core, wired as the station runs: the order flow, Settings → Printer, the durable
// queue and the bridge the window uses, printing to the loopback ESC/POS printer.

let rig: CoreRig | null = null;
let sim: PrinterSim | null = null;
let unsubscribe: (() => void) | null = null;
afterEach(async () => {
  // The window goes before the station, as when it closes.
  unsubscribe?.();
  unsubscribe = null;
  await rig?.close();
  rig = null;
  await sim?.close();
  sim = null;
});

async function station(printer: Record<string, unknown>) {
  sim = await startPrinterSim({ current: 'ok' });
  rig = await createCoreRig({
    settingsOverrides: { printer: { type: 'network', address: sim.address, shopName: '小馆', ...printer } },
  });
  const dispatch = createCommandDispatcher(createBridgeHandlers(rig.core.bridge));
  const events: EventMessage[] = [];
  unsubscribe = subscribeBridgeEvents(rig.core.bridge, (m) => events.push(m));
  return { rig, sim, dispatch, events };
}

const whole = (s: PrinterSim) => s.jobs.map((j) => decodeJob(j)).filter((d) => d.cuts > 0);

describe('order tickets, wired in the core', () => {
  it('prints a new order and a rush slip by itself, and shows it on the order', async () => {
    const { rig, sim, dispatch, events } = await station({ rushSlip: true, copies: 2, paperWidth: 80 });
    rig.core.orders.create({
      orderNo: 'T100',
      amountFen: 3600,
      items: [{ name: '酸菜鱼', qty: 2, priceFen: 1800 }],
      customer: { name: '王', phoneTail: '8888' },
      note: '少辣',
    });
    await waitFor('ticket printed', () => whole(sim).length === 1, 5000);
    const [ticket] = whole(sim);
    expect(ticket.cuts).toBe(2);
    expect(ticket.lines[0].trim()).toBe('小馆');
    expect(ticket.lines).toContain('订单号: T100');
    expect(ticket.lines).toContain('备注: 少辣');
    expect(ticket.lines.every((l) => l.length <= 48)).toBe(true);

    rig.core.orders.remind('T100');
    await waitFor('rush slip printed', () => whole(sim).length === 2, 5000);
    expect(whole(sim)[1].lines.some((l) => l.includes('第 1 次催单'))).toBe(true);

    const listed = await dispatch('orders:list', {});
    expect(listed).toMatchObject({
      ok: true,
      value: { orders: [{ orderNo: 'T100', print: { kind: 'rush', status: 'printed', lastError: null } }] },
    });
    // Each step of the job reached the window as a change of the order.
    const printStates = events
      .filter((e) => e.name === 'order:updated')
      .map((e) => (e.payload as { print?: { status: string } | null }).print?.status);
    expect(printStates).toContain('printed');
    expect(await dispatch('status:get', {})).toMatchObject({
      ok: true,
      value: { printer: { type: 'network', state: 'ok', pending: 0, failed: 0 } },
    });
  });

  it('does not print by itself with auto-print off, and reprints and prints a test page on request', async () => {
    const { rig, sim, dispatch } = await station({ autoPrint: false });
    rig.core.orders.create({ orderNo: 'T200', amountFen: 1200 });
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.jobs).toEqual([]);

    const reprint = await dispatch('printing:reprint', { orderNo: 'T200' });
    expect(reprint).toMatchObject({
      ok: true,
      value: { kind: 'reprint', orderNo: 'T200', status: 'pending' },
    });
    const test = await dispatch('printing:testPage', {});
    expect(test).toMatchObject({ ok: true, value: { kind: 'test', orderNo: null } });
    await waitFor('both printed', () => whole(sim).length === 2, 5000);
    expect(whole(sim)[0].lines).toContain('订单号: T200');
    expect(whole(sim)[1].lines).toContain('中文每字占两列 ABC');

    expect(await dispatch('printing:reprint', { orderNo: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_FOUND' },
    });
  });

  it('refuses a reprint or a test page with a clear error when no printer is set up', async () => {
    const { dispatch, rig } = await station({ type: 'none' });
    rig.core.orders.create({ orderNo: 'T300', amountFen: 100 });
    const r = await dispatch('printing:testPage', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'PRINTER_NOT_CONFIGURED' } });
    expect((r as { error: { message: string } }).error.message).toMatch(/打印机未设置.*Settings → Printer/);
    expect(await dispatch('printing:reprint', { orderNo: 'T300' })).toMatchObject({
      ok: false,
      error: { code: 'PRINTER_NOT_CONFIGURED' },
    });
    expect(await dispatch('status:get', {})).toMatchObject({
      ok: true,
      value: { printer: { state: 'off' } },
    });
  });

  it('keeps the order flow going while the printer is off, says so once, and prints when it is back', async () => {
    const { rig, sim, dispatch, events } = await station({});
    await sim.unplug();
    for (const no of ['T401', 'T402']) {
      const r = rig.core.orders.create({ orderNo: no, amountFen: 500 });
      expect(r.kind).toBe('created');
    }
    await waitFor('failing status', () => rig.core.printing.status().state === 'failing', 5000);
    const trouble = events.filter((e) => e.name === 'printer:trouble');
    expect(trouble).toHaveLength(1);
    expect(trouble[0].payload).toMatchObject({ state: 'failing', lastErrorCode: 'PRINTER_OFFLINE' });
    const listed = await dispatch('orders:list', {});
    expect(listed).toMatchObject({
      ok: true,
      value: {
        orders: [
          { orderNo: 'T401', print: { status: 'pending', lastErrorCode: 'PRINTER_OFFLINE' } },
          { orderNo: 'T402', print: { status: 'pending', lastErrorCode: null } },
        ],
      },
    });
    // Accepting an order does not wait for its ticket.
    expect(await dispatch('orders:accept', { orderNo: 'T401' })).toMatchObject({ ok: true });

    await sim.plugIn();
    await waitFor('both printed after the retry', () => whole(sim).length === 2, 8000);
    expect(whole(sim).map((t) => t.lines.find((l) => l.startsWith('订单号')))).toEqual([
      '订单号: T401',
      '订单号: T402',
    ]);
    expect(events.filter((e) => e.name === 'printer:trouble')).toHaveLength(1);
  }, 20_000);
});

describe('a printer fixed in Settings', () => {
  it('prints the waiting tickets at once, without waiting out their backoff', async () => {
    sim = await startPrinterSim({ current: 'ok' });
    const dead = sim.address;
    await sim.unplug();
    rig = await createCoreRig();
    const dispatch = createCommandDispatcher(createBridgeHandlers(rig.core.bridge));
    expect(
      await dispatch('settings:update', { patch: { printer: { type: 'network', address: dead } } }),
    ).toMatchObject({ ok: true, value: { ok: true } });
    rig.core.orders.create({ orderNo: 'F1', amountFen: 800 });
    const core = rig.core;
    await waitFor(
      'two failed attempts',
      () => (core.printing.latestForOrder('F1')?.attempts ?? 0) >= 2,
      6000,
    );

    // The next attempt is 4 s away; the cashier switches to the right printer and saves.
    const other = await startPrinterSim({ current: 'ok' });
    try {
      const saved = Date.now();
      await dispatch('settings:update', { patch: { printer: { address: other.address } } });
      await waitFor('printed on the new address', () => whole(other).length === 1, 3000);
      expect(Date.now() - saved).toBeLessThan(2500);
      expect(whole(other)[0].lines).toContain('订单号: F1');
    } finally {
      await other.close();
    }
  }, 20_000);
});

describe('a test page while tickets wait', () => {
  it('tries the waiting tickets at once too, and prints them in order before the test page', async () => {
    const { rig, sim, dispatch } = await station({});
    await sim.unplug();
    rig.core.orders.create({ orderNo: 'W1', amountFen: 800 });
    const core = rig.core;
    await waitFor(
      'a failed attempt',
      () => core.printing.latestForOrder('W1')?.lastErrorCode === 'PRINTER_OFFLINE',
      5000,
    );
    await waitFor(
      'its second attempt over',
      () => {
        const j = core.printing.latestForOrder('W1');
        return j?.status === 'pending' && j.attempts >= 2;
      },
      6000,
    );
    await sim.plugIn();
    const asked = Date.now();
    expect(await dispatch('printing:testPage', {})).toMatchObject({ ok: true, value: { kind: 'test' } });
    await waitFor('both printed', () => whole(sim).length === 2, 3000);
    expect(Date.now() - asked).toBeLessThan(2500);
    expect(whole(sim)[0].lines).toContain('订单号: W1');
    expect(whole(sim)[1].lines).toContain('中文每字占两列 ABC');
  }, 20_000);
});
