import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The station as the demo runs it: a child process, exactly as a shop would start it. */
export interface StationProcess {
  readonly pid: number;
  readonly mode: 'serve' | 'electron';
  readonly apiUrl: string;
  /** The window's URL in serve mode (with its session token); null in Electron or API-only. */
  readonly uiUrl: string | null;
  /** SIGTERM, then wait: the station removes its forwards and closes the database. Exit code. */
  stop(): Promise<number | null>;
}

export interface StationLaunchOptions {
  root: string;
  mode: 'serve' | 'electron';
  /** Electron binary (from `require('electron')`), for mode `electron`. */
  electronPath: string | null;
  /** Run `src/main/headless.ts` through vite-node instead of the built `out/main/headless.js`. */
  fromSource: boolean;
  /** The station's own command-line flags (serve's flags; Electron gets the same ones). */
  flags: string[];
  env: NodeJS.ProcessEnv;
  /** Every line the station writes, for the demo to show. */
  onLine(line: string): void;
  /** Electron mode has no ready line: the demo polls the API until it answers. */
  probe(apiUrl: string): Promise<boolean>;
  /** @default 90_000 */
  readyTimeoutMs?: number;
}

export class StationStartError extends Error {
  readonly code = 'STATION_START_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'StationStartError';
  }
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function command(options: StationLaunchOptions): { cmd: string; args: string[] } {
  if (options.mode === 'electron') {
    if (!options.electronPath) throw new StationStartError('Electron mode needs the Electron binary.');
    // `electron .` runs package.json's main (out/main/index.js), as `npm start` does after its build.
    return { cmd: options.electronPath, args: ['.', ...options.flags] };
  }
  const built = path.join(options.root, 'out/main/headless.js');
  if (!options.fromSource && existsSync(built))
    return { cmd: process.execPath, args: [built, ...options.flags] };
  return {
    cmd: path.join(options.root, 'node_modules/.bin/vite-node'),
    args: [path.join(options.root, 'src/main/headless.ts'), '--', ...options.flags],
  };
}

function pipeLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    rest += chunk.toString('utf8');
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      onLine(rest.slice(0, nl));
      rest = rest.slice(nl + 1);
    }
  });
  stream.on('end', () => {
    if (rest) onLine(rest);
  });
}

export async function launchStation(options: StationLaunchOptions): Promise<StationProcess> {
  const { cmd, args } = command(options);
  // Own process group: a Ctrl-C in the terminal reaches the demo only, which stops the station
  // first (so it removes its forwards while adb is still there), then adb.
  const child: ChildProcess = spawn(cmd, args, {
    cwd: options.root,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  let apiUrl: string | null = null;
  let uiUrl: string | null = null;
  const lines: string[] = [];
  let onReady: (() => void) | null = null;
  const handle = (line: string) => {
    lines.push(line);
    const ui = /^station ui (\S+)/.exec(line);
    if (ui) uiUrl = ui[1];
    const ready = /^station ready (\S+)/.exec(line);
    if (ready) {
      apiUrl = ready[1];
      onReady?.();
      return;
    }
    options.onLine(line);
  };
  pipeLines(child.stdout, handle);
  pipeLines(child.stderr, handle);

  const timeoutMs = options.readyTimeoutMs ?? 90_000;
  const flagPort = options.flags[options.flags.indexOf('--http-port') + 1];
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StationStartError(`the station did not get ready within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    onReady = done;
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new StationStartError(
          `the station exited with code ${code} before it was ready:\n${lines.join('\n')}`,
        ),
      );
    });
    if (options.mode === 'electron') {
      // The desktop app prints no ready line; its API answering is the signal.
      const url = `http://127.0.0.1:${flagPort}`;
      const poll = async () => {
        while (apiUrl === null && child.exitCode === null) {
          if (await options.probe(url).catch(() => false)) {
            apiUrl = url;
            done();
            return;
          }
          await new Promise((r) => setTimeout(r, 500));
        }
      };
      void poll();
    }
  });
  try {
    await ready;
  } catch (err) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw err;
  }

  return {
    pid: child.pid ?? -1,
    mode: options.mode,
    apiUrl: apiUrl ?? '',
    uiUrl,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        const code = await exited;
        clearTimeout(timer);
        process.off('exit', killOnExit);
        return code;
      }
      process.off('exit', killOnExit);
      return child.exitCode;
    },
  };
}
