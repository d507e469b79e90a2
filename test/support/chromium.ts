import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const ROOT = resolve(__dirname, '../..');

/** Debian's Chromium, headless, as this machine needs it (never `npx playwright install`). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

export function launchChromium(options: { timeoutMs?: number } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
}

/**
 * Vite's dev server over the repository, for the screenshot page (`test/screenshots/page/`: the
 * real App over the fake station). `base` is its origin.
 */
export async function startPageServer(): Promise<{ base: string; close(): Promise<void> }> {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    plugins: [react()],
    logLevel: 'warn',
    server: { port: 0, host: '127.0.0.1' },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, close: () => server.close() };
}
