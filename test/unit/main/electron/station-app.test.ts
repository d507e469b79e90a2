import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core, CoreOptions } from '../../../../src/main/core/create-core';
import { commandChannel, EVENT_CHANNEL } from '../../../../src/shared/contract/bridge-types';
import { COMMAND_NAMES } from '../../../../src/shared/contract/commands';
import { drawTrayIcon } from '../../../../src/main/electron/tray-icon';
import { createFakeBridgeCore } from '../../../support/fake-bridge-core';
import type { createFakeElectron, FakeWindow } from './fake-electron';
import { parseServeArgs, pickStationFlags } from '../../../../src/main/core/config/serve-args';
import { createCredentialsProvider } from '../../../../src/main/core/http/api-credentials';
import { createSettingsService } from '../../../../src/main/core/settings/settings-service';

const holder = vi.hoisted(() => ({ fake: null as ReturnType<typeof createFakeElectron> | null }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  holder.fake = createFakeElectron();
  return holder.fake.module;
});

// Updates have their own tests; here an installed app simply has none to offer.
vi.mock('electron-updater', () => ({ autoUpdater: null }));

const { startStationApp } = await import('../../../../src/main/electron/station-app');
const fake = holder.fake!;
const NOW = new Date(2026, 10, 22, 9, 0, 0).getTime();
const MAIN_DIR = '/app/out/main';

let userData = '';
beforeEach(() => {
  fake.reset();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'station-shell-'));
  fake.state.userData = userData;
});
afterEach(async () => {
  // Every started app is quit, so that its process listeners and handlers go with it.
  if (fake.state.quitCalls === 0 && fake.state.windows.length > 0) fake.module.app.quit();
  await vi.waitFor(() => expect(fake.state.quitDone || fake.state.windows.length === 0).toBe(true));
  fs.rmSync(userData, { recursive: true, force: true });
});

function fakeCore(table = new Map<string, unknown>()) {
  const bridge = createFakeBridgeCore();
  const calls: string[] = [];
  const repository = {
    all: () => new Map(table),
    put: (values: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(values)) table.set(k, v);
    },
  };
  const core = {
    bridge,
    // The real settings service over an in-memory settings table.
    settings: createSettingsService({
      repository,
      credentials: (store) => createCredentialsProvider({ store, env: {} }),
    }),
    start: async () => {
      calls.push('start');
      return { apiUrl: 'http://127.0.0.1:17800/api/v1' };
    },
    stop: async () => {
      calls.push('stop');
    },
  };
  let options: CoreOptions | null = null;
  const createCore = vi.fn(async (o: CoreOptions) => {
    options = o;
    // As createCore does: the shell's log file becomes the bridge's `logs` port.
    bridge.logs = o.logs;
    return core as unknown as Core;
  });
  return { bridge, calls, table, createCore, options: () => options! };
}

async function boot(
  table?: Map<string, unknown>,
  extra: { muteMs?: number; stationArgs?: ReturnType<typeof parseServeArgs> } = {},
) {
  const core = fakeCore(table);
  const app = startStationApp({ createCore: core.createCore, mainDir: MAIN_DIR, now: () => NOW, ...extra });
  await vi.waitFor(() => expect(core.calls).toContain('start'));
  const win = fake.state.windows[0] as FakeWindow;
  win.show();
  return { ...core, app: app!, win, tray: fake.state.trays[0] };
}

describe('startStationApp: single instance', () => {
  it('a second instance wakes the first and quits without opening the station', async () => {
    fake.state.lock = false;
    const core = fakeCore();
    expect(startStationApp({ createCore: core.createCore, mainDir: MAIN_DIR })).toBeNull();
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.state.quitDone).toBe(true);
    expect(core.createCore).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
  });

  it('the first instance brings its window forward on a second launch', async () => {
    const { win } = await boot();
    win.hide();
    win.minimized = true;
    fake.emitApp('second-instance', {}, ['cashier-station'], '/');
    expect(win).toMatchObject({ visible: true, minimized: false, focused: true });
  });
});

describe('startStationApp: command-line flags', () => {
  it('hands the station flags (as for serve) to the core, and uses the user-data folder without them', async () => {
    const argv = [
      '/opt/station/cashier-station',
      '--no-sandbox',
      '--data-dir',
      '/tmp/demo',
      '--http-port=18100',
      '--adb-port',
      '5038',
      '--settle-sec',
      '15',
      '--enable-logging',
    ];
    const withFlags = await boot(undefined, { stationArgs: parseServeArgs(pickStationFlags(argv.slice(1))) });
    expect(withFlags.options()).toMatchObject({
      dataDir: '/tmp/demo',
      httpPort: 18100,
      adbPort: 5038,
      settingsOverrides: { payments: { settleMs: 15_000 } },
    });
  });

  it('falls back to the user-data folder', async () => {
    const plain = await boot();
    expect(plain.options().dataDir).not.toBe('/tmp/demo');
    expect(plain.options().httpPort).toBeUndefined();
  });
});

