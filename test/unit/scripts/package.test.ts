import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

interface PackageModule {
  checkPlatformTools(root: string, target: 'win' | 'linux'): { dir: string; files: string[] };
  checkToolchain(root: string): void;
  resolveTarget(arg: string | undefined, platform?: string): 'win' | 'linux';
}

const SCRIPT = path.resolve(__dirname, '../../../scripts/package.mjs');
const ROOT = path.resolve(__dirname, '../../..');
// A variable specifier: the script is plain JavaScript without type declarations.
const pkg = (await import(SCRIPT)) as PackageModule;

const roots: string[] = [];
function fakeRoot(files: Record<string, number> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'station-pkg-'));
  roots.push(root);
  for (const [rel, mode] of Object.entries(files)) {
    const file = path.join(root, 'resources', 'platform-tools', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'x');
    fs.chmodSync(file, mode);
  }
  return root;
}
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

describe('scripts/package.mjs pre-flight', () => {
  it('fails with a clear, coded message naming each missing file and the README', () => {
    const root = fakeRoot({ 'win/adb.exe': 0o644 });
    let error: { code?: string; message: string } | null = null;
    try {
      pkg.checkPlatformTools(root, 'win');
    } catch (err) {
      error = err as { code?: string; message: string };
    }
    expect(error?.code).toBe('PACKAGE_PLATFORM_TOOLS_MISSING');
    expect(error?.message).toContain(path.join(root, 'resources', 'platform-tools', 'win'));
    expect(error?.message).toContain('missing: AdbWinApi.dll, AdbWinUsbApi.dll');
    expect(error?.message).toContain('resources/platform-tools/README.md');
  });

  it('passes when the target has its files, and wants an executable adb on Linux', () => {
    const win = fakeRoot({ 'win/adb.exe': 0o644, 'win/AdbWinApi.dll': 0o644, 'win/AdbWinUsbApi.dll': 0o644 });
    expect(pkg.checkPlatformTools(win, 'win').files).toHaveLength(3);
    // The Windows tools do not make a Linux package.
    expect(() => pkg.checkPlatformTools(win, 'linux')).toThrow(/missing: adb/);
    const notExec = fakeRoot({ 'linux/adb': 0o644 });
    expect(() => pkg.checkPlatformTools(notExec, 'linux')).toThrow(/not executable.*chmod \+x/);
    const ok = fakeRoot({ 'linux/adb': 0o755 });
    expect(pkg.checkPlatformTools(ok, 'linux').dir).toBe(
      path.join(ok, 'resources', 'platform-tools', 'linux'),
    );
  });

  it('picks the target from the argument or this platform, and refuses others', () => {
    expect(pkg.resolveTarget('win')).toBe('win');
    expect(pkg.resolveTarget(undefined, 'linux')).toBe('linux');
    expect(pkg.resolveTarget(undefined, 'win32')).toBe('win');
    expect(() => pkg.resolveTarget('mac')).toThrow(/use "win" or "linux"/);
    expect(() => pkg.resolveTarget(undefined, 'darwin')).toThrow(/Unknown packaging target/);
  });

  it('names a missing electron-builder with the install command', () => {
    expect(() => pkg.checkToolchain(fakeRoot())).toThrow(/electron-builder is not installed.*npm ci/);
    expect(() => pkg.checkToolchain(ROOT)).not.toThrow();
  });

  it('as a command, exits 1 before rebuilding anything when platform-tools are missing', () => {
    const root = fakeRoot();
    // The toolchain check resolves from the root: borrow this checkout's node_modules.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    const r = spawnSync(process.execPath, [SCRIPT, 'linux'], {
      encoding: 'utf8',
      env: { ...process.env, STATION_PACKAGE_ROOT: root },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('package: Cannot package for linux: adb platform-tools are missing');
    expect(r.stderr).not.toContain('Rebuilding better-sqlite3');
  });
});
