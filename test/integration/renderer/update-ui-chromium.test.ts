import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startPageServer } from '../../support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The update banner in real Chromium, on the screenshot page (the real App over the fake
// station, test/screenshots/page): laid out at both window sizes without covering the order
// board, Chinese text drawn with a CJK font, and "install now" reaching the station. The
// screenshots go to test-output/screens/ for a look.

const ROOT = path.resolve(__dirname, '../../..');
const OUT = path.join(ROOT, 'test-output/screens');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];

let server: Awaited<ReturnType<typeof startPageServer>>;
let browser: Browser;
let base = '';

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startPageServer();
  base = server.base;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query: string, size: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/test/screenshots/page/index.html?${query}`);
  await page.waitForSelector('.view', { timeout: 30_000 });
  expect(errors).toEqual([]);
  return page;
}

type Box = { x: number; y: number; width: number; height: number };
const box = async (page: Page, selector: string): Promise<Box> => {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not laid out`);
  return b;
};

describe('the update banner in Chromium', () => {
  it.each(SIZES)('sits above the order board at $width×$height, button inside the window', async (size) => {
    const page = await open('view=orders&update=ready', size);
    const banner = await box(page, '[data-testid="update-banner"]');
    const button = await box(page, '[data-testid="update-banner"] button');
    const head = await box(page, '.view-head');
    const main = await box(page, 'main');
    expect(await page.textContent('[data-testid="update-banner"]')).toContain('更新已就绪，空闲时自动安装');
    // One row, above the view and inside the main column; the button fully visible.
    expect(banner.y + banner.height).toBeLessThanOrEqual(head.y);
    expect(banner.x).toBeGreaterThanOrEqual(main.x);
    expect(banner.x + banner.width).toBeLessThanOrEqual(main.x + main.width);
    expect(banner.height).toBeLessThan(80);
    expect(button.x + button.width).toBeLessThanOrEqual(size.width);
    expect(button.y).toBeGreaterThanOrEqual(banner.y);
    // The order columns are still on screen below it.
    const column = await box(page, '[data-testid="column-new"]');
    expect(column.y).toBeGreaterThan(banner.y + banner.height);
    expect(column.y + 100).toBeLessThan(size.height);
    // A CJK font is installed and used: the Chinese text is not drawn as boxes.
    expect(await page.evaluate('document.fonts.check("16px \\"WenQuanYi Micro Hei\\"", "更新")')).toBe(true);
    await page.screenshot({ path: path.join(OUT, `orders-update-ready-${size.width}x${size.height}.png`) });
    await page.close();
  });

  it('install now reaches the station, and the banner then says it waits for the payments', async () => {
    const page = await open('view=orders&update=ready', SIZES[1]);
    await page.click('[data-testid="update-banner"] >> text=立即安装');
    await page.waitForSelector('[data-testid="update-banner"] >> text=已安排：当前没有收款时立即安装');
    const calls = (await page.evaluate(
      'window.__fakeStation.calls.filter((c) => c.name === "updates:installNow").length',
    )) as number;
    expect(calls).toBe(1);
    expect(await page.locator('[data-testid="update-banner"] button').count()).toBe(0);
    await page.close();
  });

  it('in English, waiting for a payment, still one banner that fits at 1024×768', async () => {
    const page = await open('view=orders&update=waiting&lang=en', SIZES[1]);
    const text = await page.textContent('[data-testid="update-banner"]');
    expect(text).toContain('Update ready; it installs automatically when the station is idle');
    expect(text).toContain('A payment is in progress or queued; the install waits for it');
    const banner = await box(page, '[data-testid="update-banner"]');
    const head = await box(page, '.view-head');
    expect(banner.y + banner.height).toBeLessThanOrEqual(head.y);
    expect(banner.x + banner.width).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: path.join(OUT, 'orders-update-waiting-en-1024x768.png') });
    await page.close();
  });

  it('shows no banner when there is nothing to install', async () => {
    const page = await open('view=orders&update=down', SIZES[0]);
    expect(await page.locator('[data-testid="update-banner"]').count()).toBe(0);
    await page.close();
  });
});

describe('Settings → updates and crash reports in Chromium', () => {
  it.each(SIZES)(
    'fits at $width×$height: both addresses wide enough, the privacy note and the status shown',
    async (size) => {
      const page = await open('view=settings&update=down', size);
      await page.locator('.section-updates').scrollIntoViewIfNeeded();
      const section = await box(page, '.section-updates');
      expect(section.x + section.width).toBeLessThanOrEqual(size.width);
      for (const id of ['#setting-desktop-updateUrl', '#setting-desktop-crashUploadUrl']) {
        const field = await box(page, id);
        // Room for an address such as https://updates.example.com/cashier-station/ at a glance.
        expect(field.width).toBeGreaterThanOrEqual(320);
        expect(field.x + field.width).toBeLessThanOrEqual(section.x + section.width);
      }
      expect(await page.textContent('[data-testid="update-privacy"]')).toBe(
        '未填写崩溃报告上传地址时，任何数据都不会离开这台电脑。',
      );
      expect(await page.textContent('[data-testid="update-status"]')).toContain(
        'net::ERR_CONNECTION_REFUSED',
      );
      await page.fill('#setting-desktop-updateUrl', 'ftp://updates.example.com/');
      await page.click('.section-updates >> text=保存更新设置');
      await page.waitForSelector('.section-updates .field-error');
      await page.locator('.section-updates').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(OUT, `settings-updates-${size.width}x${size.height}.png`) });
      await page.close();
    },
  );
});
