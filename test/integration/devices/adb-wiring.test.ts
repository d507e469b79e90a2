import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdbDeviceService } from '../../../src/main/core/devices/create-adb-device-service';
import { createMemoryPortStore } from '../../../src/main/core/devices/memory-port-store';
import { createSimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { findFreePort, isPortFree } from '../../support/adb-server';
import { waitFor } from '../../support/adb-station';

/** adb processes naming the port: `-P <port>` or, for a forked daemon, `-L tcp:<port>`. */
function adbProcessesOn(port: number): string[] {
  const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => /^\S*adb /.test(l) && (l.includes(`-P ${port} `) || l.includes(`tcp:${port} `)));
}

// The product wiring: adb found on PATH, its server started by the station when none runs,
// and a clear `missing` status when there is no adb at all.

describe('createAdbDeviceService', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'cashier-adb-home-'));
  const env = { ...process.env, HOME: home, ADB_USB: '0', ADB_EMU: '0', ADB_MDNS: '0' };
  const started: number[] = [];

  afterAll(() => {
    // The server the station started is a daemon: stop it, whatever the test did.
    for (const port of started) {
      try {
        execFileSync('adb', ['-P', String(port), 'kill-server'], { env, stdio: 'ignore', timeout: 5000 });
      } catch {
        // already gone
      }
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('finds adb on PATH, starts a server when none runs, and brings a phone to ready', async () => {
    const port = await findFreePort();
    started.push(port);
    const station = await createAdbDeviceService({
      adbServerPort: port,
      adbServerEnv: env,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
      portStore: createMemoryPortStore(),
      forwardPortRange: { from: port + 1, to: port + 5 },
      pollIntervalMs: 150,
    });
    const phone = createSimulatedPhone();
    try {
      await station.start();
      await waitFor(
        'the station to start a server and connect',
        () => station.adbStatus().kind === 'connected',
      );
      expect(station.adbStatus()).toEqual({ kind: 'connected', version: 41 });
      await phone.plugInto({ port });
      const snap = await waitFor('ready', () =>
        station.get(phone.serial)?.state === 'ready' ? station.get(phone.serial) : undefined,
      );
      expect(snap?.localPort).toBeGreaterThan(port);
    } finally {
      await station.stop();
      await phone.close();
      execFileSync('adb', ['-P', String(port), 'kill-server'], { env, stdio: 'ignore', timeout: 5000 });
    }
    await waitFor('the server to be gone', () => isPortFree(port));
  });

  it('starts no server once stopped, even when its first request fails only after stop()', async () => {
    // Nothing listens here, so the version request fails, but only after stop() below: a
    // refused connect is reported asynchronously. A server started then would be a daemon
    // nobody stops (the station is gone).
    const port = await findFreePort();
    started.push(port);
    const station = await createAdbDeviceService({
      adbServerPort: port,
      adbServerEnv: env,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
      portStore: createMemoryPortStore(),
      retryInitialMs: 50,
    });
    await station.start();
    await station.stop();
    // Well past a retry and the time `adb start-server` needs to listen (about 100 ms here).
    await new Promise((r) => setTimeout(r, 1500));
    expect(await isPortFree(port)).toBe(true);
    expect(adbProcessesOn(port)).toEqual([]);
  });

  it('says adb is missing, with where it looked, when there is no adb and no server', async () => {
    const station = await createAdbDeviceService({
      adbServerPort: await findFreePort(),
      adbPath: '/nonexistent/adb',
      env: { PATH: '/nonexistent/bin' },
      portStore: createMemoryPortStore(),
      retryInitialMs: 50,
    });
    await station.start();
    const status = await waitFor('missing', () => {
      const s = station.adbStatus();
      return s.kind === 'missing' ? s : undefined;
    });
    expect(status.detail).toContain('/nonexistent/adb');
    expect(status.detail).toContain('/nonexistent/bin/adb');
    await station.stop();
  });
});
