import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPaymentEngine } from '../src/main/core/payments/payment-engine';
import type { Payment } from '../src/main/core/payments/payment-types';
import { isFinal } from '../src/shared/domain/payment-status';
import { openStorage } from '../src/main/core/storage/storage';
import { engineSettings } from '../test/support/engine-settings';
import { createFakeDevices } from '../test/support/fake-devices';
import { makeTempDir } from '../test/support/temp-dir';

/**
 * Engine burst: 2,000 payments over 4 simulated phones that answer at once, each
 * over a real loopback socket through the phone client and frame codec, with every state change
 * committed to a real SQLite file. Prints payments/s and end-to-end p99 (create → final).
 */
export async function run(
  options: { payments?: number; phones?: number; timeoutMs?: number } = {},
): Promise<void> {
  const total = options.payments ?? 2_000;
  const phones = options.phones ?? 4;
  for (const synchronous of ['full', 'normal'] as const) {
    const r = await burst(total, phones, synchronous, options.timeoutMs ?? 120_000);
    console.log(
      `engine burst (synchronous=${synchronous}): ${total} payments over ${phones} phones in ` +
        `${r.seconds.toFixed(2)} s = ${(total / r.seconds).toFixed(0)} payments/s; end-to-end ` +
        `p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms; succeeded ${r.succeeded}/${total}`,
    );
  }
  const w = await idleWaiters(1_000, 2_000);
  console.log(
    `engine long-poll waiters: ${w.waiters} idle for ${w.idleMs} ms: CPU ${w.cpuMs.toFixed(1)} ms ` +
      `(${((w.cpuMs / w.idleMs) * 100).toFixed(2)} % of one core), heap +${(w.heapBytes / 1024).toFixed(0)} KiB`,
  );
}

/** 1,000 waitForFinal calls on queued payments with no phone: what they cost while nothing happens. */
async function idleWaiters(count: number, idleMs: number) {
  const tmp = makeTempDir('bench-waiters-');
  const storage = openStorage({ file: path.join(tmp.dir, 'station.db'), synchronous: 'normal' });
  const devices = createFakeDevices();
  const settings = engineSettings();
  const engine = createPaymentEngine({ storage, devices, settings: () => settings });
  await engine.start();
  for (let i = 0; i < count; i++) engine.create({ orderNo: `W${i}`, amountFen: 100, qrCode: `qr${i}` });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const waits = Array.from({ length: count }, (_, i) => engine.waitForFinal(`W${i}`, idleMs * 10));
  const waiters = engine.stats().waiters;
  const cpuBefore = process.cpuUsage();
  await new Promise((r) => setTimeout(r, idleMs));
  const cpu = process.cpuUsage(cpuBefore);
  const heapBytes = process.memoryUsage().heapUsed - heapBefore;
  await engine.stop();
  await Promise.all(waits);
  storage.close();
  tmp.cleanup();
  return { waiters, idleMs, cpuMs: (cpu.user + cpu.system) / 1000, heapBytes };
}

async function burst(total: number, phoneCount: number, synchronous: 'full' | 'normal', timeoutMs: number) {
  const tmp = makeTempDir('bench-engine-');
  const storage = openStorage({ file: path.join(tmp.dir, 'station.db'), synchronous });
  const devices = createFakeDevices();
  for (let i = 0; i < phoneCount; i++) {
    await devices.addPhone(`BENCH${i}`, { defaultBehavior: { kind: 'notify', afterMs: 0 } });
  }
  const settings = engineSettings({ minResultMs: 0, resultTimeoutMs: 10_000 });
  const engine = createPaymentEngine({ storage, devices, settings: () => settings, connectGraceMs: 0 });
  await engine.start();

  const createdAt = new Map<string, number>();
  const latencies: number[] = [];
  let succeeded = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`burst not done in ${timeoutMs} ms`)), timeoutMs);
    engine.on('updated', (p: Payment) => {
      if (!isFinal(p)) return;
      latencies.push(performance.now() - createdAt.get(p.orderNo)!);
      if (p.status === 'succeeded') succeeded++;
      if (latencies.length === total) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const orderNo = `B${i}`;
    createdAt.set(orderNo, performance.now());
    const yuan = (1 + (i % 500) / 100).toFixed(2);
    engine.create({ orderNo, amountFen: Math.round(Number(yuan) * 100), qrCode: `qr?amount=${yuan}&n=${i}` });
  }
  try {
    await done;
  } finally {
    await engine.stop();
    await devices.close();
    storage.close();
    tmp.cleanup();
  }
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))];
  return { seconds, p50: q(0.5), p99: q(0.99), succeeded };
}
