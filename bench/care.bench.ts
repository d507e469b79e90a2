import { createAdbkitPort } from '../src/main/core/adb/adbkit-port';
import { createDeviceManager } from '../src/main/core/devices/device-manager';
import { quickCheckCommand } from '../src/main/core/devices/health-checks';
import { createMemoryPortStore } from '../src/main/core/devices/memory-port-store';
import { createSimulatedPhone } from '../src/sim/adb-device/simulated-phone';
import { startTestAdbServer } from '../test/support/adb-server';

// Phone care: what the quick check before each payment costs (`cat /proc/net/tcp*; echo;
// dumpsys notification p <app>`, one shell call), against a bare `adb shell echo` through the
// same real adb server (the floor of any shell call) and the full health read (eight calls).
// Per profile, as the dumps differ in size; the HyperOS dump is the largest of the corpus.

const QUICK = 200;
const FULL = 40;
const PROFILES = ['android11-miui', 'android16-hyperos'];

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

function summary(values: number[]): { p50: number; p95: number; text: string } {
  const s = [...values].sort((a, b) => a - b);
  const p50 = quantile(s, 0.5);
  const p95 = quantile(s, 0.95);
  return { p50, p95, text: `p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (n=${s.length})` };
}

async function time(n: number, f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function run(): Promise<void> {
  const server = await startTestAdbServer();
  const adb = createAdbkitPort({ port: server.port, bin: '/bin/false' });
  const station = createDeviceManager({
    adb,
    portStore: createMemoryPortStore(),
    forwardPortRange: { from: 42000, to: 42010 },
    pollIntervalMs: 250,
    // No heartbeat during the bench: only the measured calls reach the phone.
    healthIntervalMs: 3_600_000,
  });
  await station.start();
  try {
    for (const profile of PROFILES) {
      const phone = createSimulatedPhone({ profile, model: `CARE-${profile}` });
      await phone.plugInto({ port: server.port });
      for (let i = 0; station.get(phone.serial)?.state !== 'ready'; i++) {
        if (i > 500) throw new Error(`${phone.serial} not ready: ${station.get(phone.serial)?.state}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const config = {
        appPackage: 'com.cashier.phone',
        alipayPackage: '',
        appPort: 10010,
        checkBatteryWhitelist: true,
      };
      const quickBytes = (await adb.shell(phone.serial, quickCheckCommand(config))).length;
      const fullBytes = (await station.diagnostics(phone.serial))!.outputs.reduce(
        (n, o) => n + o.output.length,
        0,
      );
      // Warm-up, then the runs.
      await time(20, () => station.quickCheck(phone.serial));
      const floor = summary(await time(QUICK, () => adb.shell(phone.serial, 'echo x')));
      const quick = summary(
        await time(QUICK, async () => {
          const r = await station.quickCheck(phone.serial);
          if (!r.passed) throw new Error(`quick check failed on a ready phone: ${r.detail}`);
        }),
      );
      const full = summary(await time(FULL, () => station.refresh(phone.serial)));
      console.log(`care[${profile}]: adb shell echo (floor): ${floor.text}`);
      console.log(`care[${profile}]: quick check before a payment: ${quick.text}; ${quickBytes} bytes read`);
      console.log(`care[${profile}]: full health read: ${full.text}; ${fullBytes} bytes read`);
      console.log(
        `care[${profile}]: quick / floor p50 ${(quick.p50 / floor.p50).toFixed(2)}×; ` +
          `quick / full p50 ${(quick.p50 / full.p50).toFixed(2)}×`,
      );
      await phone.close();
    }
  } finally {
    await station.stop();
    await server.close();
  }
}
