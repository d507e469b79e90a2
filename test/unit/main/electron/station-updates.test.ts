import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../../src/main/core/create-core';
import { createCredentialsProvider } from '../../../../src/main/core/http/api-credentials';
import { createSettingsService } from '../../../../src/main/core/settings/settings-service';
import { commandChannel, EVENT_CHANNEL } from '../../../../src/shared/contract/bridge-types';
import type { UpdateState } from '../../../../src/shared/contract/update-schemas';
import { createFakeBridgeCore } from '../../../support/fake-bridge-core';
import { createFakeActivity } from './fake-activity';
import type { createFakeElectron, FakeWindow } from './fake-electron';
import type { FakeUpdater } from './fake-updater';

// The shell (Electron faked) with electron-updater faked as version 6.8 behaves: when does an
// installed station run the installer, and in which order with the core's stop?

const holder = vi.hoisted(() => ({
  fake: null as ReturnType<typeof createFakeElectron> | null,
  updater: null as FakeUpdater | null,
}));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  holder.fake = createFakeElectron();
  return holder.fake.module;
});
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    return holder.updater;
  },
}));

const { startStationApp } = await import('../../../../src/main/electron/station-app');
const { FakeUpdater: Updater } = await import('./fake-updater');
const fake = holder.fake!;
const proc = process as { resourcesPath?: string };

let userData = '';
beforeEach(() => {
  fake.reset();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'station-updates-'));
  fake.state.userData = userData;
  // An installed app: only it updates itself (Electron sets resourcesPath for every app).
  fake.state.isPackaged = true;
  proc.resourcesPath = '/opt/cashier-station/resources';
  holder.updater = new Updater({
    onceQuit: (fn) => fake.onceApp('quit', fn as (...args: unknown[]) => void),
    quitApp: () => fake.module.app.quit(),
  });
});
afterEach(async () => {
  delete proc.resourcesPath;
  if (fake.state.quitCalls === 0 && fake.state.windows.length > 0) fake.module.app.quit();
  await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
  fs.rmSync(userData, { recursive: true, force: true });
});

async function boot(updateUrl = 'https://updates.example.com/station') {
  const updater = holder.updater!;
  const activity = createFakeActivity(['P1']);
  const calls: string[] = [];
  const table = new Map<string, unknown>([
    ['desktop', { startWithSystem: false, closeToTray: true, updateUrl, crashUploadUrl: '' }],
  ]);
  const core = {
    bridge: createFakeBridgeCore(),
    settings: createSettingsService({
      repository: {
        all: () => new Map(table),
        put: (values: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(values)) table.set(k, v);
        },
      },
      credentials: (store) => createCredentialsProvider({ store, env: {} }),
    }),
    payments: activity.payments,
    devices: activity.devices,
    start: async () => {
      calls.push('start');
      return { apiUrl: 'http://127.0.0.1:17800/api/v1' };
    },
    stop: async () => {
      // Stopping takes a while (payments in flight get their grace, forwards are removed).
      await new Promise((r) => setTimeout(r, 50));
      calls.push(`stop (installers started: ${updater.installs.length})`);
    },
  };
  const app = startStationApp({ createCore: async () => core as unknown as Core, mainDir: '/app/out/main' })!;
  await vi.waitFor(() => expect(calls).toContain('start'));
  const win = fake.state.windows[0] as FakeWindow;
  const invoke = async (name: 'updates:get' | 'updates:installNow') => {
    const r = (await fake.state.ipc.get(commandChannel(name))!(
      { sender: { id: win.webContents.id } },
      {},
    )) as {
      ok: boolean;
      value: UpdateState;
    };
    expect(r.ok).toBe(true);
    return r.value;
  };
  const sentStates = () =>
    win.webContents.sent
      .map(([channel, m]) => ({ channel, ...(m as { name: string; payload: UpdateState }) }))
      .filter((m) => m.channel === EVENT_CHANNEL && m.name === 'updates:changed')
      .map((m) => m.payload);
  /** What a check finds on the server, downloaded. */
  const download = async (version = '0.2.0') => {
    updater.server = { kind: 'update', version };
    await updater.checkForUpdates();
    updater.finishDownload();
  };
  return { app, updater, activity, calls, invoke, sentStates, download };
}

