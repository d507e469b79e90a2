import type { AdbPort } from './adb-port';
import type { AdbkitContext } from './adbkit-client';
import { createAdbkitClient } from './adbkit-client';
import { forward } from './commands/forward';
import { killForward } from './commands/kill-forward';
import { listDevices } from './commands/list-devices';
import { listForwards } from './commands/list-forwards';
import { serverVersion } from './commands/server-version';
import { shell } from './commands/shell';
import { AdbStartFailedError, startServer } from './commands/start-server';
import { trackDevices } from './commands/track-devices';
import { createTcpOpener } from './tcp-opener';

export interface AdbkitPortOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** The adb server port. @default 5037 */
  port?: number;
  /**
   * The adb binary {@link AdbPort.startServer} runs when no server answers. Pass `/bin/false`
   * where nothing may be spawned (tests); pass null when no adb was found.
   * @default 'adb'
   */
  bin?: string | null;
  /** Environment of a server the station starts (tests give it a private HOME). @default process.env */
  serverEnv?: NodeJS.ProcessEnv;
  /** Per-request limit, so one hung request cannot stall the station. @default 10000 */
  timeoutMs?: number;
}

/** The {@link AdbPort} on top of adbkit (getprop, shell) and raw host requests (the rest). */
export function createAdbkitPort(options: AdbkitPortOptions = {}): AdbPort {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 5037;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const endpoint = { host, port };
  const ctx: AdbkitContext = {
    client: createAdbkitClient({ host, port }),
    endpoint: `${host}:${port}`,
    timeoutMs,
  };
  const bin = options.bin === undefined ? 'adb' : options.bin;
  const opener = createTcpOpener(endpoint);
  return {
    endpoint: ctx.endpoint,
    canStartServer: bin !== null,
    startServer: () =>
      bin === null
        ? Promise.reject(new AdbStartFailedError('adb', 'no adb binary was found'))
        : startServer(bin, port, timeoutMs, options.serverEnv),
    serverVersion: () => serverVersion(endpoint, timeoutMs),
    listDevices: () => listDevices(endpoint, timeoutMs),
    trackDevices: (handlers) => trackDevices(endpoint, handlers, timeoutMs),
    shell: (serial, command) => shell(ctx, serial, command),
    forward: (serial, localPort, remote) => forward(endpoint, serial, localPort, remote, timeoutMs),
    listForwards: () => listForwards(endpoint, timeoutMs),
    openTcp: (serial, remotePort, openTimeoutMs) => opener.open(serial, remotePort, openTimeoutMs),
    closeIdle: () => opener.close(),
    killForward: (serial, localPort) => killForward(endpoint, serial, localPort, timeoutMs),
  };
}
