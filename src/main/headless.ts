// `npm run serve`: the station's core under plain Node, for kiosks, servers and machines where
// Electron cannot run. Same core as the desktop app; the window is served to a browser.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UiServer } from './core/bridge/ui-server';
import { startUiServer } from './core/bridge/ui-server';
import { coreOptionsFromFlags } from './core/config/core-options-from-flags';
import { parseServeArgs, SERVE_USAGE, ServeArgsError } from './core/config/serve-args';
import type { Core } from './core/create-core';
import { createCore } from './core/create-core';

/** The folder Electron's `app.getPath('userData')` would use, so both modes share one database. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const name = 'Cashier Station';
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', name);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), name);
}

/**
 * The built renderer: next to this bundle (`out/main` → `out/renderer`), or, when run from
 * source, the last build in `out/renderer`. Null when there is no build.
 */
export function findRendererDir(here: string = __dirname): string | null {
  for (const dir of [path.resolve(here, '../renderer'), path.resolve(here, '../../out/renderer')]) {
    const index = path.join(dir, 'index.html');
    // The unbuilt page points at TypeScript sources; only a built one can be served as is.
    if (existsSync(index) && !readFileSync(index, 'utf8').includes('src/main.tsx')) return dir;
  }
  return null;
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
      ...coreOptionsFromFlags(args),
      httpHost,
      resourcesPath: path.resolve(__dirname, '../../resources'),
    });
  } catch (err) {
    console.error(`station: could not open the station in ${dataDir}: ${(err as Error).message}`);
    process.exit(1);
  }

  let ui: UiServer | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (signal: string) => {
    if (stopping) return;
    console.error(`station: ${signal} received, stopping (forwards removed, database closed)…`);
    stopping = (ui ? ui.close() : Promise.resolve())
      .then(() => core.stop())
      .then(
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
    console.error(
      `station: API key ${core.settings.get().apiKey} (secret in Settings, or STATION_API_SECRET)`,
    );
    const rendererDir = findRendererDir();
    if (rendererDir) {
      const apiPort = Number(new URL(apiUrl).port);
      const wanted = args.uiPort ?? apiPort + 1;
      try {
        ui = await startUiServer({ core: core.bridge, rootDir: rendererDir, port: wanted });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || args.uiPort !== null) throw err;
        console.error(`station: UI port ${wanted} is taken; using a free one (choose with --ui-port).`);
        ui = await startUiServer({ core: core.bridge, rootDir: rendererDir, port: 0 });
      }
      // Open this in a browser on this machine; the token changes at every start.
      console.log(`station ui ${ui.url}`);
    } else {
      console.error('station: no built window found (run `npm run build`); serving the API only.');
    }
    // One line on stdout that scripts and tests wait for.
    console.log(`station ready ${apiUrl}`);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const hint =
      e.code === 'EADDRINUSE'
        ? ' — another program (or another station) uses that port; pick one with --http-port.'
        : '';
    console.error(`station: could not start: ${e.message}${hint}`);
    await core.stop();
    process.exit(1);
  }
}

void main();
