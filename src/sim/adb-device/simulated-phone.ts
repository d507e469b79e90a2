import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { AdbEndpoint } from '../../main/core/adb/host-request';
import { hostRequest } from '../../main/core/adb/host-request';
import type { PhoneAppSimulator, PhoneAppSimulatorOptions } from '../phone-app-simulator';
import { createPhoneAppSimulator } from '../phone-app-simulator';
import { DeviceSession } from './device-session';
import { capture } from './profiles/capture-store';
import type { DeviceProfile } from './profiles/device-profiles';
import { DEFAULT_PROFILE_ID, deviceProfile } from './profiles/device-profiles';
import { getpropValue } from './render/render-getprop';
import type { PhoneShellState } from './shell-services';
import { runShellCommand } from './shell-services';

export const DEFAULT_APP_PACKAGE = 'com.cashier.phone';
export const DEFAULT_APP_ACTIVITY = '.MainActivity';
export const ALIPAY_PACKAGE = 'com.eg.android.AlipayGphone';

export interface SimulatedPhoneOptions {
  /**
   * The kind of phone: which real captures its shell answers from (see `profiles/`).
   * @default DEFAULT_PROFILE_ID ('android11-miui')
   */
  profile?: string | DeviceProfile;
  /** Replaces `ro.product.model` of the profile's getprop capture (to tell phones apart in tests). */
  model?: string;
  /** Replaces `ro.product.brand` and `ro.product.manufacturer` of the capture. */
  brand?: string;
  /** Whether the station's adb key is already trusted. @default true */
  authorized?: boolean;
  /** @default true */
  appInstalled?: boolean;
  /** @default true */
  alipayInstalled?: boolean;
  /** @default DEFAULT_APP_PACKAGE */
  appPackage?: string;
  /** @default DEFAULT_APP_ACTIVITY */
  appActivity?: string;
  /** The phone app's server port on the phone. @default 10010 */
  appPort?: number;
  /** Options of the phone-app simulator (`running: false` for an app that is down). */
  app?: PhoneAppSimulatorOptions;
  /** How late the phone answers an OPEN (see {@link SimulatedPhone.openDelay}). @default none */
  openDelay?: Partial<OpenDelay>;
  /** A PIN, pattern or password is set (`dumpsys lock_settings`). @default false */
  secureLock?: boolean;
  /** How long `svc power reboot` keeps the phone away, in ms. @default 1500 */
  rebootMs?: number;
  /** Whether the app comes back by itself after a reboot (its boot receiver). @default true */
  appStartsOnBoot?: boolean;
}

/** How long the phone takes to answer an OPEN from the host, in ms. */
export interface OpenDelay {
  /** Before the CLSE of a refused OPEN (nothing listens on the port). */
  refuseMs: number;
  /** Before the OKAY of an accepted one. */
  acceptMs: number;
}

/**
 * A phone as adb sees it over TCP: it speaks the device side of the ADB transport, answers
 * shell services from {@link PhoneShellState}, and routes `tcp:<appPort>` to a phone-app
 * simulator. "Plugging" it is `adb connect`, which is how USB attach is modelled here.
 */
export interface SimulatedPhone {
  /** The TCP port adb connects to; 0 before {@link listen}. */
  readonly port: number;
  /** The serial adb gives it: `127.0.0.1:<port>`. */
  readonly serial: string;
  /** `ro.product.model` as its getprop prints it. */
  readonly model: string;
  readonly app: PhoneAppSimulator;
  readonly state: PhoneShellState;
  /** How late it answers OPENs; change it at any time. */
  readonly openDelay: OpenDelay;
  /** The last 256 shell commands received, in order. */
  readonly shellLog: readonly string[];
  /** Number of live host connections. */
  readonly sessions: number;
  /** How many times `svc power reboot` ran. */
  readonly reboots: number;
  /** OPENs of the app's port refused because the app was down (each after `openDelay.refuseMs`). */
  readonly appRefusals: number;
  listen(): Promise<number>;
  /** `host:connect` on that adb server: the phone appears there. */
  plugInto(adb: AdbEndpoint): Promise<string>;
  /** `host:disconnect` on the adb server it was plugged into: `remove` at once, like a USB pull. */
  unplug(): Promise<void>;
  /**
   * Calls `listener` with each shell command line after its output was computed and before it is
   * sent (a harness can act in the gap, e.g. kill the app right after a check saw it listening).
   * Returns the unsubscribe function.
   */
  onShell(listener: (line: string) => void): () => void;
  /** The user taps "Allow USB debugging": pending connections come online. */
  authorize(): void;
  /** Forget the trusted key: the next connection asks again. */
  revokeAuthorization(): void;
  close(): Promise<void>;
}