describe('desktop updates in the shell', () => {
  it('uses the update address from the settings, and the window sees the download', async () => {
    const { updater, invoke, sentStates, download } = await boot();
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/station' }]);
    expect(await invoke('updates:get')).toMatchObject({ phase: 'idle' });
    await download();
    expect(sentStates().map((s) => s.phase)).toEqual(['downloading', 'downloading', 'downloading', 'ready']);
    expect(await invoke('updates:get')).toMatchObject({ phase: 'ready', version: '0.2.0' });
  });

  it('a quit with a downloaded update installs it once the core has stopped, without restarting', async () => {
    const { app, updater, calls, activity, download } = await boot();
    activity.set({ inFlight: 1 });
    await download();
    fake.module.app.quit();
    await app.stopped;
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
    expect(calls).toEqual(['start', 'stop (installers started: 0)']);
    expect(updater.installs).toEqual([{ via: 'quit', silent: true, runAfter: false }]);
    expect(fake.state.relaunches).toBe(0);
  });

  it('install now during a payment waits for its final state, stops the core, then restarts into the update', async () => {
    const { app, updater, calls, activity, invoke, download } = await boot();
    activity.set({ inFlight: 1 });
    await download();
    expect(await invoke('updates:installNow')).toMatchObject({
      phase: 'ready',
      installRequested: true,
      waitingForPayments: true,
    });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(fake.state.quitCalls).toBe(0);
    expect(updater.installs).toEqual([]);

    activity.set({ inFlight: 0 });
    await app.stopped;
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true), { timeout: 5_000 });
    // The installer found a stopped station (the NSIS one kills an app still running), and the
    // new version could take the single-instance lock.
    expect(calls).toEqual(['start', 'stop (installers started: 0)']);
    expect(updater.installs).toEqual([{ via: 'quitAndInstall', silent: true, runAfter: true }]);
    expect(fake.state.lockReleased).toBe(true);
    expect(fake.state.relaunches).toBe(0);
    const log = fs.readFileSync(path.join(userData, 'logs', 'station.log'), 'utf8');
    expect(log).toContain('installing 0.2.0: no payment in flight, settling or queued');
  });

  it('an installer that cannot start: the station starts again in the version it has', async () => {
    const { app, updater, invoke, download } = await boot();
    await download();
    updater.installerFails = true;
    await invoke('updates:installNow');
    await app.stopped;
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
    expect(updater.installs).toEqual([]);
    expect(fake.state.relaunches).toBe(1);
    const log = fs.readFileSync(path.join(userData, 'logs', 'station.log'), 'utf8');
    expect(log).toContain('the installer did not start; starting this version again');
  });

  it('a quit whose install fails is a warning in the log, not a crash at exit', async () => {
    const { app, updater, download } = await boot();
    await download();
    updater.installerFails = true;
    fake.module.app.quit();
    await app.stopped;
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
    expect(updater.installs).toEqual([]);
    const log = fs.readFileSync(path.join(userData, 'logs', 'station.log'), 'utf8');
    expect(log).toContain('the update could not be installed at quit (APPIMAGE env is not defined)');
  });

  it('a server that is down: a warning in the log, the station runs on and the status says why', async () => {
    const { updater, invoke, calls } = await boot();
    updater.server = { kind: 'down', message: 'net::ERR_NAME_NOT_RESOLVED' };
    await expect(updater.checkForUpdates()).rejects.toThrow('ERR_NAME_NOT_RESOLVED');
    expect(await invoke('updates:get')).toMatchObject({
      phase: 'idle',
      lastError: 'net::ERR_NAME_NOT_RESOLVED',
    });
    expect(fake.state.quitCalls).toBe(0);
    expect(calls).toEqual(['start']);
    const log = fs.readFileSync(path.join(userData, 'logs', 'station.log'), 'utf8');
    expect(log).toMatch(/WARN +\[updates\] update failed \(net::ERR_NAME_NOT_RESOLVED\)/);
    expect(log).not.toContain('ERROR');
  });

  it('a development build (not packaged) has updates off', async () => {
    fake.state.isPackaged = false;
    const { invoke, updater } = await boot();
    expect(await invoke('updates:get')).toMatchObject({ phase: 'off' });
    expect(updater.autoDownload).toBe(false);
  });
});
