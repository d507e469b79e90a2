import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoreOptions } from '../../../src/main/core/create-core';
import { createCore } from '../../../src/main/core/create-core';
import { commandChannel } from '../../../src/shared/contract/bridge-types';
import type { SimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import type { TestAdbServer } from '../../support/adb-server';
import { startTestAdbServer } from '../../support/adb-server';
import { makeTempDir } from '../../support/temp-dir';
import type { createFakeElectron, FakeWindow } from '../../unit/main/electron/fake-electron';

// The Electron shell (Electron itself faked) around the real core: real SQLite file, real HTTP
// API, a real adb server with a simulated phone. Checks what only the whole can show: the tray
// follows the phone, and quitting removes the phone's forward and closes the database.

const holder = vi.hoisted(() => ({ fake: null as ReturnType<typeof createFakeElectron> | null }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('../../unit/main/electron/fake-electron');
  holder.fake = createFakeElectron();
  return holder.fake.module;
});
const { startStationApp } = await import('../../../src/main/electron/station-app');

function adbForwards(port: number): string {
  const r = spawnSync('/usr/bin/adb', ['-P', String(port), 'forward', '--list'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`adb forward --list failed: ${r.stderr}`);
  return r.stdout.trim();
}

describe('Electron shell around the real core', () => {
  let adb: TestAdbServer;
  let phone: SimulatedPhone;
  const temp = makeTempDir('station-shell-real-');

  beforeAll(async () => {
    adb = await startTestAdbServer();
    phone = createSimulatedPhone({ model: 'MI 8', brand: 'Xiaomi' });
    await phone.listen();
  });
  afterAll(async () => {
    await phone?.close();
    await adb?.close();
    temp.cleanup();
  });

  it('runs the station, shows its phone on the tray, and quits cleanly', async () => {
    const fake = holder.fake!;
    fake.state.userData = temp.dir;
    const app = startStationApp({
      mainDir: path.resolve(__dirname, '../../../out/main'),
      createCore: (o: CoreOptions) =>
        createCore({
          ...o,
          httpPort: 0,
          adbPort: adb.port,
          adbBin: '/usr/bin/adb',
          adbServerEnv: adb.env,
          env: {
            ...process.env,
            STATION_API_KEY: 'cs_shell_key_001',
            STATION_API_SECRET: 'shell-secret-0123456789',
          },
          connectGraceMs: 20,
        }),
    })!;
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1), { timeout: 10_000 });
    const win = fake.state.windows[0] as FakeWindow;
    const tray = fake.state.trays[0];
    await phone.plugInto({ host: '127.0.0.1', port: adb.port });
    await vi.waitFor(() => expect(tray.tooltip).toContain('手机 1/1 就绪'), {
      timeout: 20_000,
      interval: 100,
    });
    expect(adbForwards(adb.port)).toContain(phone.serial);

    // The window's commands reach the real core over the (faked) IPC.
    const own = { sender: { id: win.webContents.id } };
    const status = (await fake.state.ipc.get(commandChannel('status:get'))!(own, {})) as {
      ok: boolean;
      value: { apiListening: boolean; phonesReady: number };
    };
    expect(status).toMatchObject({ ok: true, value: { apiListening: true, phonesReady: 1 } });

    tray.item('关闭窗口时最小化到托盘').click!({ checked: false });
    fake.module.app.quit();
    await app.stopped;
    await vi.waitFor(() => expect(fake.state.quitDone).toBe(true));
    expect(adbForwards(adb.port)).not.toContain(phone.serial);

    // Closed and consistent: another connection reads what the shell saved.
    const db = new Database(path.join(temp.dir, 'station.sqlite'), { readonly: true });
    const row = db.prepare("select value from settings where key = 'desktop'").get() as {
      value: string;
    };
    db.close();
    expect(JSON.parse(row.value)).toMatchObject({ startWithSystem: false, closeToTray: false });
    const log = fs.readFileSync(path.join(temp.dir, 'logs', 'station.log'), 'utf8');
    expect(log).toMatch(/API listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(log).toContain('stopped: forwards removed, database closed');
  });
});
