import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AnnouncerLogEntry, AnnouncerState } from '../../src/shared/voice/announcer-types';
import type { SimulatedPhone, SimulatedPhoneOptions } from '../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../src/sim/adb-device/simulated-phone';
import type { TestAdbServer } from './adb-server';
import { startTestAdbServer } from './adb-server';
import type { ApiClient } from './api-client';
import { createHttpClient } from './api-client';
import type { ServeChild } from './serve-child';
import { startServeChild, TEST_CREDENTIALS } from './serve-child';
import { makeTempDir } from './temp-dir';

const ROOT = path.resolve(__dirname, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the bundles into `out/` with electron-vite when the sources are newer than the built
 * window (as `npm run serve` does): serve, run from source, serves the last build in
 * `out/renderer`.
 */
export function buildRenderer(): void {
  const built = path.join(ROOT, 'out/renderer/index.html');
  const sources = Math.max(
    ...['src', 'resources'].map((d) => newestMtime(path.join(ROOT, d))),
    statSync(path.join(ROOT, 'electron.vite.config.ts')).mtimeMs,
  );
  if (existsSync(built) && sources < statSync(built).mtimeMs) return;
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) {
    throw new Error(`electron-vite build failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
}

export interface E2eStation {
  readonly adb: TestAdbServer;
  readonly phones: SimulatedPhone[];
  readonly serve: ServeChild;
  /** The `station ui <url>` line's URL, token included. */
  readonly uiUrl: string;
  readonly apiUrl: string;
  /** A backend: signs every request. */
  readonly client: ApiClient;
  /** Stops serve (expects a clean exit code), the phones and the adb server. */
  close(): Promise<number | null>;
}

export interface E2eStationOptions {
  phones: SimulatedPhoneOptions[];
  /** `--result-timeout` in seconds. */
  resultTimeoutSec: number;
  /** `--settle-sec`. @default 1 */
  settleSec?: number;
}

/**
 * A real adb server on a private port, simulated phones plugged into it, and `npm run serve`
 * (from source) driving them, with its window served on a free port.
 */
export async function startE2eStation(options: E2eStationOptions): Promise<E2eStation> {
  const temp = makeTempDir('e2e-station-');
  const adb = await startTestAdbServer();
  const phones: SimulatedPhone[] = [];
  let serve: ServeChild | null = null;
  try {
    for (const o of options.phones) {
      const phone = createSimulatedPhone(o);
      phones.push(phone);
      await phone.listen();
      await phone.plugInto({ host: '127.0.0.1', port: adb.port });
    }
    serve = await startServeChild(
      [
        '--data-dir',
        temp.dir,
        '--http-port',
        '0',
        '--ui-port',
        '0',
        '--adb-port',
        String(adb.port),
        '--adb-bin',
        '/usr/bin/adb',
        '--min-result-ms',
        '0',
        '--settle-sec',
        String(options.settleSec ?? 1),
        '--result-timeout',
        String(options.resultTimeoutSec),
      ],
      { timeoutMs: 60_000 },
    );
    const ui = /station ui (\S+)/.exec(serve.stdout());
    if (!ui) throw new Error(`serve printed no 'station ui' line (no built window?):\n${serve.stderr()}`);
    const started = serve;
    const client = createHttpClient(started.apiUrl, { credentials: TEST_CREDENTIALS });
    return {
      adb,
      phones,
      serve: started,
      uiUrl: ui[1],
      apiUrl: started.apiUrl,
      client,
      async close() {
        client.close();
        const code = await started.stop();
        for (const p of phones) await p.close();
        await adb.close();
        temp.cleanup();
        return code;
      },
    };
  } catch (err) {
    await serve?.kill();
    for (const p of phones) await p.close();
    await adb.close();
    temp.cleanup();
    throw err;
  }
}

export { CHROMIUM_ARGS, launchChromium } from './chromium';

/** What the renderer exposes for diagnostics (`window.stationVoice` in src/renderer/src/main.tsx). */
interface VoiceGlobal {
  stationVoice?: {
    getLog(): readonly AnnouncerLogEntry[];
    getState(): AnnouncerState;
    loadState(): 'unloaded' | 'loading' | 'loaded';
  };
}

/** The sidebar's views, in its order (`VIEWS` in src/renderer/src/App.tsx). */
const VIEW_ORDER = ['orders', 'payments', 'devices', 'history', 'fleet', 'settings'] as const;
export type ViewName = (typeof VIEW_ORDER)[number];

export interface StationWindow {
  readonly page: Page;
  /** Page errors and console errors seen so far. */
  readonly errors: string[];
  voiceLog(): Promise<AnnouncerLogEntry[]>;
  voiceState(): Promise<AnnouncerState>;
  /** Clicks a view in the sidebar (by position, so it works in either language). */
  show(view: ViewName): Promise<void>;
}

/** Opens the window at `url` and waits until it has loaded the station's state and the voice clips. */
export async function openStationWindow(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<StationWindow> {
  // A cashier's browser in China (navigator.language, Intl). Headless Chromium still draws its
  // native date and time inputs in en-US (mm/dd/yyyy): that is the browser's, not the window's.
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  // Below vitest's own timeouts, so a missing element fails with Playwright's message.
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid="status-phones"]', { timeout: 30_000 });
  await page.waitForFunction(() => (globalThis as VoiceGlobal).stationVoice?.loadState() === 'loaded', null, {
    timeout: 30_000,
    polling: 100,
  });
  return {
    page,
    errors,
    voiceLog: () => page.evaluate(() => [...((globalThis as VoiceGlobal).stationVoice?.getLog() ?? [])]),
    voiceState: () =>
      page.evaluate(() => {
        const voice = (globalThis as VoiceGlobal).stationVoice;
        if (!voice) throw new Error('window.stationVoice is missing');
        return voice.getState();
      }),
    async show(view) {
      const item = `nav.sidebar .nav-list > li:nth-child(${VIEW_ORDER.indexOf(view) + 1}) > .nav-item`;
      await page.click(item);
      await page.waitForSelector(`${item}[aria-current="page"]`);
    },
  };
}

/** Polls `check` until it returns a truthy value (generous default: the machine is shared). */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
