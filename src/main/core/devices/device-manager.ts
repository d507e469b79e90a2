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
import { DEFAULT_PHONE_APP } from './device-manager-options';
import { STATION_SETTINGS_DEFAULTS } from '../../../shared/settings/station-settings';
import type { DeviceAction, DeviceTable } from './device-reducer';
import { reduceDevices } from './device-reducer';
import type { DeviceEvents, DeviceService } from './device-types';
import { createForwardAllocator } from './forward-allocator';
import { createDeviceProber } from './device-prober';
import { createCareRunner } from './care-runner';
import { quickCheckCommand, readQuickCheck } from './health-checks';
import { readAmStart } from './readers/read-am-start';

function resolve(o: DeviceManagerOptions): ResolvedDeviceManagerOptions {
  return {
    ...o,
    clock: o.clock ?? systemClock,
    forwardPortRange: o.forwardPortRange ?? { from: 27100, to: 27199 },
    appPackage: o.appPackage ?? DEFAULT_PHONE_APP.package,
    appActivity: o.appActivity ?? DEFAULT_PHONE_APP.activity,
    appPort: o.appPort ?? DEFAULT_PHONE_APP.port,
    appListener: o.appListener ?? DEFAULT_PHONE_APP.listener,
    alipayPackage: o.alipayPackage ?? 'com.eg.android.AlipayGphone',
    checkBatteryWhitelist: o.checkBatteryWhitelist ?? true,
    pollIntervalMs: o.pollIntervalMs ?? 1000,
    healthIntervalMs: o.healthIntervalMs ?? STATION_SETTINGS_DEFAULTS.care.heartbeatSec * 1000,
    recheckWhen: o.recheckWhen ?? (() => true),
    probeRetryMs: o.probeRetryMs ?? 3000,
    retryInitialMs: o.retryInitialMs ?? 250,
    retryMaxMs: o.retryMaxMs ?? 5000,
    conflictRestarts: o.conflictRestarts ?? 3,
    conflictWindowMs: o.conflictWindowMs ?? 60_000,
    restartWaitMs: o.restartWaitMs ?? 8000,
    reattachGraceMs: o.reattachGraceMs ?? 5000,
  };
}

/**
 * `am start` said it could not start the activity. Its security errors have no `Error` line
 * (the corpus's Android 10 and 14 captures), so the corpus-proven reader decides; output it does
 * not know is let through, and the port check that follows tells whether the app came up.
 */
function failOnStartError(serial: string, output: string): void {
  const r = readAmStart(output);
  if (r.understood && r.value.kind === 'error') throw new AppStartFailedError(serial, r.value.message);
}

