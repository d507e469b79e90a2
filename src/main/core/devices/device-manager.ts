import type { AdbDeviceEntry } from '../adb/adb-port';
import { systemClock } from '../util/clock';
import { createTypedEmitter } from '../util/typed-emitter';
import { createAdbSupervisor } from './adb-supervisor';
import {
  AppRestartTimeoutError,
  AppStartFailedError,
  DeviceUnavailableError,
  UnknownDeviceError,
} from './device-errors';
import type { DeviceManagerOptions, ResolvedDeviceManagerOptions } from './device-manager-options';
import type { DeviceAction, DeviceTable } from './device-reducer';
import { reduceDevices } from './device-reducer';
import type { DeviceEvents, DeviceService } from './device-types';
import { createForwardAllocator } from './forward-allocator';
import { runHealthChecks } from './health-checks';

function resolve(o: DeviceManagerOptions): ResolvedDeviceManagerOptions {
  return {
    ...o,
    clock: o.clock ?? systemClock,
    forwardPortRange: o.forwardPortRange ?? { from: 27100, to: 27199 },
    appPackage: o.appPackage ?? 'com.cashier.phone',
    appActivity: o.appActivity ?? '.MainActivity',
    appPort: o.appPort ?? 10010,
    alipayPackage: o.alipayPackage ?? 'com.eg.android.AlipayGphone',
    checkBatteryWhitelist: o.checkBatteryWhitelist ?? true,
    pollIntervalMs: o.pollIntervalMs ?? 1000,
    healthIntervalMs: o.healthIntervalMs ?? 15_000,
    probeRetryMs: o.probeRetryMs ?? 3000,
    retryInitialMs: o.retryInitialMs ?? 250,
    retryMaxMs: o.retryMaxMs ?? 5000,
    conflictRestarts: o.conflictRestarts ?? 3,
    conflictWindowMs: o.conflictWindowMs ?? 60_000,
    restartWaitMs: o.restartWaitMs ?? 8000,
  };
}

