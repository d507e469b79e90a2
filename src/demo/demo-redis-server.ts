import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REDIS_SERVER_BIN, RedisBinaryMissingError, answersPing } from '../../test/support/redis-server';
import { freeLoopbackPort } from './station-launcher';

/**
 * The fleet demo's private redis-server: a free loopback port, its own temp dir, the AOF settings
 * docs/FLEET.md asks for. Not test/support's startTestRedisServer: that one shares the terminal's
 * process group and exits the process on SIGINT, so a Ctrl-C would take Redis away while the
 * stations are still stopping. This one, like the demo's adb server, runs in its own process
 * group and is stopped last.
 */
export interface DemoRedisServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Its working dir (the AOF), removed by {@link close}. */
  readonly dir: string;
  close(): Promise<void>;
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

export async function startDemoRedisServer(): Promise<DemoRedisServer> {
  if (!existsSync(REDIS_SERVER_BIN)) throw new RedisBinaryMissingError();
  const dir = mkdtempSync(path.join(tmpdir(), 'cashier-demo-redis-'));
  const port = await freeLoopbackPort();
  // Redis' own defaults would make it save an RDB file at exit; --save '' keeps the AOF alone.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--daemonize', 'no', '--logfile', path.join(dir, 'redis.log'));
  args.push('--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction');
  const child = spawn(REDIS_SERVER_BIN, args, { cwd: dir, stdio: 'ignore', detached: true });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `the demo's redis-server did not answer on port ${port} within 10 s (exit ${child.exitCode}); is another one in the way?`,
      );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    dir,
    async close() {
      // SIGTERM: Redis flushes the AOF and exits; it is thrown away with its dir anyway.
      child.kill('SIGTERM');
      if (!(await waitExit(child, 3000))) {
        child.kill('SIGKILL');
        await waitExit(child, 3000);
      }
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
