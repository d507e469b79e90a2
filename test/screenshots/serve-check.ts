import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../support/chromium';
import { startUiServer } from '../../src/main/core/bridge/ui-server';
import { createFakeBridgeCore } from '../support/fake-bridge-core';

/**
 * The built renderer (`npx electron-vite build` first) served like `npm run serve`, over the
 * real WebSocket bridge, in real Chromium: the page loads only with the token, shows the
 * core's orders, and a new order pushed by the core appears without a reload.
 * Run: `npx vite-node test/screenshots/serve-check.ts`.
 */
async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const out = resolve(root, 'test-output/screens');
  mkdirSync(out, { recursive: true });
  const core = createFakeBridgeCore();
  // The fake core's clock starts on a fixed day; bring it to now so ages read like real ones.
  core.clock.advance(Date.now() - core.clock.now() - 65_000);
  core.addOrder('S1001', 2300);
  const ui = await startUiServer({ core, rootDir: resolve(root, 'out/renderer') });
  console.log(`station ui ${ui.url}`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(ui.url.replace(/\?token=.*/, ''));
    await page.screenshot({ path: resolve(out, 'serve-no-token.png') });
    await page.goto(ui.url);
    await page.waitForSelector('[data-testid="order-S1001"]', { timeout: 10_000 });
    core.addOrder('S1002', 4100);
    await page.waitForSelector('[data-testid="order-S1002"]', { timeout: 5_000 });
    await page.click('[data-testid="order-S1001"] .btn-primary');
    await page.waitForSelector('[data-testid="column-accepted"] [data-testid="order-S1001"]', {
      timeout: 5_000,
    });
    await page.screenshot({ path: resolve(out, 'serve-orders.png') });
    console.log(errors.length ? `console errors: ${errors.join(' | ')}` : 'no console errors');
    console.log('serve check passed');
  } finally {
    await browser.close();
    await ui.close();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
