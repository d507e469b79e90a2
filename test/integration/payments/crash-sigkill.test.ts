import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPaymentEngine } from '../../../src/main/core/payments/payment-engine';
import type { PaymentEngine } from '../../../src/main/core/payments/payment-engine';
import type { Storage } from '../../../src/main/core/storage/storage';
import { openStorage } from '../../../src/main/core/storage/storage';
import type { FakeDevices } from '../../support/fake-devices';
import { createFakeDevices } from '../../support/fake-devices';
import { until } from '../../support/engine-harness';
import { engineSettings } from '../../support/engine-settings';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');
const COUNT = 600;

let tmp: ReturnType<typeof makeTempDir>;
let devices: FakeDevices;
let storage: Storage | null = null;
let engine: PaymentEngine | null = null;
afterEach(async () => {
  await engine?.stop();
  storage?.close();
  await devices?.close();
  tmp?.cleanup();
});

describe('SIGKILL during a burst', () => {
  it('after restart every accepted payment is there, none was sent twice, the in-flight ones are unknown and the rest complete', async () => {
    tmp = makeTempDir('crash-');
    const file = path.join(tmp.dir, 'station.db');
    devices = createFakeDevices();
    const serials = ['K1', 'K2', 'K3'];
    for (const s of serials) await devices.addPhone(s, { defaultBehavior: { kind: 'notify', afterMs: 3 } });
    const received = new Map<string, number>();
    for (const s of serials) {
      devices.sim(s).on('command', (c: { msg: string }) => {
        const n = /n=(\d+)/.exec(c.msg)![1];
        received.set(n, (received.get(n) ?? 0) + 1);
      });
    }
    const phoneArg = serials.map((s) => `${s}=${devices.get(s)!.localPort}`).join(',');
    const child = spawn(
      path.join(ROOT, 'node_modules/.bin/vite-node'),
      ['test/support/engine-child.ts', file, phoneArg, String(COUNT)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, sig) => r(sig)));
    await until(() => out.includes(`accepted ${COUNT}`), 20_000, `child to accept (output: ${out})`);
    await until(() => received.size >= 150, 20_000, 'the burst to be under way');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const sentBeforeKill = received.size;
    expect(sentBeforeKill).toBeLessThan(COUNT);

    storage = openStorage({ file });
    const inFlight = storage.payments.withStatus(['dispatching', 'awaiting_result']).map((p) => p.orderNo);
    expect(inFlight.length).toBeLessThanOrEqual(serials.length);
    const settings = engineSettings({ minResultMs: 0, resultTimeoutMs: 2_000, settleMs: 200 });
    engine = createPaymentEngine({ storage, devices, settings: () => settings, connectGraceMs: 0 });
    await engine.start();
    const finals = await Promise.all(
      Array.from({ length: COUNT }, (_, i) => engine!.waitForFinal(`K${i}`, 30_000)),
    );

    expect(finals.every((p) => p !== undefined)).toBe(true);
    for (const [n, times] of received) expect([n, times]).toEqual([n, 1]);
    for (const p of finals) {
      if (inFlight.includes(p!.orderNo)) {
        expect(p).toMatchObject({ status: 'unknown', review: { reason: 'in_flight_at_restart' } });
      } else {
        expect([p!.orderNo, p!.status]).toEqual([p!.orderNo, 'succeeded']);
      }
    }
    // Every payment that completed reached a phone exactly once; an in-flight one reached its
    // phone at most once (it may have been killed between the `dispatching` commit and the write).
    const notInFlight = finals.filter((p) => !inFlight.includes(p!.orderNo));
    for (const p of notInFlight) expect(received.get(p!.orderNo.slice(1))).toBe(1);
    expect(received.size).toBeGreaterThanOrEqual(COUNT - inFlight.length);
  }, 60_000);
});