/** Single-quotes one argument for the phone's `sh`. */
export function quoteShellArg(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The device manager: tracks phones through adb, keeps one forward per phone, and checks their
 * health. It reports raw readiness only: what the payment engine does with a phone is the
 * engine's to report. All state changes go through the pure {@link reduceDevices}; this file
 * only does the I/O around it.
 */
export function createDeviceManager(options: DeviceManagerOptions): DeviceService {
  const o = resolve(options);
  const { adb, clock } = o;
  const emitter = createTypedEmitter<DeviceEvents>();
  const ctx = { appPackage: o.appPackage, appPort: o.appPort };
  const remote = `tcp:${o.appPort}`;
  const healthConfig = {
    appPackage: o.appPackage,
    appPort: o.appPort,
    alipayPackage: o.alipayPackage,
    checkBatteryWhitelist: o.checkBatteryWhitelist,
  };
  const forwards = createForwardAllocator({ adb, store: o.portStore, range: o.forwardPortRange, remote });
  let table: DeviceTable = new Map();
  const lastSeq = new Map<string, number>();
  let running = false;
  /** Until then, phones left over from a dead server are not removed for being unlisted. */
  let reattachUntil = 0;
  const prober = createDeviceProber({
    adb,
    clock,
    forwards,
    health: healthConfig,
    entry: (serial) => table.get(serial),
    entries: () => table.values(),
    dispatch,
    running: () => running,
    probeRetryMs: o.probeRetryMs,
    healthIntervalMs: o.healthIntervalMs,
    recheckWhen: o.recheckWhen,
  });

  function dispatch(action: DeviceAction): void {
    const r = reduceDevices(table, action, ctx);
    table = r.table;
    for (const c of r.changes) {
      if (c.kind === 'removed') {
        lastSeq.delete(c.snapshot.serial);
        prober.forget(c.snapshot.serial);
        void forwards.releaseGone(c.snapshot.serial);
      }
      emitter.emit(c.kind, c.snapshot);
    }
    if (!running) return;
    for (const e of table.values()) {
      if (e.facts.adbType === 'device' && e.facts.probe === 'pending') void prober.probe(e.serial);
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
    const now = clock.now();
    for (const [serial, e] of [...table.entries()]) {
      if (listed.has(serial) || !fresh(serial)) continue;
      if (e.facts.serverDown && now < reattachUntil) continue;
      dispatch({ type: 'adb-gone', serial, at: now });
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
    onConnected: (devices) => {
      if ([...table.values()].some((e) => e.facts.serverDown))
        reattachUntil = clock.now() + o.reattachGraceMs;
      reconcile(devices, null);
    },
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
      void prober.maintain();
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
  const careRunner = createCareRunner({
    adb,
    appPackage: o.appPackage,
    appListener: o.appListener,
    now: () => clock.now(),
    outputs: (serial) => prober.outputs(serial),
    recheck: (serial) => service.refresh(serial),
    restartApp: (serial) => service.restartApp(serial),
  });

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
      adb.closeIdle();
      await prober.settle();
      await forwards.releaseAll();
      // Forwards are gone, so nothing known about the phones holds any more; a later start()
      // reads them all again.
      table = new Map();
      lastSeq.clear();
    },
    list: () => [...table.values()].map((e) => e.snapshot),
    get: (serial) => table.get(serial)?.snapshot,
    diagnostics(serial) {
      const e = table.get(serial);
      if (!e) return undefined;
      return { serial, health: e.snapshot.health, outputs: prober.outputs(serial) };
    },
    adbStatus: () => supervisor.status(),
    async restartApp(serial) {
      requireDevice(serial);
      await adb.shell(serial, `am force-stop ${quoteShellArg(o.appPackage)}`);
      failOnStartError(serial, await adb.shell(serial, `am start -n ${quoteShellArg(component)}`));
      const deadline = clock.now() + o.restartWaitMs;
      for (;;) {
        await prober.inFlight(serial);
        await prober.recheck(serial);
        const snap = table.get(serial)?.snapshot;
        if (!snap) throw new UnknownDeviceError(serial);
        if (!snap.health.some((h) => h.name === 'app_port_listening' && h.status === 'fail')) return;
        if (clock.now() >= deadline) throw new AppRestartTimeoutError(serial, o.restartWaitMs);
        await sleep(250);
      }
    },
    openApp: (serial, timeoutMs) => adb.openTcp(serial, o.appPort, timeoutMs),
    async care(serial, action) {
      requireDevice(serial);
      return careRunner(serial, action);
    },
    async quickCheck(serial) {
      requireDevice(serial);
      const command = quickCheckCommand(healthConfig);
      const r = readQuickCheck(await adb.shell(serial, command), healthConfig);
      return { ...r, command };
    },
    async launchUri(serial, uri) {
      requireDevice(serial);
      failOnStartError(
        serial,
        await adb.shell(serial, `am start -a android.intent.action.VIEW -d ${quoteShellArg(uri)}`),
      );
    },
    async refresh(serial) {
      const e = table.get(serial);
      if (!e) return undefined;
      await prober.inFlight(serial);
      await prober.recheck(serial);
      return table.get(serial)?.snapshot;
    },
  };
  return service;
}
