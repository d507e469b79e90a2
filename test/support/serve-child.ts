import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export const TEST_CREDENTIALS = { key: 'cs_test_key_0001', secret: 'test-secret-0123456789abcdef' };

/** serve options for tests: a private adb server, any free API port, short timeouts for fast simulated phones. */
export function fastStationArgs(dataDir: string, adbPort: number): string[] {
  return [
    '--data-dir',
    dataDir,
    '--http-port',
    '0',
    '--adb-port',
    String(adbPort),
    '--adb-bin',
    '/usr/bin/adb',
    '--min-result-ms',
    '0',
    '--settle-sec',
    '1',
    '--result-timeout',
    '5',
  ];
}

export interface ServeChild {
  readonly process: ChildProcess;
  /** The API URL from the `station ready` line. */
  readonly apiUrl: string;
  /** Everything the child wrote to stderr so far (for failure messages). */
  stderr(): string;
  stdout(): string;
  /** SIGTERM and wait for a clean exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait. */
  kill(): Promise<void>;
}

/**
 * Runs `src/main/headless.ts` (what `npm run serve` runs, from source) as a child process and
 * waits for its `station ready <url>` line.
 */
export async function startServeChild(
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ServeChild> {
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/vite-node'),
    [path.join(ROOT, 'src/main/headless.ts'), '--', ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        STATION_API_KEY: TEST_CREDENTIALS.key,
        STATION_API_SECRET: TEST_CREDENTIALS.secret,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const apiUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not get ready in time.\nstdout:\n${out}\nstderr:\n${err}`)),
      options.timeoutMs ?? 30_000,
    );
    const onData = () => {
      const m = /station ready (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready.\nstdout:\n${out}\nstderr:\n${err}`));
    });
  });
  return {
    process: child,
    apiUrl,
    stderr: () => err,
    stdout: () => out,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
