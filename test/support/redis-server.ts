import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from './adb-server';

export const REDIS_SERVER_BIN = '/usr/bin/redis-server';

/** Thrown (never skipped) when Debian's redis-server is missing: the fleet tests need a real one. */
export class RedisBinaryMissingError extends Error {
  readonly code = 'REDIS_BINARY_MISSING';
  constructor() {
    super(
      `${REDIS_SERVER_BIN} not found. The fleet tests need a real Redis: apt-get install -y redis-server`,
    );
    this.name = 'RedisBinaryMissingError';
  }
}

export interface TestRedisOptions {
  /**
   * `appendonly yes` with `appendfsync always`, the configuration docs/FLEET.md asks for; with
   * false, nothing is persisted and a kill loses every stream.
   * @default true
   */
  aof?: boolean;
  /**
   * How long a start or restart may take to answer PING (an AOF replay answers LOADING first).
   * @default 10000
   */
  readyTimeoutMs?: number;
}

export interface TestRedisServer {
  /** `redis://127.0.0.1:PORT`, no password, db 0. */
  readonly url: string;
  readonly port: number;
  /** The server's working dir: the AOF (`appendonlydir/`) and `redis.log` live here. */
  readonly dir: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** SIGKILL, as a crash or a power cut would end it (minus the page cache); waits for the exit. */
  kill(): Promise<void>;
  /** Kills it if still running, then starts it again on the same port and dir; resolves once it answers PING. */
  restart(): Promise<void>;
  /** Kills the server and removes its dir. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // An interrupted test run must not leave redis-servers behind.
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

/** True once the server answers `+PONG` (not `-LOADING`, which it says while replaying the AOF). */
export function answersPing(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function logTail(file: string): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
}

/**
 * Debian's redis-server, private to one test file: a free loopback port (never 6379), its own
 * temp dir, no RDB snapshots, and by default the AOF settings docs/FLEET.md recommends, so that
 * {@link TestRedisServer.kill} then {@link TestRedisServer.restart} brings the streams back.
 */
export async function startTestRedisServer(options: TestRedisOptions = {}): Promise<TestRedisServer> {
  if (!existsSync(REDIS_SERVER_BIN)) throw new RedisBinaryMissingError();
  installExitHook();
  const aof = options.aof ?? true;
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  const dir = mkdtempSync(path.join(tmpdir(), 'cashier-redis-'));
  const logFile = path.join(dir, 'redis.log');
  let port = 0;
  let child: ChildProcess | null = null;

  function args(): string[] {
    return [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--daemonize',
      'no',
      '--logfile',
      logFile,
      '--appendonly',
      aof ? 'yes' : 'no',
      ...(aof ? ['--appendfsync', 'always'] : []),
    ];
  }

  async function launch(): Promise<void> {
    const c = spawn(REDIS_SERVER_BIN, args(), { cwd: dir, stdio: 'ignore' });
    child = c;
    live.add(c);
    c.once('exit', () => live.delete(c));
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await answersPing(port))) {
      if (c.exitCode !== null || c.signalCode !== null)
        throw new Error(
          `redis-server exited (${c.exitCode ?? c.signalCode}) on port ${port}:\n${logTail(logFile)}`,
        );
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `redis-server did not answer PING on ${port} within ${readyTimeoutMs} ms:\n${logTail(logFile)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function stop(): Promise<void> {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  }

  // Another process may take the port between the check and redis-server's bind: pick again.
  for (let attempt = 1; ; attempt++) {
    port = await findFreePort();
    try {
      await launch();
      break;
    } catch (err) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }

  return {
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dir,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    kill: stop,
    async restart() {
      await stop();
      await launch();
    },
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
