import { describe, expect, it } from 'vitest';
import { findAdb, parseAdbVersionOutput } from '../../../../../src/main/core/adb/find-adb';

function fs(...present: string[]) {
  const set = new Set(present);
  return (p: string) => set.has(p);
}

describe('findAdb', () => {
  const env = { ANDROID_HOME: '/sdk', ANDROID_SDK_ROOT: '/sdk2', PATH: '/usr/local/bin:/usr/bin' };

  it('looks in settings, bundled resources, the SDK, then PATH, in that order', () => {
    const all = [
      '/custom/adb',
      '/app/resources/platform-tools/adb',
      '/sdk/platform-tools/adb',
      '/usr/bin/adb',
    ];
    const opts = {
      settingsPath: '/custom/adb',
      resourcesPath: '/app/resources',
      env,
      platform: 'linux' as const,
    };
    expect(findAdb({ ...opts, exists: fs(...all) })).toMatchObject({
      found: true,
      source: 'settings',
      path: '/custom/adb',
    });
    expect(findAdb({ ...opts, exists: fs(...all.slice(1)) })).toMatchObject({ source: 'bundled' });
    expect(findAdb({ ...opts, exists: fs(...all.slice(2)) })).toMatchObject({
      source: 'sdk',
      path: '/sdk/platform-tools/adb',
    });
    expect(findAdb({ ...opts, exists: fs('/sdk2/platform-tools/adb') })).toMatchObject({ source: 'sdk' });
    expect(findAdb({ ...opts, exists: fs('/usr/bin/adb') })).toMatchObject({
      source: 'path',
      path: '/usr/bin/adb',
    });
  });

  it('lists every place it looked when adb is missing', () => {
    const r = findAdb({ env, platform: 'linux', exists: fs() });
    expect(r).toEqual({
      found: false,
      searched: ['/sdk/platform-tools/adb', '/sdk2/platform-tools/adb', '/usr/local/bin/adb', '/usr/bin/adb'],
    });
  });

  it('uses adb.exe and ; on Windows', () => {
    const r = findAdb({
      env: { Path: 'C:\\tools;C:\\pt' },
      platform: 'win32',
      exists: fs('C:\\pt\\adb.exe'),
    });
    expect(r).toMatchObject({ found: true, path: 'C:\\pt\\adb.exe', source: 'path' });
  });
});

describe('adb client version', () => {
  it('parses `adb version`', () => {
    expect(parseAdbVersionOutput('Android Debug Bridge version 1.0.41\nVersion 29.0.6-debian\n')).toBe(41);
    expect(parseAdbVersionOutput('bash: adb: not found')).toBeNull();
  });
});
