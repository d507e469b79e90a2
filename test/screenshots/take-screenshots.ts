import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, startPageServer } from '../support/chromium';

/**
 * Screenshots of every view at 1280×800 and 1024×768, against the fake station, into
 * test-output/screens/. Run: `npx vite-node test/screenshots/take-screenshots.ts`.
 */
const root = resolve(__dirname, '../..');
const out = resolve(root, 'test-output/screens');
mkdirSync(out, { recursive: true });

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];
const SHOTS: { name: string; query: string; click?: string | string[]; scroll?: string }[] = [
  { name: 'orders', query: 'view=orders&speaking=新订单 A1024' },
  { name: 'payments', query: 'view=payments' },
  { name: 'payments-confirm', query: 'view=payments', click: '[data-testid="unknown-P87990"] .btn-ok' },
  { name: 'devices', query: 'view=devices' },
  {
    name: 'devices-check-open',
    query: 'view=devices',
    click: '[data-testid="device-9b2e7d45"] .health-row >> text=电池优化白名单',
  },
  {
    name: 'devices-raw-output',
    query: 'view=devices',
    click: [
      '[data-testid="device-9b2e7d45"] .health-row >> text=通知监听在运行',
      '[data-testid="device-9b2e7d45"] [data-testid="health-detail"] button',
    ],
  },
  { name: 'devices-adb-missing', query: 'view=devices&adb=missing' },
  { name: 'history', query: 'view=history' },
  { name: 'fleet', query: 'view=fleet' },
  { name: 'fleet-off', query: 'view=fleet&fleet=off' },
  { name: 'settings', query: 'view=settings' },
  { name: 'settings-voice', query: 'view=settings', scroll: '.settings-scroll' },
  { name: 'settings-printer', query: 'view=settings&printer=58', scroll: '.section-printer' },
  { name: 'settings-printer-80', query: 'view=settings&printer=80', scroll: '.section-printer' },
  { name: 'orders-printer-failing', query: 'view=orders&printer=failing' },
  { name: 'history-scrolled', query: 'view=history', scroll: '.vlist' },
  { name: 'orders-en', query: 'view=orders&lang=en' },
  { name: 'payments-en', query: 'view=payments&lang=en' },
  { name: 'devices-en', query: 'view=devices&lang=en&adb=conflict' },
  { name: 'history-en', query: 'view=history&lang=en' },
  { name: 'fleet-en', query: 'view=fleet&lang=en' },
  { name: 'settings-en', query: 'view=settings&lang=en' },
  { name: 'orders-update-ready', query: 'view=orders&update=ready' },
  { name: 'orders-update-waiting-en', query: 'view=orders&update=waiting&lang=en' },
];

/**
 * Scrolls the 10,000-row history top to bottom in 200 steps, one per animation frame, and
 * prints the frame times: the virtual list's "scrolls smoothly" in numbers.
 */
async function measureHistoryScroll(browser: Browser, port: number): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/test/screenshots/page/index.html?view=history`);
  await page.waitForSelector('.vrow', { timeout: 20_000 });
  // A string, because this file is type-checked for Node, without the DOM types the page has.
  const frames = (await page.evaluate(`(async () => {
    const list = document.querySelector('.vlist');
    const times = [];
    const step = list.scrollHeight / 200;
    let last = performance.now();
    for (let i = 1; i <= 200; i++) {
      list.scrollTop = i * step;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return { times, rows: list.querySelectorAll('.vrow').length };
  })()`)) as { times: number[]; rows: number };
  const sorted = [...frames.times].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  console.log(
    `history scroll: 200 frames, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms; ${frames.rows} rows in the DOM`,
  );
  await page.close();
}

async function main(): Promise<void> {
  const server = await startPageServer();
  const port = Number(new URL(server.base).port);
  const browser = await launchChromium();
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: size });
      for (const shot of SHOTS) {
        await page.goto(`http://127.0.0.1:${port}/test/screenshots/page/index.html?${shot.query}`);
        await page.waitForSelector('.view', { timeout: 20_000 });
        await page.waitForTimeout(400);
        for (const selector of [shot.click ?? []].flat()) {
          await page.click(selector);
          await page.waitForTimeout(200);
        }
        if (shot.scroll?.startsWith('.section-')) {
          await page.$eval(shot.scroll, (el) => el.scrollIntoView({ block: 'start' }));
          await page.waitForTimeout(500);
        } else if (shot.scroll) {
          await page.$eval(shot.scroll, (el) => el.scrollTo(0, el.scrollHeight));
          await page.waitForTimeout(500);
        }
        const file = resolve(out, `${shot.name}-${size.width}x${size.height}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await page.close();
    }
    await measureHistoryScroll(browser, port);
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
