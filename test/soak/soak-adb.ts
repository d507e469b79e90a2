import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from '../support/adb-server';

/**
 * The soak's adb server: Debian's adb on a private port and HOME. It can be killed at any moment
 * (SIGKILL, whichever process serves the port: the harness's own or one the station started with
 * `adb start-server`), and is brought back by the station or, failing that, by the harness.
 */
export interface SoakAdb {
  readonly port: number;
  /** The HOME both the harness's server and the station's use (no key lands in ~/.android). */
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  /** SIGKILL every adb process serving this port; resolves once they are gone. */
  killAll(): Promise<void>;
  /** Waits until some server answers; starts one itself after `graceMs` without one. */
  ensureUp(graceMs: number): Promise<'station' | 'harness'>;
  forwards(): string[];
  /** adb processes still serving this port (should be none after close). */
  leftovers(): string[];
  close(): Promise<void>;
}

export function canConnect(port: number): Promise<boolean> {
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
 * Every adb serving this port in `ps -eo pid=,args=` output: the harness's `adb -P <port> nodaemon
 * server`, and the daemon a station's `adb -P <port> start-server` forks, which adb 29 names
 * `adb -L tcp:<port> fork-server`. A killed process that is only a zombie has no args left
 * (`[adb] <defunct>`), so it is not listed: its sockets are closed already.
 */
export function parseAdbPids(psOutput: string, port: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const line of psOutput.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const cmd = `${m[2]} `;
    if (/\badb\b/.test(cmd) && (cmd.includes(`-P ${port} `) || cmd.includes(`tcp:${port} `)))
      out.push({ pid: Number(m[1]), cmd: m[2] });
  }
  return out;
}

function adbPids(port: number): { pid: number; cmd: string }[] {
  const r = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return parseAdbPids(r.stdout ?? '', port);
}

export async function startSoakAdb(): Promise<SoakAdb> {
  if (spawnSync('adb', ['version'], { stdio: 'ignore' }).error)
    throw new Error('adb not found on PATH: the soak needs the real adb server (apt-get install -y adb)');
  const home = mkdtempSync(path.join(tmpdir(), 'cashier-soak-adb-'));
  const env = { ...process.env, HOME: home, ADB_USB: '0', ADB_EMU: '0', ADB_MDNS: '0' };
  const port = await findFreePort();

  async function startOwn(): Promise<void> {
    const c = spawn('adb', ['-P', String(port), 'nodaemon', 'server'], { env, stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    while (!(await canConnect(port))) {
      if (c.exitCode !== null) {
        // Lost a race with a server the station started meanwhile: that one serves.
        if (await canConnect(port)) return;
        throw new Error(`adb server exited with ${c.exitCode} on port ${port}`);
      }
      if (Date.now() > deadline) throw new Error(`adb server did not listen on ${port} within 5 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const killOnExit = (): number[] => {
    const killed: number[] = [];
    for (const p of adbPids(port)) {
      try {
        process.kill(p.pid, 'SIGKILL');
        killed.push(p.pid);
      } catch {
        // already gone
      }
    }
    return killed;
  };
  process.once('exit', killOnExit);
  await startOwn();

  const soakAdb: SoakAdb = {
    port,
    home,
    env,
    async killAll() {
      // SIGKILL only queues the death: for a few milliseconds the old server's socket still
      // accepts, and ensureUp would take it for a server the station started.
      const killed = new Set(killOnExit());
      const deadline = Date.now() + 5000;
      while (adbPids(port).some((p) => killed.has(p.pid))) {
        if (Date.now() > deadline)
          throw new Error(`adb ${[...killed].join(', ')} still alive 5 s after SIGKILL`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async ensureUp(graceMs) {
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline) {
        if (await canConnect(port)) return 'station';
        await new Promise((r) => setTimeout(r, 50));
      }
      if (await canConnect(port)) return 'station';
      await startOwn();
      return 'harness';
    },
    forwards() {
      const r = spawnSync('adb', ['-P', String(port), 'forward', '--list'], {
        env,
        encoding: 'utf8',
        timeout: 5000,
      });
      return (r.stdout ?? '').split('\n').filter((l) => l.trim() !== '');
    },
    leftovers: () => adbPids(port).map((p) => `${p.pid} ${p.cmd}`),
    async close() {
      spawnSync('adb', ['-P', String(port), 'kill-server'], { env, stdio: 'ignore', timeout: 5000 });
      const deadline = Date.now() + 3000;
      while (adbPids(port).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      killOnExit();
      process.off('exit', killOnExit);
      rmSync(home, { recursive: true, force: true });
    },
  };
  return soakAdb;
}
