import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A private adb server for the demo: `adb -P <port> nodaemon server` with its own HOME, so no
 * key ever lands in the real `~/.android`, and USB, emulator scan and mDNS off, so a real phone
 * on this PC is never touched. It runs in its own process group: Ctrl-C in the terminal reaches
 * only the demo, which then stops the station first (forwards removed) and this server last.
 */
export interface DemoAdbServer {
  readonly port: number;
  readonly pid: number;
  readonly adbBin: string;
  /** `adb forward --list` on this server, one line per forward. */
  listForwards(): string[];
  close(): Promise<void>;
}

export class AdbNotFoundError extends Error {
  readonly code = 'ADB_NOT_FOUND';
  constructor() {
    super(
      'adb was not found on PATH. Install it (Debian/Ubuntu: apt-get install -y adb) and run the demo again.',
    );
    this.name = 'AdbNotFoundError';
  }
}

/** The adb binary on PATH, resolved to a full path (the station is given the same one). */
export function findAdbOnPath(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, process.platform === 'win32' ? 'adb.exe' : 'adb');
    const r = spawnSync(candidate, ['version'], { stdio: 'ignore', timeout: 5000 });
    if (!r.error && r.status === 0) return candidate;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
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

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startDemoAdbServer(): Promise<DemoAdbServer> {
  const adbBin = findAdbOnPath();
  if (!adbBin) throw new AdbNotFoundError();
  const home = mkdtempSync(path.join(tmpdir(), 'cashier-demo-adb-home-'));
  const env = { ...process.env, HOME: home, ADB_USB: '0', ADB_EMU: '0', ADB_MDNS: '0' };
  const port = await freePort();
  const child = spawn(adbBin, ['-P', String(port), 'nodaemon', 'server'], {
    env,
    stdio: 'ignore',
    detached: true,
  });
  // If the demo itself dies abruptly, do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`the demo adb server exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the demo adb server did not listen on port ${port} within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    port,
    pid: child.pid ?? -1,
    adbBin,
    listForwards() {
      const r = spawnSync(adbBin, ['-P', String(port), 'forward', '--list'], {
        env,
        encoding: 'utf8',
        timeout: 5000,
      });
      return (r.stdout ?? '').split('\n').filter((line) => line.trim() !== '');
    },
    async close() {
      child.kill('SIGTERM');
      if (!(await waitExit(child, 3000))) {
        child.kill('SIGKILL');
        await waitExit(child, 3000);
      }
      process.off('exit', killOnExit);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
