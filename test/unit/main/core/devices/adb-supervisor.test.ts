import { describe, expect, it } from 'vitest';
import { createAdbSupervisor } from '../../../../../src/main/core/devices/adb-supervisor';
import type { AdbStatus } from '../../../../../src/main/core/devices/device-types';
import { createManualClock } from '../../../../../src/main/core/util/clock';
import { createFakeAdbPort } from '../../../../support/adb-fake-port';

const flush = () => new Promise((r) => setImmediate(r));

function setup(extra: { clientVersion?: number | null; lookupMissing?: boolean } = {}) {
  const adb = createFakeAdbPort();
  const clock = createManualClock(1_000_000);
  const statuses: AdbStatus[] = [];
  const log: string[] = [];
  const sup = createAdbSupervisor({
    adb,
    clock,
    clientVersion: 'clientVersion' in extra ? extra.clientVersion : 41,
    lookup: extra.lookupMissing ? { found: false, searched: ['/x/adb'] } : undefined,
    retryInitialMs: 100,
    retryMaxMs: 1000,
    pollIntervalMs: 500,
    conflictRestarts: 3,
    conflictWindowMs: 60_000,
    onStatus: (s) => statuses.push(s),
    onConnected: (d) => log.push(`connected ${d.length}`),
    onServerLost: () => log.push('lost'),
    onDevice: (e) => log.push(`device ${e.serial} ${e.type}`),
    onRemove: (s) => log.push(`remove ${s}`),
    onPoll: (d) => log.push(`poll ${d.map((x) => `${x.serial}:${x.type}`).join(',')}`),
  });
  return { adb, clock, statuses, log, sup };
}

describe('adb supervisor', () => {
  it('re-tracks with exponential backoff capped at the maximum, and reconciles once back', async () => {
    const { adb, clock, statuses, log, sup } = setup();
    adb.devices = [{ serial: 'A', type: 'device', rawType: 'device' }];
    sup.start();
    await flush();
    expect(statuses).toEqual([{ kind: 'connected', version: 41 }]);
    expect(log).toEqual(['connected 1']);

    adb.killServer();
    await flush();
    expect(log).toContain('lost');
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const s = sup.status();
      expect(s.kind).toBe('reconnecting');
      if (s.kind !== 'reconnecting') return;
      delays.push(s.nextRetryAt - clock.now());
      clock.advance(s.nextRetryAt - clock.now());
      await flush();
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);

    adb.up = true;
    clock.advance(1000);
    await flush();
    expect(sup.status()).toEqual({ kind: 'connected', version: 41 });
    expect(log.filter((l) => l.startsWith('connected'))).toHaveLength(2);
    sup.stop();
  });

  it('polls devices-l, which shows unauthorized phones that tracking does not push', async () => {
    const { adb, clock, log, sup } = setup();
    sup.start();
    await flush();
    adb.devices = [{ serial: 'U', type: 'unauthorized', rawType: 'unauthorized' }];
    clock.advance(500);
    await flush();
    expect(log).toContain('poll U:unauthorized');
    sup.stop();
    clock.advance(5000);
    await flush();
    expect(log.filter((l) => l.startsWith('poll'))).toHaveLength(1);
  });

  it('reports conflict when the server is another version, or keeps being replaced', async () => {
    const a = setup({ clientVersion: 40 });
    a.sup.start();
    await flush();
    expect(a.sup.status()).toMatchObject({ kind: 'conflict' });
    a.sup.stop();

    const b = setup();
    b.sup.start();
    await flush();
    for (let i = 0; i < 3; i++) {
      b.adb.killServer();
      await flush();
      b.adb.up = true;
      b.clock.advance(1000);
      await flush();
    }
    expect(b.sup.status()).toMatchObject({ kind: 'conflict', detail: expect.stringContaining('3 times') });
    // Quiet for longer than the window: back to connected on the next poll.
    b.clock.advance(61_000);
    await flush();
    b.clock.advance(500);
    await flush();
    expect(b.sup.status()).toEqual({ kind: 'connected', version: 41 });
    b.sup.stop();
  });

  it('says missing when no adb was found and no server answers', async () => {
    const { adb, sup } = setup({ lookupMissing: true });
    adb.up = false;
    sup.start();
    await flush();
    expect(sup.status()).toMatchObject({ kind: 'missing', detail: expect.stringContaining('/x/adb') });
    sup.stop();
  });
});

describe('adb supervisor starting a server', () => {
  it('starts one with its adb when nothing answers, and not while servers keep being replaced', async () => {
    const { adb, clock, sup } = setup();
    adb.up = false;
    adb.startBrings = true;
    sup.start();
    await flush();
    expect(adb.calls.filter((c) => c === 'start-server')).toHaveLength(1);
    expect(sup.status()).toEqual({ kind: 'connected', version: 41 });

    // Three losses within the window: another adb is fighting; stop feeding the fight.
    for (let i = 0; i < 3; i++) {
      adb.killServer();
      await flush();
      clock.advance(1000);
      await flush();
    }
    const starts = adb.calls.filter((c) => c === 'start-server').length;
    adb.up = false;
    adb.killServer();
    await flush();
    clock.advance(1000);
    await flush();
    expect(adb.calls.filter((c) => c === 'start-server')).toHaveLength(starts);
    expect(sup.status().kind).toBe('reconnecting');
    sup.stop();
  });

  it('starts none when stop() came while its version request was still out', async () => {
    const { adb, clock, sup } = setup();
    adb.up = false;
    adb.startBrings = true;
    sup.start();
    // The request is out; it fails only after stop(), as when the station stops while its
    // server goes away. A server started now would outlive the station.
    sup.stop();
    await flush();
    clock.advance(10_000);
    await flush();
    expect(adb.calls).toEqual(['version']);
  });
});

describe('adb supervisor with a stale tracking socket', () => {
  it('treats a poll that cannot reach the server as a lost server', async () => {
    const { adb, clock, log, sup } = setup();
    sup.start();
    await flush();
    // The server vanished but the tracking socket never said so.
    adb.up = false;
    clock.advance(500);
    await flush();
    expect(log).toContain('lost');
    expect(sup.status().kind).toBe('reconnecting');
    adb.up = true;
    clock.advance(1000);
    await flush();
    expect(sup.status().kind).toBe('connected');
    sup.stop();
  });
});

describe('adb supervisor and servers of different versions', () => {
  it('reports servers of two versions taking turns as conflict, and forgets it after the window', async () => {
    // The station's own adb version is unknown here, so only the turn-taking can tell.
    const { adb, clock, sup } = setup({ clientVersion: null });
    sup.start();
    await flush();
    expect(sup.status()).toEqual({ kind: 'connected', version: 41 });
    adb.killServer();
    await flush();
    adb.up = true;
    adb.version = 39;
    clock.advance(1000);
    await flush();
    expect(sup.status()).toMatchObject({
      kind: 'conflict',
      detail: expect.stringContaining('versions 41, 39'),
    });
    clock.advance(61_000);
    await flush();
    clock.advance(500);
    await flush();
    expect(sup.status()).toEqual({ kind: 'connected', version: 39 });
    sup.stop();
  });
});
