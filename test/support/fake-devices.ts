import type {
  AdbStatus,
  DeviceEvents,
  DeviceService,
  DeviceSnapshot,
} from '../../src/main/core/devices/device-types';
import net from 'node:net';
import type { DeviceTcpOpen } from '../../src/main/core/devices/device-types';
import { createTypedEmitter } from '../../src/main/core/util/typed-emitter';
import type { PhoneAppSimulator, PhoneAppSimulatorOptions } from '../../src/sim/phone-app-simulator';
import { createPhoneAppSimulator } from '../../src/sim/phone-app-simulator';

/**
 * On loopback a connection is accepted only by a listening app and refused at once otherwise,
 * which is as exact as adb's transport: the fake's `openApp`.
 */
function openLoopback(port: number, timeoutMs: number): Promise<DeviceTcpOpen> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ kind: 'timeout', detail: `no connection within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.pause();
      resolve({ kind: 'open', socket, early: Buffer.alloc(0) });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        kind: err.code === 'ECONNREFUSED' ? 'refused' : 'closed',
        detail: `${err.code}: ${err.message}`,
      });
    });
  });
}

/**
 * A DeviceService for engine tests whose phones are real phone-app simulators listening on
 * loopback TCP, so every payment crosses a real socket through the real phone client and frame
 * codec. It stands in for the adb device manager; the lead runs the same scenarios through adb.
 */
export interface FakeDevices extends DeviceService {
  addPhone(serial: string, options?: PhoneAppSimulatorOptions): Promise<PhoneAppSimulator>;
  /**
   * A phone whose app listens on `port` in another process (crash tests run the engine in a
   * child). Its app cannot be restarted from here: restartApp fails for it.
   */
  attachPort(serial: string, port: number): void;
  sim(serial: string): PhoneAppSimulator;
  /** The cable is pulled: the app stops answering and the device disappears. */
  unplug(serial: string): void;
  /** Every restartApp call, in order. */
  readonly restarts: { serial: string; at: number }[];
  /** Makes restartApp fail for this serial until cleared. */
  failRestarts(serial: string, fail: boolean): void;
  close(): Promise<void>;
}

export function createFakeDevices(): FakeDevices {
  const emitter = createTypedEmitter<DeviceEvents>();
  const phones = new Map<string, { sim: PhoneAppSimulator | null; snap: DeviceSnapshot }>();
  const restarts: { serial: string; at: number }[] = [];
  const failing = new Set<string>();

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    async start() {},
    async stop() {},
    list: () => [...phones.values()].map((p) => p.snap),
    get: (serial) => phones.get(serial)?.snap,
    adbStatus: (): AdbStatus => ({ kind: 'connected', version: 41 }),
    async restartApp(serial) {
      restarts.push({ serial, at: Date.now() });
      const p = phones.get(serial);
      if (!p || !p.sim || failing.has(serial)) {
        throw new Error(`device ${serial} not found (is it plugged in?)`);
      }
      p.sim.restartApp();
      // The simulator reopens its listening socket asynchronously.
      await new Promise((r) => setTimeout(r, 5));
    },
    async launchUri() {},
    // A loopback phone has an app to revive and nothing else: its other actions do not exist.
    async care(serial, action) {
      if (action !== 'revive_app')
        return { result: 'unsupported', detail: `a loopback phone has no ${action}`, outputs: [] };
      try {
        await this.restartApp(serial);
        return { result: 'done', detail: 'restarted', outputs: [] };
      } catch (err) {
        return { result: 'failed', detail: (err as Error).message, outputs: [] };
      }
    },
    // A loopback phone has no listener to read: the check sees only whether its app runs.
    async quickCheck(serial) {
      const p = phones.get(serial);
      if (!p) throw new Error(`device ${serial} not found (is it plugged in?)`);
      const passed = p.sim === null || p.sim.running;
      return { passed, detail: passed ? 'ok' : 'the app is not running', command: 'loopback' };
    },
    openApp: (serial, timeoutMs) => {
      const port = phones.get(serial)?.snap.localPort;
      if (port === undefined || port === null)
        return Promise.resolve({ kind: 'no_device', detail: `device '${serial}' not found` });
      return openLoopback(port, timeoutMs);
    },
    diagnostics: (serial) => {
      const p = phones.get(serial);
      return p && { serial, health: p.snap.health, outputs: [] };
    },
    async refresh(serial) {
      return phones.get(serial)?.snap;
    },
    async addPhone(serial, options) {
      const sim = createPhoneAppSimulator(options);
      const port = await sim.listen();
      add(serial, port, sim);
      return sim;
    },
    attachPort(serial, port) {
      add(serial, port, null);
    },
    sim(serial) {
      const p = phones.get(serial);
      if (!p?.sim) throw new Error(`no fake phone ${serial}`);
      return p.sim;
    },
    unplug(serial) {
      const p = phones.get(serial);
      if (!p) return;
      phones.delete(serial);
      void p.sim?.close();
      emitter.emit('removed', { ...p.snap, state: 'gone', localPort: null });
    },
    restarts,
    failRestarts(serial, fail) {
      if (fail) failing.add(serial);
      else failing.delete(serial);
    },
    async close() {
      await Promise.all([...phones.values()].map((p) => p.sim?.close()));
      phones.clear();
    },
  };

  function add(serial: string, port: number, sim: PhoneAppSimulator | null): void {
    const now = Date.now();
    const snap: DeviceSnapshot = {
      serial,
      state: 'ready',
      reason: null,
      model: 'SimPhone',
      brand: 'sim',
      androidVersion: '11',
      rom: null,
      localPort: port,
      health: [],
      firstSeenAt: now,
      updatedAt: now,
    };
    phones.set(serial, { sim, snap });
    emitter.emit('added', snap);
  }
}
