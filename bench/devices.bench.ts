import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createAdbkitPort } from '../src/main/core/adb/adbkit-port';
import { createDeviceManager } from '../src/main/core/devices/device-manager';
import type { DeviceService } from '../src/main/core/devices/device-types';
import { createMemoryPortStore } from '../src/main/core/devices/memory-port-store';
import type { SimulatedPhone } from '../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../src/sim/adb-device/simulated-phone';
import type { TestAdbServer } from '../test/support/adb-server';
import { startTestAdbServer } from '../test/support/adb-server';

// Device manager figures against the real adb server with simulated phones:
// connect → ready, unplug → removed, and memory over 500 (+500) plug/unplug cycles.
// A pool of phones is replugged in turn, as a shop's phones are; each cycle is adb `connect`,
// waiting for `ready` (forward up, health checked), adb `disconnect`, waiting for `removed`.

const PLUG_CYCLES = 25;
const MEMORY_CYCLES = 500;
/** Cycles run after the 500, to show the heap has levelled off rather than growing slowly. */
const EXTRA_CYCLES = 500;
const POOL = 8;
/** The whole bench stops here, whatever is left. */
const BUDGET_MS = 110_000;

function gcNow(): void {
  // vite-node cannot pass --expose-gc; turning the flag on at run time and fetching `gc` from a
  // fresh context is a known V8 way around it.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

function stats(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `median ${quantile(s, 0.5).toFixed(1)} ms, p95 ${quantile(s, 0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms (n=${s.length})`;
}

function until(station: DeviceService, serial: string, what: 'ready' | 'removed'): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${serial} not ${what} within 5 s`));
    }, 5000);
    const done = () => {
      clearTimeout(timer);
      off();
      resolve(performance.now());
    };
    const offs =
      what === 'ready'
        ? [station.on('changed', (s) => s.serial === serial && s.state === 'ready' && done())]
        : [station.on('removed', (s) => s.serial === serial && done())];
    const off = () => offs.forEach((f) => f());
  });
}

async function cycle(station: DeviceService, phone: SimulatedPhone, adbPort: number) {
  const ready = until(station, phone.serial, 'ready');
  const t0 = performance.now();
  await phone.plugInto({ port: adbPort });
  const tReady = await ready;
  const removed = until(station, phone.serial, 'removed');
  const t1 = performance.now();
  await phone.unplug();
  const tRemoved = await removed;
  return { connectToReady: tReady - t0, unplugNoticed: tRemoved - t1 };
}

/**
 * Runs one cycle; when the adb server died under it, starts a new one and waits until the
 * station has re-tracked and dropped the phones the dead server took with it. adb 29 aborts now
 * and then under rapid connect/disconnect with the station's requests in flight
 * (`fdevent_epoll.cpp:88 failed to unregister fd -1`, SIGABRT, sometimes SIGSEGV); the same
 * requests issued one at a time did not crash it in 24,000 cycles. Recovering is part of what
 * the station must do, so it is part of what the bench measures.
 */
async function robustCycle(
  station: DeviceService,
  phone: SimulatedPhone,
  server: TestAdbServer,
  crashes: string[],
): Promise<Awaited<ReturnType<typeof cycle>> | null> {
  try {
    return await cycle(station, phone, server.port);
  } catch (err) {
    if (server.running) throw err;
    crashes.push(server.lastExit?.signal ?? String(server.lastExit?.code));
    const t0 = performance.now();
    await server.start();
    while (station.adbStatus().kind !== 'connected' || station.list().length > 0) {
      if (performance.now() - t0 > 10_000)
        throw new Error('station did not recover from an adb crash in 10 s', { cause: err });
      await new Promise((r) => setTimeout(r, 20));
    }
    crashes.push(`recovered in ${(performance.now() - t0).toFixed(0)} ms`);
    return null;
  }
}

function memory(): { heapMiB: number; rssMiB: number } {
  gcNow();
  const m = process.memoryUsage();
  return { heapMiB: m.heapUsed / 2 ** 20, rssMiB: m.rss / 2 ** 20 };
}

export async function run(): Promise<void> {
  const started = Date.now();
  const server = await startTestAdbServer();
  const station = createDeviceManager({
    adb: createAdbkitPort({ port: server.port, bin: '/bin/false' }),
    portStore: createMemoryPortStore(),
    forwardPortRange: { from: 41000, to: 41000 + POOL * 2 },
    pollIntervalMs: 250,
    retryInitialMs: 50,
    retryMaxMs: 500,
    reattachGraceMs: 300,
  });
  const crashes: string[] = [];
  const phones = Array.from({ length: POOL }, (_, i) => createSimulatedPhone({ model: `BENCH-${i}` }));
  try {
    await station.start();
    for (const p of phones) await p.listen();

    const connect: number[] = [];
    const unplug: number[] = [];
    for (let i = 0; connect.length < PLUG_CYCLES; i++) {
      const r = await robustCycle(station, phones[i % POOL], server, crashes);
      if (!r) continue;
      connect.push(r.connectToReady);
      unplug.push(r.unplugNoticed);
    }
    console.log(`devices: connect → ready (forward up, health checked): ${stats(connect)}`);
    console.log(`devices: unplug → removed event: ${stats(unplug)}`);

    const marks: { after: number; heapMiB: number; rssMiB: number }[] = [];
    let done = 0;
    for (let i = 0; i < MEMORY_CYCLES + EXTRA_CYCLES; i++) {
      if (Date.now() - started > BUDGET_MS) break;
      await robustCycle(station, phones[i % POOL], server, crashes);
      done++;
      if ([1, 100, 250, MEMORY_CYCLES, MEMORY_CYCLES + EXTRA_CYCLES].includes(done))
        marks.push({ after: done, ...memory() });
    }
    for (const m of marks) {
      console.log(
        `devices: after ${String(m.after).padStart(3)} plug/unplug cycles: heap ${m.heapMiB.toFixed(2)} MiB, rss ${m.rssMiB.toFixed(1)} MiB`,
      );
    }
    const at = (n: number) => marks.find((m) => m.after === n);
    const growth = (a: number, b: number) => {
      const x = at(a);
      const y = at(b);
      if (!x || !y) return;
      const perCycle = ((y.heapMiB - x.heapMiB) * 2 ** 20) / (b - a);
      console.log(
        `devices: growth from cycle ${a} to ${b}: heap ${(y.heapMiB - x.heapMiB).toFixed(2)} MiB (${perCycle.toFixed(0)} B/cycle), rss ${(y.rssMiB - x.rssMiB).toFixed(1)} MiB`,
      );
    };
    growth(1, MEMORY_CYCLES);
    // The first few hundred cycles include JIT warm-up and the simulators' bounded logs filling up.
    growth(MEMORY_CYCLES, MEMORY_CYCLES + EXTRA_CYCLES);
    console.log(`devices: phones still listed after the cycles: ${station.list().length}`);
    const lost = crashes.filter((c) => !c.startsWith('recovered'));
    console.log(
      `devices: adb server crashes during the run: ${lost.length}` +
        (lost.length > 0 ? ` (${crashes.join(', ')}; adb 29's own bug, see robustCycle)` : ''),
    );
    if (done < MEMORY_CYCLES + EXTRA_CYCLES)
      console.log(`devices: stopped after ${done} cycles (time budget)`);
  } finally {
    await station.stop();
    for (const p of phones) await p.close();
    await server.close();
  }
}

// Run on its own with `npx vite-node --script bench/devices.bench.ts` (--script keeps argv[1]).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