describe('startStationApp: the window', () => {
  it('opens the built page in a secure window with autoplay, the CSP header and the permission policy', async () => {
    const { win, options } = await boot();
    expect(win.options.webPreferences).toMatchObject({
      preload: path.join('/app/out/preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(win.loads).toEqual([path.join('/app/out/renderer/index.html')]);
    expect(fake.state.switches).toContainEqual(['autoplay-policy', 'no-user-gesture-required']);
    let headers: unknown;
    fake.state.cspHook!({ responseHeaders: {} }, (r) => (headers = r));
    expect(JSON.stringify(headers)).toContain("script-src 'self'");
    const granted: boolean[] = [];
    fake.state.permissionRequest!({}, 'media', (ok) => granted.push(ok));
    expect(granted).toEqual([false]);
    expect(win.webContents.openHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(options()).toMatchObject({ dataDir: userData, resourcesPath: null, version: '0.1.0' });
  });

  it('registers every contract command with ipcMain.handle, each validating its input', async () => {
    const { win, bridge } = await boot();
    expect([...fake.state.ipc.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
    const own = { sender: { id: win.webContents.id } };
    for (const name of COMMAND_NAMES) {
      expect(await fake.state.ipc.get(commandChannel(name))!(own, 'not an object')).toMatchObject({
        ok: false,
        error: { code: 'BRIDGE_INVALID_INPUT' },
      });
    }
    bridge.addOrder('A1');
    expect(await fake.state.ipc.get(commandChannel('orders:accept'))!(own, { orderNo: 'A1' })).toMatchObject({
      ok: true,
      value: { orderNo: 'A1', status: 'accepted' },
    });
    expect(
      await fake.state.ipc.get(commandChannel('orders:list'))!({ sender: { id: -1 } }, {}),
    ).toMatchObject({ ok: false, error: { code: 'BRIDGE_FORBIDDEN_SENDER' } });
  });

  it('sends core events to the window', async () => {
    const { win, bridge } = await boot();
    bridge.addOrder('A7');
    expect(win.webContents.sent).toContainEqual([
      EVENT_CHANNEL,
      expect.objectContaining({
        name: 'order:new',
        payload: expect.objectContaining({ eventId: expect.any(String) }),
      }),
    ]);
  });

  it('hides to the tray on close by default, without quitting', async () => {
    const { win } = await boot();
    win.close();
    expect(win).toMatchObject({ destroyed: false, visible: false });
    expect(fake.state.quitCalls).toBe(0);
  });

  it('really closes (and so quits) with close-to-tray turned off', async () => {
    const { win, tray, calls } = await boot(
      new Map([['desktop', { closeToTray: false, startWithSystem: false }]]),
    );
    expect(tray.item('关闭窗口时最小化到托盘').checked).toBe(false);
    win.close();
    expect(win.destroyed).toBe(true);
    fake.emitApp('window-all-closed');
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
    expect(calls).toEqual(['start', 'stop']);
  });

  it('logs a GPU or utility process that dies', async () => {
    await boot();
    fake.emitApp('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 11 });
    const log = fs.readFileSync(path.join(userData, 'logs', 'station.log'), 'utf8');
    expect(log).toContain('ERROR [shell] GPU process gone (crashed, exit 11)');
  });

  it('reloads a crashed renderer, and stops after repeated crashes', async () => {
    const { win } = await boot();
    for (let i = 0; i < 5; i++)
      win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win.loads).toHaveLength(1 + 3);
    const log = fs.readFileSync(path.join(userData, 'logs', 'station.log'), 'utf8');
    expect(log).toContain('renderer gone (crashed, exit 1); reload');
    expect(log).toContain('give-up');
  });
});

describe('startStationApp: quitting', () => {
  it('quit stops the core once (forwards removed, database closed), then really quits', async () => {
    const { calls, app, tray } = await boot();
    fake.module.app.quit();
    fake.module.app.quit();
    await app.stopped;
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
    expect(calls).toEqual(['start', 'stop']);
    expect(fake.state.ipc.size).toBe(0);
    expect(tray.destroyed).toBe(true);
  });

  it('SIGTERM quits through the same path, and the handler goes with the app', async () => {
    const before = process.listeners('SIGTERM');
    const { calls, app } = await boot();
    const added = process.listeners('SIGTERM').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    // Called directly: emitting a real SIGTERM would reach the test runner's own handlers.
    (added[0] as () => void)();
    await app.stopped;
    expect(calls).toEqual(['start', 'stop']);
    expect(process.listeners('SIGTERM')).toEqual(before);
  });

  it('the tray menu quits through the same path, and closing while quitting does not hide', async () => {
    const { calls, tray, win } = await boot();
    tray.item('退出收银站').click!({ checked: false });
    win.close();
    expect(win.destroyed).toBe(true);
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
    expect(calls).toEqual(['start', 'stop']);
  });

  it('a station that cannot open shows why and exits', async () => {
    const createCore = vi.fn(async () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    });
    startStationApp({ createCore, mainDir: MAIN_DIR });
    await vi.waitFor(() => expect(fake.state.exitCode).toBe(1));
    expect(fake.state.errorBoxes[0][1]).toContain('database is locked');
    expect(fake.state.windows).toHaveLength(0);
  });
});

describe('startStationApp: tray, notifications, logs, login item', () => {
  it('mute 30 min reaches the window announcer as voice:mute, and unmute follows', async () => {
    const { win, tray } = await boot();
    tray.item('静音 30 分钟').click!({ checked: false });
    const mutes = () => win.webContents.sent.filter(([, m]) => (m as { name: string }).name === 'voice:mute');
    expect(mutes()).toEqual([
      [EVENT_CHANNEL, { name: 'voice:mute', payload: { mutedUntil: NOW + 1_800_000 } }],
    ]);
    expect(tray.tooltip).toContain('静音至 09:30');
    tray.item('取消静音').click!({ checked: false });
    expect(mutes()[1]).toEqual([EVENT_CHANNEL, { name: 'voice:mute', payload: { mutedUntil: null } }]);
  });

  it('ends the mute on time, and repeats a running mute to a reloaded page', async () => {
    const { win, tray } = await boot(undefined, { muteMs: 30 });
    const mutes = () =>
      win.webContents.sent
        .map(([, m]) => m as { name: string; payload: unknown })
        .filter((m) => m.name === 'voice:mute')
        .map((m) => m.payload);
    tray.item('静音 30 分钟').click!({ checked: false });
    win.webContents.emit('did-finish-load');
    expect(mutes()).toEqual([{ mutedUntil: NOW + 30 }, { mutedUntil: NOW + 30 }]);
    await vi.waitFor(() => expect(mutes()).toHaveLength(3));
    expect(mutes()[2]).toEqual({ mutedUntil: null });
    expect(tray.item('静音 30 分钟')).toBeTruthy();
    win.webContents.emit('did-finish-load');
    expect(mutes()).toHaveLength(3);
  });

  it('shows rush state on the tray and notifies the OS only while the window is hidden', async () => {
    const { win, tray, bridge } = await boot();
    const order = bridge.addOrder('R1');
    win.focused = true;
    expect(bridge.services.orders.remind(order.orderNo, 'r1')).toMatchObject({ order: { rushCount: 1 } });
    expect(fake.state.notifications).toHaveLength(0);
    win.hide();
    expect(bridge.services.orders.remind(order.orderNo, 'r2')).toMatchObject({ order: { rushCount: 2 } });
    expect(fake.state.notifications).toEqual([
      { title: '顾客催单', body: '订单 R1 第 2 次催单，请尽快处理。' },
    ]);
    expect(tray.tooltip).toContain('催单 1 条未读');
    const image = tray.image as { png: Buffer; reps: { scaleFactor: number; buffer: Buffer }[] };
    expect(image.png.equals(drawTrayIcon('attention', '1', 32))).toBe(true);
    expect(image.reps[0].scaleFactor).toBe(2);
    expect(image.reps[0].buffer.equals(drawTrayIcon('attention', '1', 64))).toBe(true);
    win.show();
    win.focus();
    expect(tray.tooltip).not.toContain('催单');
  });

  it('writes core errors to the rotating log, which logs:tail shows', async () => {
    const { win, options } = await boot();
    options().logError!('payments', new Error('phone vanished'));
    const tail = (await fake.state.ipc.get(commandChannel('logs:tail'))!(
      { sender: { id: win.webContents.id } },
      { maxLines: 50 },
    )) as { ok: true; value: { lines: string[]; file: string } };
    expect(tail.value.file).toBe(path.join(userData, 'logs', 'station.log'));
    expect(tail.value.lines.some((l) => l.includes('[payments]') && l.includes('phone vanished'))).toBe(true);
    expect(tail.value.lines[0]).toContain('starting 0.1.0');
  });

  it('start with the system is a tray setting, applied to the login items of an installed app', async () => {
    fake.state.isPackaged = true;
    // Electron sets this for every app; plain Node does not have it.
    const proc = process as { resourcesPath?: string };
    proc.resourcesPath = '/opt/cashier-station/resources';
    const { tray, table, options } = await boot();
    delete proc.resourcesPath;
    expect(options().resourcesPath).toBe('/opt/cashier-station/resources');
    expect(fake.state.loginItems).toEqual([{ openAtLogin: false }]);
    tray.item('开机启动').click!({ checked: true });
    expect(fake.state.loginItems.at(-1)).toEqual({ openAtLogin: true });
    expect(table.get('desktop')).toMatchObject({ startWithSystem: true, closeToTray: true });
    expect(tray.item('开机启动').checked).toBe(true);
  });
});
