// `npm run serve`: the station's core under plain Node, for kiosks, servers and machines where
// Electron cannot run. Same core as the desktop app; the window is served to a browser.
import os from 'node:os';
import path from 'node:path';
import { parseServeArgs, SERVE_USAGE, ServeArgsError } from './core/config/serve-args';
import type { Core } from './core/create-core';
import { createCore } from './core/create-core';

/** The folder Electron's `app.getPath('userData')` would use, so both modes share one database. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const name = 'Cashier Station';
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', name);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), name);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof ServeArgsError) {
      console.error(`station: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  if (args.help) {
    console.log(SERVE_USAGE);
    return;
  }
  const httpHost = args.httpHost ?? '127.0.0.1';
  const dataDir = args.dataDir ?? defaultDataDir();
  let core: Core;
  try {
    core = await createCore({
      dataDir,
      httpHost,
      httpPort: args.httpPort ?? 17800,
      adbPort: args.adbPort ?? undefined,
      adbBin: args.adbBin,
      phonePort: args.phonePort ?? undefined,
      phoneApp: args.phoneApp,
      resourcesPath: path.resolve(__dirname, '../../resources'),
      settingsOverrides: {
        ...(args.resultTimeoutSec !== null ? { resultTimeoutMs: args.resultTimeoutSec * 1000 } : {}),
        ...(args.settleSec !== null ? { settleMs: args.settleSec * 1000 } : {}),
        ...(args.minResultMs !== null ? { minResultMs: args.minResultMs } : {}),
      },
    });
  } catch (err) {
    console.error(`station: could not open the station in ${dataDir}: ${(err as Error).message}`);
    process.exit(1);
  }

  let stopping: Promise<void> | null = null;
  const stop = (signal: string) => {
    if (stopping) return;
    console.error(`station: ${signal} received, stopping (forwards removed, database closed)…`);
    stopping = core.stop().then(
      () => process.exit(0),
      (err) => {
        console.error('station: stop failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    const { apiUrl } = await core.start();
    console.error(`station: data in ${dataDir}`);
    console.error(`station: API key ${core.credentials.current().key} (secret in Settings, or STATION_API_SECRET)`);
    // One line on stdout that scripts and tests wait for.
    console.log(`station ready ${apiUrl}`);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const hint =
      e.code === 'EADDRINUSE' ? ' — another program (or another station) uses that port; pick one with --http-port.' : '';
    console.error(`station: could not start: ${e.message}${hint}`);
    await core.stop();
    process.exit(1);
  }
}

void main();
