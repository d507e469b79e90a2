import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../../src/main/core/create-core';
import { parseServeArgs } from '../../../../src/main/core/config/serve-args';
import { createSettingsService } from '../../../../src/main/core/settings/settings-service';
import { commandChannel } from '../../../../src/shared/contract/bridge-types';
import { createFakeBridgeCore } from '../../../support/fake-bridge-core';
import { credentialsFrom, memorySettingsTable } from '../../../support/memory-settings';
import type { createFakeElectron, FakeWindow } from './fake-electron';

// Crash reports in the shell (Electron faked): the reporter starts before anything else, keeps
// its dumps in the data folder, uploads nothing by default, and an upload address set in
// Settings applies at the next start.

const holder = vi.hoisted(() => ({ fake: null as ReturnType<typeof createFakeElectron> | null }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  holder.fake = createFakeElectron();
  return holder.fake.module;
});
vi.mock('electron-updater', () => ({ autoUpdater: null }));

const { startStationApp } = await import('../../../../src/main/electron/station-app');
const fake = holder.fake!;

let userData = '';
beforeEach(() => {
  fake.reset();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'station-crash-shell-'));
  fake.state.userData = userData;
});
afterEach(() => {
  fs.rmSync(userData, { recursive: true, force: true });
});

/** One run of the station over a settings table that outlives it, as the database file does. */
async function run(table: ReturnType<typeof memorySettingsTable>, dataDir?: string) {
  fake.reset();
  fake.state.userData = userData;
  let ready = false;
  const core = {
    bridge: createFakeBridgeCore(),
    settings: createSettingsService({ repository: table, credentials: credentialsFrom() }),
    start: async () => {
      ready = true;
      return { apiUrl: 'http://127.0.0.1:17800/api/v1' };
    },
    stop: async () => undefined,
  };
  core.bridge.settings = core.settings as never;
  const app = startStationApp({
    createCore: async () => core as unknown as Core,
    mainDir: '/app/out/main',
    stationArgs: dataDir ? parseServeArgs(['--data-dir', dataDir]) : undefined,
  })!;
  // Before Electron is ready and before the database is open.
  const startsBeforeReady = [...fake.state.crashReporterStarts];
  const dumpsPath = fake.state.paths.get('crashDumps');
  await vi.waitFor(() => expect(ready).toBe(true));
  const win = fake.state.windows[0] as FakeWindow;
  const setCrashUrl = (crashUploadUrl: string) =>
    fake.state.ipc.get(commandChannel('settings:update'))!(
      { sender: { id: win.webContents.id } },
      { patch: { desktop: { crashUploadUrl } } },
    );
  const quit = async () => {
    fake.module.app.quit();
    await app.stopped;
    // The shell quits again once stopped; the next run must not receive that quit.
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
  };
  return { startsBeforeReady, dumpsPath, setCrashUrl, quit };
}

describe('crash reports in the shell', () => {
  it('start before anything else, keep the dumps in the data folder and upload nothing by default', async () => {
    const first = await run(memorySettingsTable());
    expect(first.startsBeforeReady).toEqual([{ uploadToServer: false }]);
    expect(first.dumpsPath).toBe(path.join(userData, 'crash-dumps'));
    await first.quit();
  });

  it('follow --data-dir', async () => {
    const dataDir = path.join(userData, 'demo');
    const r = await run(memorySettingsTable(), dataDir);
    expect(r.dumpsPath).toBe(path.join(dataDir, 'crash-dumps'));
    await r.quit();
  });

  it('an upload address set in Settings applies at the next start, and removing it stops uploads again', async () => {
    const table = memorySettingsTable();
    const first = await run(table);
    expect(await first.setCrashUrl('https://crash.shop.example/submit')).toMatchObject({ ok: true });
    await first.quit();

    const second = await run(table);
    expect(second.startsBeforeReady).toEqual([
      { submitURL: 'https://crash.shop.example/submit', uploadToServer: true },
    ]);
    expect(await second.setCrashUrl('')).toMatchObject({ ok: true });
    await second.quit();

    const third = await run(table);
    expect(third.startsBeforeReady).toEqual([{ uploadToServer: false }]);
    await third.quit();
    const log = fs.readFileSync(path.join(userData, 'logs', 'station.log'), 'utf8');
    expect(log).toContain('crash upload address set; it applies at the next start');
    expect(log).toContain('crash upload address removed; it applies at the next start');
  });
});
