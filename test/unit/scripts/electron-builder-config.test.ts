import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder.yml read and checked by electron-builder itself (its loader and its JSON
// schema), then the parts the desktop updates rely on: a generic publish address from the build,
// and the NSIS and AppImage targets whose latest.yml / latest-linux.yml electron-updater reads.

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  publish?: { provider: string; url: string; channel?: string };
  win?: { target: Target[] };
  linux?: { target: Target[] };
  nsis?: Record<string, unknown>;
}
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
}
interface MacroModule {
  expandMacro(pattern: string, arch: string | null, appInfo: Record<string, unknown>): string;
}
interface PackageModule {
  UPDATE_URL_PLACEHOLDER: string;
  updateUrlFor(env: Record<string, string | undefined>): { url: string; placeholder: boolean };
}

const ROOT = path.resolve(__dirname, '../../..');
// Variable specifiers: these are plain JavaScript modules without declarations for these paths.
const CONFIG = 'app-builder-lib/out/util/config/config';
const MACROS = 'app-builder-lib/out/util/macroExpander';
const { getConfig, validateConfiguration } = (await import(CONFIG)) as ConfigModule;
const { expandMacro } = (await import(MACROS)) as MacroModule;
const { DebugLogger } = (await import('builder-util')) as { DebugLogger: new (on: boolean) => unknown };
const SCRIPT = path.join(ROOT, 'scripts/package.mjs');
const pkg = (await import(SCRIPT)) as PackageModule;

const config = await getConfig(ROOT, 'electron-builder.yml', null);

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('publishes to a generic server at the build’s STATION_UPDATE_URL', () => {
    expect(config.publish).toEqual({
      provider: 'generic',
      url: '${env.STATION_UPDATE_URL}',
      channel: 'latest',
    });
    // How electron-builder expands it: the variable's value, and a clear error without it.
    const saved = process.env.STATION_UPDATE_URL;
    try {
      process.env.STATION_UPDATE_URL = 'https://updates.shop.example/station';
      expect(expandMacro(config.publish!.url, null, {})).toBe('https://updates.shop.example/station');
      delete process.env.STATION_UPDATE_URL;
      expect(() => expandMacro(config.publish!.url, null, {})).toThrow(
        /env STATION_UPDATE_URL is not defined/,
      );
    } finally {
      if (saved === undefined) delete process.env.STATION_UPDATE_URL;
      else process.env.STATION_UPDATE_URL = saved;
    }
  });

  it('builds the targets electron-updater updates: NSIS on Windows, AppImage on Linux', () => {
    expect(config.win?.target.map((t) => t.target)).toContain('nsis');
    expect(config.linux?.target.map((t) => t.target)).toContain('AppImage');
    // The x64 builds: their update files are latest.yml and latest-linux.yml (no arch suffix).
    for (const t of [...config.win!.target, ...config.linux!.target]) expect(t.arch).toEqual(['x64']);
    // An assisted per-user installer: a silent update needs no administrator.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
  });
});

describe('scripts/package.mjs: the update address', () => {
  it('takes STATION_UPDATE_URL, trimmed', () => {
    expect(pkg.updateUrlFor({ STATION_UPDATE_URL: ' https://updates.shop.example/station ' })).toEqual({
      url: 'https://updates.shop.example/station',
      placeholder: false,
    });
  });

  it('falls back to a placeholder that never resolves', () => {
    expect(pkg.updateUrlFor({})).toEqual({ url: pkg.UPDATE_URL_PLACEHOLDER, placeholder: true });
    expect(new URL(pkg.UPDATE_URL_PLACEHOLDER).hostname.endsWith('.invalid')).toBe(true);
  });

  it.each(['ftp://updates.shop.example', 'updates.shop.example', 'file:///srv/updates'])(
    'refuses %s with a coded error that says what is wanted',
    (url) => {
      expect(() => pkg.updateUrlFor({ STATION_UPDATE_URL: url })).toThrow(
        expect.objectContaining({
          code: 'PACKAGE_BAD_UPDATE_URL',
          message: expect.stringContaining('http:// or https://'),
        }),
      );
    },
  );

  it('the pre-flight (--check) says which address the app will get', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'station-pkg-url-'));
    try {
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
      fs.writeFileSync(path.join(root, 'package.json'), '{}');
      const adb = path.join(root, 'resources/platform-tools/linux/adb');
      fs.mkdirSync(path.dirname(adb), { recursive: true });
      fs.writeFileSync(adb, 'x', { mode: 0o755 });
      const run = (env: Record<string, string>) =>
        spawnSync(process.execPath, [SCRIPT, 'linux', '--check'], {
          encoding: 'utf8',
          env: { ...process.env, STATION_UPDATE_URL: '', STATION_PACKAGE_ROOT: root, ...env },
        });
      const placeholder = run({});
      expect(placeholder.status).toBe(0);
      expect(placeholder.stderr).toContain(`STATION_UPDATE_URL is not set; the app gets the placeholder`);
      const real = run({ STATION_UPDATE_URL: 'https://updates.shop.example/station' });
      expect(real.stderr).toContain('the app looks for latest.yml in https://updates.shop.example/station');
      const bad = run({ STATION_UPDATE_URL: 'ftp://x' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('package: STATION_UPDATE_URL must be an http:// or https:// address');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
