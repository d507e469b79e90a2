import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { createWsBridge } from '../src/renderer/src/api/ws-bridge';
import type { WsBridge } from '../src/renderer/src/api/ws-bridge';
import type { AnnouncerLogEntry } from '../src/shared/voice/announcer-types';
import type { E2eStation } from '../test/support/e2e-station';
import {
  buildRenderer,
  eventually,
  launchChromium,
  openStationWindow,
  startE2eStation,
} from '../test/support/e2e-station';

/**
 * The window under load, the real thing end to end: a signed POST /orders to
 * `npm run serve` (from source), the WebSocket bridge, the built React window in headless
 * Chromium, and its announcer.
 * - POST → card visible: the first animation frame after the card is in the DOM, timed in the
 *   page (the page and this process read the same wall clock), p50 and p99 over 200 orders;
 * - POST → announcement start: the announcer log's `started` time, p50 (each order is done
 *   before the next is posted, so the voice queue is empty every time);
 * - renderer heap after 10,000 orders (CDP Runtime.getHeapUsage after a forced GC).
 */
const LATENCY_ORDERS = 200;
const HEAP_ORDERS = 10_000;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** The bridge's socket next to the page: same host, same token. */
function wsUrl(uiUrl: string): string {
  const u = new URL(uiUrl);
  return `ws://${u.host}/station-ws?token=${encodeURIComponent(u.searchParams.get('token') ?? '')}`;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// Page-side code as strings: this file is type-checked for Node, without the DOM's types.
const WATCH_CARDS = `(() => {
  const seen = new Map();
  window.__cardSeenAt = seen;
  const scan = () => {
    const fresh = [];
    for (const el of document.querySelectorAll('[data-testid^="order-"]')) {
      const no = el.getAttribute('data-testid').slice('order-'.length);
      if (!seen.has(no)) {
        seen.set(no, 0);
        fresh.push(no);
      }
    }
    if (fresh.length > 0) {
      requestAnimationFrame(() => {
        const t = Date.now();
        for (const no of fresh) seen.set(no, t);
      });
    }
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true });
  scan();
})()`;

interface CardGlobal {
  __cardSeenAt: Map<string, number>;
}

async function cardSeenAt(page: Page, orderNo: string): Promise<number> {
  // A function, not a string: the window's CSP has no 'unsafe-eval'.
  const handle = await page.waitForFunction(
    (no) => (globalThis as unknown as CardGlobal).__cardSeenAt.get(no) || false,
    orderNo,
    { polling: 5, timeout: 20_000 },
  );
  return (await handle.jsonValue()) as number;
}

function voiceLog(page: Page): Promise<AnnouncerLogEntry[]> {
  return page.evaluate('[...window.stationVoice.getLog()]') as Promise<AnnouncerLogEntry[]>;
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usage.usedSize;
}

async function postOrder(station: E2eStation, orderNo: string): Promise<void> {
  const res = await station.client.send({
    method: 'POST',
    target: '/api/v1/orders',
    body: { orderNo, amount: '18.00', items: [{ name: '拿铁', qty: 2, price: '9.00' }] },
  });
  if (res.status !== 201) throw new Error(`POST /orders ${orderNo}: ${res.status} ${res.text}`);
}

export async function run(): Promise<void> {
  const deadline = Date.now() + 170_000;
  const left = () => Math.max(1, deadline - Date.now());
  console.log('\n== ui: POST /orders → the window in Chromium (npm run serve, built renderer) ==');
  buildRenderer();
  const station = await startE2eStation({ phones: [{ model: 'BENCH-1' }], resultTimeoutSec: 30 });
  const browser = await launchChromium();
  let bridge: WsBridge | null = null;
  try {
    const win = await openStationWindow(browser, station.uiUrl);
    const page = win.page;
    await page.evaluate(WATCH_CARDS);
    // The bench's own hands on the station, over the same bridge the window uses: done orders
    // leave the board, so every card of the 200 is drawn (a column draws its oldest 60).
    bridge = createWsBridge({
      url: wsUrl(station.uiUrl),
      createSocket: (url) => new WebSocket(url),
    });

    const visible: number[] = [];
    const spoken: number[] = [];
    for (let i = 0; i < LATENCY_ORDERS; i++) {
      const orderNo = `UB-${String(i).padStart(4, '0')}`;
      const t0 = Date.now();
      await postOrder(station, orderNo);
      visible.push((await cardSeenAt(page, orderNo)) - t0);
      const started = await eventually(
        `announcement of ${orderNo}`,
        async () =>
          (await voiceLog(page)).find(
            (e) => e.orderId === orderNo && e.kind === 'new-order' && e.outcome === 'started',
          ),
        Math.min(20_000, left()),
        5,
      );
      spoken.push(started.at - t0);
      await bridge.invoke('orders:accept', { orderNo });
      await bridge.invoke('orders:done', { orderNo });
      if (Date.now() > deadline) throw new Error('ui bench: out of time in the latency part');
    }
    console.log(
      `POST → card visible (${LATENCY_ORDERS} orders, one at a time): p50 ${pct(visible, 50)} ms, ` +
        `p99 ${pct(visible, 99)} ms, max ${Math.max(...visible)} ms`,
    );
    console.log(
      `POST → announcement start (announcer log 'started'): p50 ${pct(spoken, 50)} ms, ` +
        `p99 ${pct(spoken, 99)} ms`,
    );

    const before = await heapUsed(page);
    const t0 = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < HEAP_ORDERS) {
        const i = next++;
        await postOrder(station, `UH-${String(i).padStart(5, '0')}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const posted = Date.now() - t0;
    await page.waitForSelector(`[data-testid="column-new"] .column-count:text-is("${HEAP_ORDERS}")`, {
      timeout: left(),
    });
    const arrived = Date.now() - t0;
    const after = await heapUsed(page);
    const domNodes = (await page.evaluate('document.getElementsByTagName("*").length')) as number;
    console.log(
      `${HEAP_ORDERS} orders: posted in ${(posted / 1000).toFixed(1)} s ` +
        `(${Math.round(HEAP_ORDERS / (posted / 1000))}/s), all on the board after ${(arrived / 1000).toFixed(1)} s`,
    );
    console.log(
      `renderer heap (after GC): ${mb(before)} with ${LATENCY_ORDERS} done orders → ${mb(after)} ` +
        `with ${HEAP_ORDERS} new orders on the board (+${mb(after - before)}); ${domNodes} DOM elements`,
    );
    if (win.errors.length > 0) console.log(`window errors: ${win.errors.join(' | ')}`);
  } finally {
    bridge?.close();
    await browser.close();
    const code = await station.close();
    if (code !== 0) console.error(`ui bench: serve exited with ${code}\n${station.serve.stderr()}`);
  }
}
