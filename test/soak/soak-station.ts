import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_CREDENTIALS } from '../support/serve-child';

const ROOT = path.resolve(__dirname, '../..');

/** Station timings of the soak: short, so thousands of payments fit in minutes. */
export const SOAK_TIMINGS = {
  resultTimeoutSec: 2,
  settleSec: 2,
  minResultMs: 200,
} as const;

/**
 * `npm run serve` (src/main/headless.ts from source) as a child in its own process group, on a
 * fixed API port so the backend's URL survives restarts, and restartable on the same data folder.
 */
export interface SoakStation {
  readonly apiUrl: string;
  readonly running: boolean;
  readonly starts: number;
  start(): Promise<void>;
  /** SIGKILL to the whole process group, as a crash or Task Manager would. */
  killGroup(): Promise<void>;
  /** SIGTERM and wait for a clean exit (forwards removed); returns the exit code. */
  stop(): Promise<number | null>;
  /** The last lines the station wrote (for failure messages). */
  tail(lines?: number): string;
  /** Processes still in a station's process group (should be none after stop). */
  leftovers(): string[];
}

export function createSoakStation(options: {
  dataDir: string;
  httpPort: number;
  adbPort: number;
  env: NodeJS.ProcessEnv;
  /** Every line every station run wrote goes here too. */
  logFile: string;
  /** More flags (fleet mode). */
  extraArgs?: string[];
}): SoakStation {
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);
  let log = '';
  let starts = 0;
  const groups = new Set<number>();
  const append = (who: string, chunk: Buffer) => {
    const lines = chunk
      .toString()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => `${new Date().toISOString().slice(11, 23)} [${who}#${starts}] ${l}\n`)
      .join('');
    log += lines;
    appendFileSync(options.logFile, lines);
    if (log.length > 200_000) log = log.slice(-100_000);
  };

  const args = () => [
    path.join(ROOT, 'src/main/headless.ts'),
    '--',
    '--data-dir',
    options.dataDir,
    '--http-port',
    String(options.httpPort),
    '--adb-port',
    String(options.adbPort),
    '--adb-bin',
    '/usr/bin/adb',
    '--min-result-ms',
    String(SOAK_TIMINGS.minResultMs),
    '--settle-sec',
    String(SOAK_TIMINGS.settleSec),
    '--result-timeout',
    String(SOAK_TIMINGS.resultTimeoutSec),
    ...(options.extraArgs ?? []),
  ];

  const station: SoakStation = {
    apiUrl: `http://127.0.0.1:${options.httpPort}`,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    get starts() {
      return starts;
    },
    async start() {
      starts++;
      const c = spawn(path.join(ROOT, 'node_modules/.bin/vite-node'), args(), {
        cwd: ROOT,
        env: {
          ...options.env,
          STATION_API_KEY: TEST_CREDENTIALS.key,
          STATION_API_SECRET: TEST_CREDENTIALS.secret,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child = c;
      if (c.pid) groups.add(c.pid);
      let out = '';
      c.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        append('out', b);
      });
      c.stderr!.on('data', (b: Buffer) => append('err', b));
      exited = new Promise((resolve) => c.once('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`station did not get ready in 60 s\n${station.tail()}`)),
          60_000,
        );
        const onData = () => {
          if (/station ready /.test(out)) {
            clearTimeout(timer);
            c.stdout!.off('data', onData);
            resolve();
          }
        };
        c.stdout!.on('data', onData);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`station exited with ${code} before it was ready\n${station.tail()}`));
        });
      });
    },
    async killGroup() {
      const c = child;
      if (!c || c.pid === undefined) return;
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
      await exited;
      child = null;
    },
    async stop() {
      const c = child;
      if (!c) return null;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      child = null;
      return code;
    },
    tail(lines = 40) {
      return log.split('\n').slice(-lines).join('\n');
    },
    leftovers() {
      const out: string[] = [];
      const r = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
      for (const line of (r.stdout ?? '').split('\n')) {
        const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
        // A zombie (`<defunct>`) is already dead: only its exit status waits for PID 1 to reap it.
        if (m && groups.has(Number(m[2])) && !m[3].includes('<defunct>')) out.push(`${m[1]} ${m[3]}`);
      }
      return out;
    },
  };
  return station;
}