/** Single-quotes one argument for the phone's `sh`. */
export function quoteShellArg(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The device manager: tracks phones through adb, keeps one forward per phone, checks their
 * health, and folds the payment engine's activity into their state. All state changes go
 * through the pure {@link reduceDevices}; this file only does the I/O around it.
 */
export function createDeviceManager(options: DeviceManagerOptions): DeviceService {
  const o = resolve(options);
  const { adb, clock } = o;
  const emitter = createTypedEmitter<DeviceEvents>();
  const ctx = { appPackage: o.appPackage, appPort: o.appPort };
  const remote = `tcp:${o.appPort}`;
  const forwards = createForwardAllocator({ adb, store: o.portStore, range: o.forwardPortRange, remote });
  const healthConfig = {
    appPackage: o.appPackage,
    appPort: o.appPort,
    alipayPackage: o.alipayPackage,
    checkBatteryWhitelist: o.checkBatteryWhitelist,
  };
  let table: DeviceTable = new Map();
  const probing = new Map<string, Promise<void>>();
  const lastSeq = new Map<string, number>();
  const lastHealthAt = new Map<string, number>();
  let running = false;

  function dispatch(action: DeviceAction): void {
    const r = reduceDevices(table, action, ctx);
    table = r.table;
    for (const c of r.changes) {
      if (c.kind === 'removed') {
        lastSeq.delete(c.snapshot.serial);
        lastHealthAt.delete(c.snapshot.serial);
        void forwards.release(c.snapshot.serial);
      }
      emitter.emit(c.kind, c.snapshot);
    }
    if (running)
      for (const e of table.values())
        if (e.facts.adbType === 'device' && e.facts.probe === 'pending') probe(e.serial);
  }

  /** Forward, properties and health for the current attach; one at a time per phone. */
  function probe(serial: string): Promise<void> {
    const busy = probing.get(serial);
    if (busy) return busy;
    const entry = table.get(serial);
    if (!entry || entry.facts.serverDown || entry.facts.adbType !== 'device') return Promise.resolve();
    const gen = entry.generation;
    const run = (async () => {
      try {
        try {
          const port = await forwards.ensure(serial);
          dispatch({
            type: 'forward',
            serial,
            generation: gen,
            localPort: port,
            error: null,
            at: clock.now(),
          });
        } catch (err) {
          dispatch({
            type: 'forward',
            serial,
            generation: gen,
            localPort: null,
            error: (err as Error).message,
            at: clock.now(),
          });
        }
        const props = await adb.getProperties(serial);
        const health = await runHealthChecks(adb, serial, healthConfig, () => clock.now());
        lastHealthAt.set(serial, clock.now());
        dispatch({
          type: 'probed',
          serial,
          generation: gen,
          props: {
            model: props['ro.product.model'] ?? null,
            brand: props['ro.product.brand'] ?? props['ro.product.manufacturer'] ?? null,
            androidVersion: props['ro.build.version.release'] ?? null,
          },
          health,
          at: clock.now(),
        });
      } catch (err) {
        lastHealthAt.set(serial, clock.now());
        dispatch({
          type: 'probe-failed',
          serial,
          generation: gen,
          error: (err as Error).message,
          at: clock.now(),
        });
      }
    })().finally(() => {
      probing.delete(serial);
      const now = table.get(serial);
      // The phone re-attached while we were reading it: read it again for the new attach.
      if (running && now && now.generation !== gen && now.facts.probe === 'pending') void probe(serial);
    });
    probing.set(serial, run);
    return run;
  }

  async function recheckHealth(serial: string): Promise<void> {
    const e = table.get(serial);
    if (!e || e.facts.serverDown || e.facts.adbType !== 'device' || probing.has(serial)) return;
    if (e.facts.probe !== 'done') return probe(serial);
    const gen = e.generation;
    try {
      const health = await runHealthChecks(adb, serial, healthConfig, () => clock.now());
      dispatch({ type: 'health', serial, generation: gen, health, at: clock.now() });
    } catch (err) {
      dispatch({
        type: 'probe-failed',
        serial,
        generation: gen,
        error: (err as Error).message,
        at: clock.now(),
      });
    } finally {
      lastHealthAt.set(serial, clock.now());
    }
  }

  /** Puts back forwards that vanished or were taken over, and re-checks phones that are due. */
  async function maintain(): Promise<void> {
    const list = await adb.listForwards().catch(() => null);
    const now = clock.now();
    for (const e of table.values()) {
      if (e.facts.serverDown || e.facts.adbType !== 'device' || probing.has(e.serial)) continue;
      if (list && e.facts.probe === 'done' && !forwards.isIntact(e.serial, list)) {
        const gen = e.generation;
        try {
          const port = await forwards.ensure(e.serial);
          dispatch({
            type: 'forward',
            serial: e.serial,
            generation: gen,
            localPort: port,
            error: null,
            at: clock.now(),
          });
        } catch (err) {
          dispatch({
            type: 'forward',
            serial: e.serial,
            generation: gen,
            localPort: null,
            error: (err as Error).message,
            at: clock.now(),
          });
        }
      }
      const due = e.facts.probe === 'failed' ? o.probeRetryMs : o.healthIntervalMs;
      if (now - (lastHealthAt.get(e.serial) ?? 0) >= due) void recheckHealth(e.serial);
    }
  }

  function reconcile(devices: AdbDeviceEntry[], seqAtStart: number | null): void {
    const listed = new Set(devices.map((d) => d.serial));
    const fresh = (serial: string) => seqAtStart === null || (lastSeq.get(serial) ?? 0) <= seqAtStart;
    for (const d of devices) {
      if (fresh(d.serial))
        dispatch({
          type: 'adb-state',
          serial: d.serial,
          adbType: d.type,
          rawType: d.rawType,
          at: clock.now(),
        });
    }
    for (const serial of [...table.keys()]) {
      if (!listed.has(serial) && fresh(serial)) dispatch({ type: 'adb-gone', serial, at: clock.now() });
    }
  }

  const supervisor = createAdbSupervisor({
    adb,
    clock,
    lookup: o.adbLookup,
    clientVersion: o.adbClientVersion,
    retryInitialMs: o.retryInitialMs,
    retryMaxMs: o.retryMaxMs,
    pollIntervalMs: o.pollIntervalMs,
    conflictRestarts: o.conflictRestarts,
    conflictWindowMs: o.conflictWindowMs,
    onStatus: (s) => emitter.emit('adb', s),
    onConnected: (devices) => reconcile(devices, null),
    onServerLost: () => {
      forwards.forgetAll();
      dispatch({ type: 'server-lost', at: clock.now() });
    },
    onDevice: (e, seq) => {
      lastSeq.set(e.serial, seq);
      dispatch({ type: 'adb-state', serial: e.serial, adbType: e.type, rawType: e.rawType, at: clock.now() });
    },
    onRemove: (serial, seq) => {
      lastSeq.set(serial, seq);
      dispatch({ type: 'adb-gone', serial, at: clock.now() });
    },
    onPoll: (devices, seqAtStart) => {
      reconcile(devices, seqAtStart);
      void maintain();
    },
  });

  function requireDevice(serial: string) {
    const e = table.get(serial);
    if (!e) throw new UnknownDeviceError(serial);
    if (e.facts.serverDown || e.facts.adbType !== 'device')
      throw new DeviceUnavailableError(serial, e.snapshot.state);
    return e;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((r) => clock.setTimeout(r, ms));
  }

  const component = o.appActivity.includes('/') ? o.appActivity : `${o.appPackage}/${o.appActivity}`;

  const service: DeviceService = {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    async start() {
      if (running) return;
      running = true;
      supervisor.start();
    },
    async stop() {
      if (!running) return;
      running = false;
      supervisor.stop();
      await Promise.allSettled([...probing.values()]);
      await forwards.releaseAll();
      // Forwards are gone, so nothing known about the phones holds any more; a later start()
      // reads them all again.
      table = new Map();
      lastSeq.clear();
      lastHealthAt.clear();
    },
    list: () => [...table.values()].map((e) => e.snapshot),
    get: (serial) => table.get(serial)?.snapshot,
    adbStatus: () => supervisor.status(),
    async restartApp(serial) {
      requireDevice(serial);
      await adb.shell(serial, `am force-stop ${quoteShellArg(o.appPackage)}`);
      const out = await adb.shell(serial, `am start -n ${quoteShellArg(component)}`);
      if (/^Error/m.test(out)) throw new AppStartFailedError(serial, out);
      const deadline = clock.now() + o.restartWaitMs;
      for (;;) {
        await probing.get(serial);
        await recheckHealth(serial);
        const snap = table.get(serial)?.snapshot;
        if (!snap) throw new UnknownDeviceError(serial);
        if (!snap.health.some((h) => h.name === 'app_port_listening' && h.status === 'fail')) return;
        if (clock.now() >= deadline) throw new AppRestartTimeoutError(serial, o.restartWaitMs);
        await sleep(250);
      }
    },
    async launchUri(serial, uri) {
      requireDevice(serial);
      const out = await adb.shell(serial, `am start -a android.intent.action.VIEW -d ${quoteShellArg(uri)}`);
      if (/^Error/m.test(out)) throw new AppStartFailedError(serial, out);
    },
    async refresh(serial) {
      const e = table.get(serial);
      if (!e) return undefined;
      await probing.get(serial);
      await recheckHealth(serial);
      return table.get(serial)?.snapshot;
    },
    setPaymentActivity(serial, activity) {
      dispatch({ type: 'activity', serial, activity, at: clock.now() });
    },
  };
  return service;
}