export function createSimulatedPhone(options: SimulatedPhoneOptions = {}): SimulatedPhone {
  const appPackage = options.appPackage ?? DEFAULT_APP_PACKAGE;
  const profile =
    typeof options.profile === 'object'
      ? options.profile
      : deviceProfile(options.profile ?? DEFAULT_PROFILE_ID);
  const propOverrides: Record<string, string> = {};
  if (options.model) propOverrides['ro.product.model'] = options.model;
  if (options.brand) {
    propOverrides['ro.product.brand'] = options.brand;
    propOverrides['ro.product.manufacturer'] = options.brand;
  }
  const props = () => capture(profile.captures.getprop);
  const model = options.model ?? getpropValue(props(), 'ro.product.model') ?? profile.id;
  const app = createPhoneAppSimulator(options.app);
  const packages = new Set<string>(['com.android.systemui']);
  if (options.appInstalled ?? true) packages.add(appPackage);
  if (options.alipayInstalled ?? true) packages.add(ALIPAY_PACKAGE);
  const state: PhoneShellState = {
    profile,
    propOverrides,
    packages,
    appPackage,
    appActivity: options.appActivity ?? DEFAULT_APP_ACTIVITY,
    listenerClass: '.PayNotificationListener',
    appPort: options.appPort ?? 10010,
    appUid: 10123,
    listenerEnabled: true,
    listenerBound: profile.starts.listenerLive,
    listenerBinderHash: Math.floor(Math.random() * 0xfffffff).toString(16),
    screenOn: profile.starts.screenOn,
    locked: profile.starts.locked,
    batteryWhitelisted: true,
    launchedUris: [],
    outputOverrides: new Map(),
    hangingCommands: new Set(),
    secureLock: options.secureLock ?? false,
    stayOn: '',
    careLog: [],
  };
  let authorized = options.authorized ?? true;
  let server: net.Server | null = null;
  let port = 0;
  let pluggedInto: AdbEndpoint | null = null;
  const sessions = new Set<DeviceSession>();
  const sockets = new Set<net.Socket>();
  const shellLog: string[] = [];
  const shellListeners = new Set<(line: string) => void>();
  const openDelay: OpenDelay = { refuseMs: 0, acceptMs: 0, ...options.openDelay };

  // adbd's CNXN banner: `device::ro.product.name=…;ro.product.model=…;ro.product.device=…;features=…`.
  const banner = () => {
    const name = getpropValue(props(), 'ro.product.name') ?? model.toLowerCase();
    const device = getpropValue(props(), 'ro.product.device') ?? model.toLowerCase();
    return `device::ro.product.name=${name};ro.product.model=${model};ro.product.device=${device};features=shell_v2,cmd,stat_v2`;
  };

  function openService(service: string) {
    if (service.startsWith('shell:')) {
      const line = service.slice('shell:'.length);
      if ([...state.hangingCommands].some((p) => line.startsWith(p))) {
        // Accept the stream and never answer; it ends when the host closes it.
        return (stream: Duplex) => void stream.on('error', () => {});
      }
      shellLog.push(line);
      // Bounded, so a phone replugged for hours (demo, bench) does not grow without end.
      if (shellLog.length > 256) shellLog.splice(0, shellLog.length - 256);
      const output = runShellCommand(line, state, app);
      for (const l of shellListeners) l(line);
      return (stream: Duplex) => {
        stream.on('error', () => {});
        stream.end(Buffer.from(output, 'utf8'));
      };
    }
    const tcp = /^tcp:(\d+)$/.exec(service);
    if (tcp && Number(tcp[1]) === state.appPort) {
      // A dead app does not listen: refuse the OPEN, and adb closes the forwarded connection.
      if (!app.running || !state.packages.has(appPackage)) {
        appRefusals++;
        return null;
      }
      return (stream: Duplex) => void app.handleConnection(stream);
    }
    return null;
  }

  // `svc power reboot`: the shell answers, then the phone drops off adb, boots (the app and its
  // listener start again only where the app starts on boot) and comes back on the same cable.
  let reboots = 0;
  let appRefusals = 0;
  state.reboot = () => {
    reboots++;
    setTimeout(() => {
      const adb = pluggedInto;
      app.stopApp();
      state.listenerBound = false;
      void phone.unplug().then(() => {
        setTimeout(() => {
          if (options.appStartsOnBoot ?? true) {
            app.startApp();
            state.listenerBound = state.listenerEnabled;
          }
          state.screenOn = true;
          if (adb && server) void phone.plugInto(adb).catch(() => {});
        }, options.rebootMs ?? 1500);
      });
    }, 50);
  };

  const phone: SimulatedPhone = {
    get port() {
      return port;
    },
    get serial() {
      return `127.0.0.1:${port}`;
    },
    model,
    app,
    state,
    openDelay,
    shellLog,
    get sessions() {
      return sessions.size;
    },
    get reboots() {
      return reboots;
    },
    get appRefusals() {
      return appRefusals;
    },
    async listen() {
      if (server) return port;
      const s = net.createServer((socket) => {
        sockets.add(socket);
        const session = new DeviceSession(socket, {
          banner: banner(),
          authorized: () => authorized,
          openService,
          openDelayMs: (accepted) => (accepted ? openDelay.acceptMs : openDelay.refuseMs),
        });
        sessions.add(session);
        socket.on('close', () => {
          sessions.delete(session);
          sockets.delete(socket);
        });
      });
      server = s;
      // Port 0: a port in 5555–5585 would also be picked up by adb's emulator scan.
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
      port = (s.address() as net.AddressInfo).port;
      return port;
    },
    async plugInto(adb) {
      if (!server) await phone.listen();
      pluggedInto = adb;
      return hostRequest(adb, `host:connect:127.0.0.1:${port}`, 'value', { timeoutMs: 15_000 });
    },
    async unplug() {
      const adb = pluggedInto;
      pluggedInto = null;
      if (adb) await hostRequest(adb, `host:disconnect:127.0.0.1:${port}`, 'value').catch(() => '');
      for (const s of sockets) s.destroy();
    },
    onShell(listener) {
      shellListeners.add(listener);
      return () => void shellListeners.delete(listener);
    },
    authorize() {
      authorized = true;
      for (const s of sessions) s.authorize();
    },
    revokeAuthorization() {
      authorized = false;
    },
    async close() {
      await phone.unplug();
      await app.close();
      const s = server;
      server = null;
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
  };
  return phone;
}
