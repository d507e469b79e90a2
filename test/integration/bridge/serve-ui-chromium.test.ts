import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UiServer } from '../../../src/main/core/bridge/ui-server';
import { startUiServer } from '../../../src/main/core/bridge/ui-server';
import type { FakeBridgeCore } from '../../support/fake-bridge-core';
import { createFakeBridgeCore } from '../../support/fake-bridge-core';

/**
 * The real renderer, built as for production, served like `npm run serve` and driven in real
 * Chromium over the real WebSocket bridge: token guard, CSP, commands and pushed events.
 */
describe('the window in Chromium over the WebSocket bridge', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'ui-build-'));
  let browser: Browser;
  let ui: UiServer;
  let core: FakeBridgeCore;

  beforeAll(async () => {
    await build({
      root: resolve(__dirname, '../../../src/renderer'),
      configFile: false,
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      build: { outDir, emptyOutDir: true },
    });
    core = createFakeBridgeCore();
    core.clock.advance(Date.now() - core.clock.now());
    core.addOrder('W1', 2300);
    ui = await startUiServer({ core, rootDir: outDir });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await ui?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('shows only the error page without the token', async () => {
    const page = await browser.newPage();
    const res = await page.goto(ui.url.replace(/\?token=.*/, ''));
    expect(res?.status()).toBe(403);
    expect(await page.textContent('h1')).toContain('Session token required');
    expect(await page.$('#root')).toBeNull();
    await page.close();
  });

  it('runs the window: loads orders, accepts one, and shows a pushed order without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(ui.url);
    await page.waitForSelector('[data-testid="order-W1"]');
    await page.click('[data-testid="order-W1"] >> text=接单');
    await page.waitForSelector('[data-testid="column-accepted"] [data-testid="order-W1"]');
    core.addOrder('W2', 4100);
    await page.waitForSelector('[data-testid="column-new"] [data-testid="order-W2"]');
    expect(await page.textContent('[data-testid="status-phones"]')).toBe('手机 1/2 就绪');
    expect(await page.$('text=与收银站的连接已断开')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
