import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/create-core';
import { createCore } from '../../../src/main/core/create-core';
import { findFreePort, isPortFree } from '../../support/adb-server';
import { waitFor } from '../../support/adb-station';
import { makeTempDir } from '../../support/temp-dir';

// The core starts an adb server when none answers. That server is a daemon with the
// environment it was given: a test's private HOME must reach it, or its key lands in ~/.android.

const temps: { cleanup: () => void }[] = [];
let core: Core | null = null;
let started: { port: number; env: NodeJS.ProcessEnv } | null = null;

afterEach(async () => {
  await core?.stop();
  core = null;
  if (started) {
    try {
      execFileSync('adb', ['-P', String(started.port), 'kill-server'], {
        env: started.env,
        stdio: 'ignore',
        timeout: 5000,
      });
    } catch {
      // already gone
    }
    const { port } = started;
    started = null;
    await waitFor('the started server to be gone', () => isPortFree(port));
  }
  for (const t of temps.splice(0)) t.cleanup();
});

describe('the adb server a core starts', () => {
  it('runs with the adbServerEnv it was given, so its key lands in that HOME', async () => {
    const data = makeTempDir('core-env-data-');
    const home = makeTempDir('cashier-adb-home-');
    temps.push(data, home);
    const port = await findFreePort();
    const env = { ...process.env, HOME: home.dir, ADB_USB: '0', ADB_EMU: '0', ADB_MDNS: '0' };
    started = { port, env };
    core = await createCore({
      dataDir: data.dir,
      httpPort: 0,
      adbPort: port,
      adbBin: '/usr/bin/adb',
      adbServerEnv: env,
      env: {
        ...process.env,
        STATION_API_KEY: 'cs_env_key_0001',
        STATION_API_SECRET: 'env-secret-0123456789abcdef',
      },
      logError: () => undefined,
    });
    await core.start();
    await waitFor(
      'the core to start a server and connect',
      () => core?.devices.adbStatus().kind === 'connected',
    );
    // adb creates its key pair in $HOME/.android when its server starts.
    expect(existsSync(path.join(home.dir, '.android', 'adbkey'))).toBe(true);
  });
});
