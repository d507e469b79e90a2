import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where an adb binary was found, in the order the station looks. */
export type AdbSource = 'settings' | 'bundled' | 'sdk' | 'path';

export type AdbLookup =
  { found: true; path: string; source: AdbSource; searched: string[] } | { found: false; searched: string[] };

export interface FindAdbOptions {
  /** The path set in Settings, if any. */
  settingsPath?: string | null;
  /** The app's `resources` folder; adb is looked for in `<resources>/platform-tools`. */
  resourcesPath?: string | null;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default process.platform */
  platform?: NodeJS.Platform;
  /** @default fs.existsSync */
  exists?: (p: string) => boolean;
}

/**
 * Finds adb: the Settings path, then bundled `resources/platform-tools`, then
 * `ANDROID_HOME`/`ANDROID_SDK_ROOT`, then `PATH`. Pure apart from `exists`, so it is tested
 * with a fake file system.
 */
export function findAdb(options: FindAdbOptions = {}): AdbLookup {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const exists = options.exists ?? existsSync;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const exe = platform === 'win32' ? 'adb.exe' : 'adb';
  const candidates: { path: string; source: AdbSource }[] = [];
  if (options.settingsPath) candidates.push({ path: options.settingsPath, source: 'settings' });
  if (options.resourcesPath) {
    candidates.push({ path: p.join(options.resourcesPath, 'platform-tools', exe), source: 'bundled' });
  }
  for (const key of ['ANDROID_HOME', 'ANDROID_SDK_ROOT']) {
    const root = env[key];
    if (root) candidates.push({ path: p.join(root, 'platform-tools', exe), source: 'sdk' });
  }
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(platform === 'win32' ? ';' : ':')) {
    if (dir) candidates.push({ path: p.join(dir, exe), source: 'path' });
  }
  const searched: string[] = [];
  for (const c of candidates) {
    searched.push(c.path);
    if (exists(c.path)) return { found: true, path: c.path, source: c.source, searched };
  }
  return { found: false, searched };
}

/** Parses `adb version` ("Android Debug Bridge version 1.0.41") to the protocol version, 41. */
export function parseAdbVersionOutput(text: string): number | null {
  const m = /Android Debug Bridge version \d+\.\d+\.(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Runs `<bin> version`; null when it cannot be run or read. */
export function readAdbClientVersion(bin: string, timeoutMs = 5000): Promise<number | null> {
  return new Promise((resolve) => {
    execFile(bin, ['version'], { timeout: timeoutMs }, (err, stdout) => {
      resolve(err ? null : parseAdbVersionOutput(String(stdout)));
    });
  });
}
