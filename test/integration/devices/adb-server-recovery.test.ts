import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostRequest } from '../../../src/main/core/adb/host-request';
import { createAdbkitPort } from '../../../src/main/core/adb/adbkit-port';
import { readAdbClientVersion } from '../../../src/main/core/adb/find-adb';
import { createDeviceManager } from '../../../src/main/core/devices/device-manager';
import type { AdbStatus } from '../../../src/main/core/devices/device-types';
import { createMemoryPortStore } from '../../../src/main/core/devices/memory-port-store';
import { exchangeWithPhone } from '../../../src/main/core/phone/phone-client';
import type { SimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { findFreePort } from '../../support/adb-server';
import type { StationRig } from '../../support/adb-station';
import { createStationRig, waitFor } from '../../support/adb-station';

// The adb server is killed under a running station: it must notice, re-track by itself once a
// server is back, bring every phone back to ready, and leave other programs' forwards alone.

async function pay(port: number, amount: string) {
  return exchangeWithPhone({
    to: { port, connectGraceMs: 50 },
    command: { groupId: 1, msg: `qr?amount=${amount}` },
    resultTimeoutMs: 5000,
  });
}

describe('adb server killed under a running station', () => {
  let rig: StationRig;
  let phones: SimulatedPhone[];

  beforeAll(async () => {
    rig = await createStationRig({ conflictRestarts: 2, conflictWindowMs: 60_000 });
    await rig.station.start();
    phones = [];
    for (let i = 0; i < 3; i++) phones.push(await rig.addPhone({ model: `K${i}` }));
    await Promise.all(phones.map((p) => rig.waitState(p.serial, 'ready')));
  });
  afterAll(async () => rig?.close());

  it('notices, re-tracks once a server is back, and every phone returns to ready', async () => {
    const away = await rig.addPhone({ model: 'AWAY' });
    await rig.waitState(away.serial, 'ready');
    const portsBefore = phones.map((p) => rig.station.get(p.serial)!.localPort);
    await rig.server.kill();

    const down = await waitFor('the station to notice', () => {
      const s = rig.station.adbStatus();
      return s.kind === 'reconnecting' ? s : undefined;
    });
    expect(down.attempt).toBeGreaterThanOrEqual(1);
    for (const p of phones) {
      const s = rig.station.get(p.serial);
      expect(s).toMatchObject({ state: 'offline', reason: { code: 'ADB_SERVER_DOWN' }, localPort: null });
    }
    // It keeps retrying with growing gaps while nothing answers.
    await waitFor('a few retries', () => {
      const s = rig.station.adbStatus();
      return s.kind === 'reconnecting' && s.attempt >= 3;
    });

    await rig.server.start();
    await waitFor('tracking again', () => rig.station.adbStatus().kind === 'connected');
    // The new server does not list the phones yet: they stay offline for the grace period
    // instead of leaving and coming back.
    for (const p of phones) expect(rig.station.get(p.serial)?.state).toBe('offline');
    // A new server does not know TCP phones; USB phones would be found again by the server
    // itself, which is what re-plugging them models here. The fourth phone stays away.
    for (const p of phones) await p.plugInto({ port: rig.server.port });
    const removed = rig.events.filter((e) => e.name === 'removed').map((e) => e.serial);
    expect(removed).not.toContain(phones[0].serial);

    const snaps = await Promise.all(phones.map((p) => rig.waitState(p.serial, 'ready')));
    expect(snaps.map((s) => s.localPort)).toEqual(portsBefore);
    expect(rig.station.adbStatus()).toEqual({ kind: 'connected', version: 41 });
    for (const [i, s] of snaps.entries()) {
      expect(await pay(s.localPort!, `${i}.10`)).toMatchObject({
        kind: 'result',
        text: `你已成功付款${i}.10元`,
      });
    }
    const adbEvents = rig.events.filter((e) => e.name === 'adb').map((e) => e.status!.kind);
    expect(adbEvents).toEqual(expect.arrayContaining(['connected', 'reconnecting']));
    // The phone that never came back is removed once the grace period is over.
    await rig.waitGone(away.serial, 5000);
    expect(rig.events.filter((e) => e.name === 'removed' && e.serial !== away.serial)).toEqual([]);
  });

  it('moves a phone to another port when its port was taken meanwhile, and reports a port fight as conflict', async () => {
    const victim = phones[0];
    const takenPort = rig.station.get(victim.serial)!.localPort!;
    await rig.server.kill();
    await waitFor('the station to notice', () => rig.station.adbStatus().kind === 'reconnecting');

    // While adb is down, another program binds the phone's port, and another adb user forwards
    // its own port once the server is back.
    const squatter = net.createServer((c) => c.destroy());
    await new Promise<void>((r) => squatter.listen(takenPort, '127.0.0.1', () => r()));
    try {
      await rig.server.start();
      const theirPort = await findFreePort();
      for (const p of phones) await p.plugInto({ port: rig.server.port });
      await waitFor(
        'the phone to be seen again',
        () => rig.station.get(phones[1].serial)?.state !== 'offline',
      );
      await hostRequest(
        { port: rig.server.port },
        `host-serial:${phones[1].serial}:forward:tcp:${theirPort};tcp:10010`,
        'okay-okay',
      );

      const snaps = await Promise.all(phones.map((p) => rig.waitState(p.serial, 'ready')));
      const moved = snaps[0].localPort!;
      expect(moved).not.toBe(takenPort);
      expect(rig.store.saved.get(victim.serial)).toBe(moved);
      expect(await pay(moved, '2.00')).toMatchObject({ kind: 'result', text: '你已成功付款2.00元' });

      // Two server losses within the window: someone keeps killing or replacing the server.
      const status = await waitFor('conflict', () => {
        const s: AdbStatus = rig.station.adbStatus();
        return s.kind === 'conflict' ? s : undefined;
      });
      expect(status.detail).toMatch(/2 times/);

      await rig.station.stop();
      const forwards = await rig.adb.listForwards();
      expect(forwards).toEqual([
        { serial: phones[1].serial, local: `tcp:${theirPort}`, remote: 'tcp:10010' },
      ]);
    } finally {
      await new Promise<void>((r) => squatter.close(() => r()));
    }
  });

  it('reports an adb server of another version as conflict, and a missing adb as missing', async () => {
    // The station's own adb is the same Debian adb as the server: no conflict.
    const ownVersion = await readAdbClientVersion('adb');
    expect(ownVersion).toBe(41);
    expect(await readAdbClientVersion('/bin/false')).toBeNull();
    const same = createDeviceManager({
      adb: createAdbkitPort({ port: rig.server.port, bin: '/bin/false' }),
      portStore: createMemoryPortStore(),
      adbClientVersion: ownVersion,
      forwardPortRange: { from: 30000, to: 30001 },
    });
    await same.start();
    await waitFor('connected', () => same.adbStatus().kind === 'connected');
    await same.stop();

    const other = createDeviceManager({
      adb: createAdbkitPort({ port: rig.server.port, bin: '/bin/false' }),
      portStore: createMemoryPortStore(),
      adbClientVersion: 39,
      forwardPortRange: { from: 30000, to: 30001 },
    });
    await other.start();
    const c = await waitFor('conflict', () => {
      const s = other.adbStatus();
      return s.kind === 'conflict' ? s : undefined;
    });
    expect(c.detail).toMatch(/version 41.*39/);
    await other.stop();

    const nothing = await findFreePort();
    const missing = createDeviceManager({
      adb: createAdbkitPort({ port: nothing, bin: null }),
      portStore: createMemoryPortStore(),
      adbLookup: { found: false, searched: ['/opt/none/adb'] },
      retryInitialMs: 50,
    });
    await missing.start();
    const m = await waitFor('missing', () => {
      const s = missing.adbStatus();
      return s.kind === 'missing' ? s : undefined;
    });
    expect(m.detail).toContain('/opt/none/adb');
    await missing.stop();
  });
});
