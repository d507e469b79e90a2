import type { AdbPort } from '../adb/adb-port';
import type { Clock } from '../util/clock';
import type { DeviceAction, DeviceEntry, DeviceProps } from './device-reducer';
import type { ShellCapture } from './device-types';
import type { ForwardAllocator } from './forward-allocator';
import type { HealthCheckConfig, HealthRun } from './health-checks';
import { MAX_CAPTURE_CHARS, runHealthChecks } from './health-checks';
import { readGetprop, romOf } from './readers/read-getprop';

export interface DeviceProberDeps {
  adb: AdbPort;
  clock: Clock;
  forwards: ForwardAllocator;
  health: HealthCheckConfig;
  entry(serial: string): DeviceEntry | undefined;
  entries(): Iterable<DeviceEntry>;
  dispatch(action: DeviceAction): void;
  running(): boolean;
  probeRetryMs: number;
  healthIntervalMs: number | (() => number);
  recheckWhen: (serial: string) => boolean;
}

export interface DeviceProber {
  /** Forward, properties and health for the current attach; one at a time per phone. */
  probe(serial: string): Promise<void>;
  /** Health again (or the whole probe when the last one did not finish). */
  recheck(serial: string): Promise<void>;
  /** Puts back forwards that vanished or were taken over, and re-checks phones that are due. */
  maintain(): Promise<void>;
  /** The outputs behind the phone's last properties and health, in the order they were run. */
  outputs(serial: string): ShellCapture[];
  /** Whatever is running for `serial` now, to wait for it. */
  inFlight(serial: string): Promise<void> | undefined;
  forget(serial: string): void;
  /** Waits for everything in flight. */
  settle(): Promise<void>;
}

/** The adb I/O that feeds the reducer with what a phone looks like. */
export function createDeviceProber(d: DeviceProberDeps): DeviceProber {
  const { adb, clock, forwards } = d;
  const work = new Map<string, Promise<void>>();
  const lastCheckAt = new Map<string, number>();
  const lastOutputs = new Map<string, Map<string, ShellCapture>>();
  let maintaining: Promise<void> | null = null;

  /** A phone adb can talk to right now. */
  function reachable(serial: string): DeviceEntry | undefined {
    const e = d.entry(serial);
    return e && !e.facts.serverDown && e.facts.adbType === 'device' ? e : undefined;
  }

  function track(serial: string, run: Promise<void>): Promise<void> {
    const p = run.finally(() => {
      if (work.get(serial) === p) work.delete(serial);
      lastCheckAt.set(serial, clock.now());
      const now = d.entry(serial);
      // The phone re-attached while we were reading it: read it again for the new attach.
      if (d.running() && now && now.facts.probe === 'pending') void prober.probe(serial);
    });
    work.set(serial, p);
    return p;
  }

  async function ensureForward(serial: string, generation: number): Promise<void> {
    try {
      const port = await forwards.ensure(serial);
      d.dispatch({ type: 'forward', serial, generation, localPort: port, error: null, at: clock.now() });
    } catch (err) {
      const error = (err as Error).message;
      d.dispatch({ type: 'forward', serial, generation, localPort: null, error, at: clock.now() });
    }
  }

  function keep(serial: string, captures: ShellCapture[]): void {
    const kept = lastOutputs.get(serial) ?? new Map<string, ShellCapture>();
    for (const c of captures) kept.set(c.command, c);
    lastOutputs.set(serial, kept);
  }

  async function health(serial: string): Promise<HealthRun> {
    const run = await runHealthChecks(adb, serial, d.health, () => clock.now());
    keep(serial, run.outputs);
    return run;
  }

  /** `getprop` through our own reader, which the corpus proves, rather than adbkit's. */
  async function properties(serial: string): Promise<DeviceProps> {
    const output = await adb.shell(serial, 'getprop');
    const at = clock.now();
    keep(serial, [
      {
        command: 'getprop',
        output: output.slice(0, MAX_CAPTURE_CHARS),
        truncated: output.length > MAX_CAPTURE_CHARS,
        at,
      },
    ]);
    const r = readGetprop(output);
    // Unreadable properties cost only the model name on the card; they never stop the probe.
    const p = r.understood ? r.value : {};
    return {
      model: p['ro.product.model'] ?? null,
      brand: p['ro.product.brand'] ?? p['ro.product.manufacturer'] ?? null,
      androidVersion: p['ro.build.version.release'] ?? null,
      rom: romOf(p),
    };
  }

  function failed(serial: string, generation: number, err: unknown): void {
    d.dispatch({ type: 'probe-failed', serial, generation, error: (err as Error).message, at: clock.now() });
  }

  const prober: DeviceProber = {
    probe(serial) {
      const busy = work.get(serial);
      if (busy) return busy;
      const e = reachable(serial);
      if (!e) return Promise.resolve();
      const gen = e.generation;
      return track(
        serial,
        (async () => {
          try {
            // The forward first, so the phone never looks "ready without a forward" in between.
            await ensureForward(serial, gen);
            const props = await properties(serial);
            const run = await health(serial);
            d.dispatch({
              type: 'probed',
              serial,
              generation: gen,
              props,
              health: run.checks,
              at: clock.now(),
            });
          } catch (err) {
            failed(serial, gen, err);
          }
        })(),
      );
    },
    recheck(serial) {
      const busy = work.get(serial);
      if (busy) return busy;
      const e = reachable(serial);
      if (!e) return Promise.resolve();
      if (e.facts.probe !== 'done') return prober.probe(serial);
      const gen = e.generation;
      return track(
        serial,
        (async () => {
          try {
            const run = await health(serial);
            d.dispatch({ type: 'health', serial, generation: gen, health: run.checks, at: clock.now() });
          } catch (err) {
            failed(serial, gen, err);
          }
        })(),
      );
    },
    maintain() {
      // A slow adb must not stack up maintenance rounds behind each other.
      if (maintaining) return maintaining;
      maintaining = maintainNow().finally(() => {
        maintaining = null;
      });
      return maintaining;
    },
    outputs: (serial) => [...(lastOutputs.get(serial)?.values() ?? [])],
    inFlight: (serial) => work.get(serial),
    forget(serial) {
      lastCheckAt.delete(serial);
      lastOutputs.delete(serial);
    },
    async settle() {
      await Promise.allSettled([...work.values(), maintaining]);
    },
  };

  async function maintainNow(): Promise<void> {
    const list = await adb.listForwards().catch(() => null);
    const now = clock.now();
    const interval = typeof d.healthIntervalMs === 'function' ? d.healthIntervalMs() : d.healthIntervalMs;
    for (const e of [...d.entries()]) {
      // Stopping: a forward made now would outlive the station.
      if (!d.running()) return;
      if (!reachable(e.serial) || work.has(e.serial)) continue;
      if (list && e.facts.probe === 'done' && !forwards.isIntact(e.serial, list)) {
        await ensureForward(e.serial, e.generation);
      }
      if (e.facts.probe === 'done' && !d.recheckWhen(e.serial)) continue;
      const due = e.facts.probe === 'failed' ? d.probeRetryMs : interval;
      if (now - (lastCheckAt.get(e.serial) ?? 0) >= due) void prober.recheck(e.serial);
    }
  }

  return prober;
}
