import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Thrown (never skipped) when Debian's adb is missing: these tests need the real server. */
export class AdbBinaryMissingError extends Error {
  readonly code = 'ADB_BINARY_MISSING';
  constructor() {
    super('adb not found on PATH. The device tests need a real adb server: apt-get install -y adb');
    this.name = 'AdbBinaryMissingError';
  }
}

export interface TestAdbServer {
  readonly port: number;
  readonly pid: number | undefined;
  /**
   * The environment its server runs in (private HOME, USB, emulator scan and mDNS off). Give it
   * to a station on this port, so a server the station starts lives the same way.
   */
  readonly env: NodeJS.ProcessEnv;
  readonly running: boolean;
  /** How the last server process ended, if one did (a crash shows as a signal). */
  readonly lastExit: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** SIGKILL, as a crash or another tool's `kill-server` would; waits for the exit. */
  kill(): Promise<void>;
  /** Starts a fresh server on the same port (after {@link kill}). */
  start(): Promise<void>;
  /** Stops the server and removes its temporary HOME. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed or interrupted test run must not leave adb servers behind.
  const killAll = () => {
    for (const c of live) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      killAll();
      process.exit(130);
    });
  }
}

/** A port nobody listens on, checked by binding it (a stale adb would still answer a connect). */
export async function findFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = 20000 + Math.floor(Math.random() * 30000);
    if (await isPortFree(candidate)) return candidate;
  }
  throw new Error('no free loopback port found in 50 attempts');
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.createConnection({ host: '127.0.0.1', port });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/**
 * Debian's `adb -P <port> nodaemon server`, private to one test file: its own port, its own
 * HOME (so no key lands in the real ~/.android), USB, emulator scan and mDNS off.
 */
export async function startTestAdbServer(): Promise<TestAdbServer> {
  if (spawnSync('adb', ['version'], { stdio: 'ignore' }).error) throw new AdbBinaryMissingError();
  installExitHook();
  const home = mkdtempSync(path.join(tmpdir(), 'cashier-adb-home-'));
  const port = await findFreePort();
  let child: ChildProcess | null = null;
  let lastExit: TestAdbServer['lastExit'] = null;
  const env = { ...process.env, HOME: home, ADB_USB: '0', ADB_EMU: '0', ADB_MDNS: '0' };

  async function start(): Promise<void> {
    if (!(await isPortFree(port))) throw new Error(`adb test port ${port} is busy; a stale server?`);
    const c = spawn('adb', ['-P', String(port), 'nodaemon', 'server'], {
      env,
      stdio: 'ignore',
    });
    child = c;
    live.add(c);
    c.once('exit', (code, signal) => {
      live.delete(c);
      lastExit = { code, signal };
    });
    const deadline = Date.now() + 5000;
    while (!(await canConnect(port))) {
      if (c.exitCode !== null) throw new Error(`adb server exited with ${c.exitCode} on port ${port}`);
      if (Date.now() > deadline) throw new Error(`adb server did not listen on ${port} within 5 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async function stop(signal: NodeJS.Signals): Promise<void> {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(signal);
    });
  }

  await start();
  return {
    port,
    env,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    get lastExit() {
      return lastExit;
    },
    kill: () => stop('SIGKILL'),
    start,
    async close() {
      await stop('SIGTERM');
      rmSync(home, { recursive: true, force: true });
    },
  };
}
