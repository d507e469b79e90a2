#!/usr/bin/env node
// `npm run package[:win|:linux]`: check what the installer must carry, rebuild better-sqlite3
// for Electron, build the bundles, then run electron-builder (config: electron-builder.yml).
//   node scripts/package.mjs [win|linux]   (default: this machine's platform)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What each target's `resources/platform-tools/<folder>/` must hold (see its README). */
export const PLATFORM_TOOLS = {
  win: { folder: 'win', files: ['adb.exe', 'AdbWinApi.dll', 'AdbWinUsbApi.dll'], builderFlag: '--win' },
  linux: { folder: 'linux', files: ['adb'], builderFlag: '--linux' },
};

export class PackagingError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'PackagingError';
    this.code = code;
  }
}

/** `win`, `linux`, or this machine's platform when none is given. */
export function resolveTarget(arg, platform = process.platform) {
  const target = arg ?? (platform === 'win32' ? 'win' : platform === 'linux' ? 'linux' : null);
  if (target === null || !(target in PLATFORM_TOOLS)) {
    throw new PackagingError(
      'PACKAGE_UNKNOWN_TARGET',
      `Unknown packaging target ${JSON.stringify(arg ?? platform)}: use "win" or "linux" (npm run package:win / package:linux).`,
    );
  }
  return target;
}

/**
 * Throws a PackagingError naming every missing file and where to put it, so that an installer
 * without adb is never built (the shop would get a station that cannot see its phones).
 */
export function checkPlatformTools(root, target) {
  const spec = PLATFORM_TOOLS[target];
  const dir = path.join(root, 'resources', 'platform-tools', spec.folder);
  const missing = spec.files.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length > 0) {
    throw new PackagingError(
      'PACKAGE_PLATFORM_TOOLS_MISSING',
      [
        `Cannot package for ${target}: adb platform-tools are missing in ${dir}`,
        `  missing: ${missing.join(', ')}`,
        `  Copy them from Google's SDK Platform-Tools for ${target === 'win' ? 'Windows' : 'Linux'}`,
        '  (https://developer.android.com/tools/releases/platform-tools);',
        '  see resources/platform-tools/README.md.',
      ].join('\n'),
    );
  }
  if (target === 'linux') {
    try {
      accessSync(path.join(dir, 'adb'), constants.X_OK);
    } catch {
      throw new PackagingError(
        'PACKAGE_ADB_NOT_EXECUTABLE',
        `Cannot package for linux: ${path.join(dir, 'adb')} is not executable. Run: chmod +x ${path.join(dir, 'adb')}`,
      );
    }
  }
  return { dir, files: spec.files };
}

/** electron-builder and Electron's version must be installed before anything is rebuilt. */
export function checkToolchain(root) {
  const require = createRequire(path.join(root, 'package.json'));
  for (const [name, hint] of [
    ['electron-builder/package.json', 'ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci'],
    ['electron/package.json', 'ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci'],
  ]) {
    try {
      require.resolve(name);
    } catch {
      throw new PackagingError(
        'PACKAGE_TOOL_MISSING',
        `Cannot package: ${name.split('/')[0]} is not installed. Run: ${hint}`,
      );
    }
  }
}

/**
 * Where the packaged app looks for updates (electron-builder.yml `publish.url`): the build's
 * STATION_UPDATE_URL, or a placeholder that never resolves, so that a test build checks nothing
 * real. A station can still point at a server with its own updateUrl setting.
 */
export const UPDATE_URL_PLACEHOLDER = 'https://updates.invalid/cashier-station';

export function updateUrlFor(env) {
  const url = (env.STATION_UPDATE_URL ?? '').trim();
  if (url === '') return { url: UPDATE_URL_PLACEHOLDER, placeholder: true };
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) {
    throw new PackagingError(
      'PACKAGE_BAD_UPDATE_URL',
      `STATION_UPDATE_URL must be an http:// or https:// address (the folder holding latest.yml), not ${JSON.stringify(url)}.`,
    );
  }
  return { url, placeholder: false };
}

function run(cmd, args, root, env = process.env) {
  console.error(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env, shell: process.platform === 'win32' });
  if (r.status !== 0) {
    throw new PackagingError(
      'PACKAGE_STEP_FAILED',
      `Packaging stopped: \`${cmd} ${args.join(' ')}\` failed.`,
    );
  }
}

/** The checks, then the three steps. `checkOnly` stops after the checks (CI and tests). */
export function packageStation({ root, target, checkOnly = false, env = process.env }) {
  checkToolchain(root);
  const tools = checkPlatformTools(root, target);
  console.error(`platform-tools for ${target}: ${tools.files.join(', ')} in ${tools.dir}`);
  const update = updateUrlFor(env);
  console.error(
    update.placeholder
      ? `updates: STATION_UPDATE_URL is not set; the app gets the placeholder ${update.url} (set it, or the station's updateUrl setting, for real updates)`
      : `updates: the app looks for latest.yml in ${update.url}`,
  );
  if (checkOnly) return;
  run(process.execPath, ['scripts/native-abi.mjs', 'electron'], root);
  run('npx', ['electron-vite', 'build'], root);
  run(
    'npx',
    ['electron-builder', PLATFORM_TOOLS[target].builderFlag, '--config', 'electron-builder.yml'],
    root,
    { ...env, STATION_UPDATE_URL: update.url },
  );
  console.error(
    'Done: installers and latest*.yml are in dist/ (copy both to the update folder). better-sqlite3 is now built for Electron; `npm test` rebuilds it for Node.',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const checkOnly = args.includes('--check');
  const root =
    process.env.STATION_PACKAGE_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  try {
    packageStation({ root, target: resolveTarget(args.find((a) => !a.startsWith('--'))), checkOnly });
  } catch (err) {
    if (!(err instanceof PackagingError)) throw err;
    console.error(`package: ${err.message}`);
    process.exit(1);
  }
}
