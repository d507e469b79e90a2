import { describe, expect, it } from 'vitest';
import { DEMO_OPTIONS, DEMO_USAGE, DemoArgsError, parseDemoArgs } from '../../../src/demo/demo-args';
import { DEMO_PROFILE_IDS, DEVICE_PROFILES } from '../../../src/sim/adb-device/profiles/device-profiles';
import { expectUsageListsEveryOption } from '../../support/usage-check';

describe('npm run demo -- --profiles', () => {
  it('defaults to three different real profiles that are all ready', () => {
    const { profiles } = parseDemoArgs([]);
    expect(profiles).toEqual([...DEMO_PROFILE_IDS]);
    expect(new Set(profiles).size).toBe(3);
    for (const id of profiles) expect(DEVICE_PROFILES.find((p) => p.id === id)?.expect.state).toBe('ready');
  });

  it('takes a comma-separated list, in either flag form', () => {
    expect(parseDemoArgs(['--profiles', 'android7-miui,android14-locked']).profiles).toEqual([
      'android7-miui',
      'android14-locked',
    ]);
    expect(parseDemoArgs(['--profiles=android16-hyperos']).profiles).toEqual(['android16-hyperos']);
  });

  it('refuses unknown profiles, an empty list, too many phones, and a list where no phone pays', () => {
    expect(() => parseDemoArgs(['--profiles', 'android99-x'])).toThrow(
      /Unknown device profile "android99-x"\. Known profiles: android7-miui, /,
    );
    expect(() => parseDemoArgs(['--profiles'])).toThrow(/--profiles needs a comma-separated list/);
    expect(() => parseDemoArgs(['--profiles', Array(9).fill('android7-miui').join(',')])).toThrow(
      /at most 8/,
    );
    expect(() => parseDemoArgs(['--profiles', 'android14-locked'])).toThrow(
      /at least one phone that is ready/,
    );
  });
});

describe('npm run demo -- --help', () => {
  it('lists every option of the table, with its value name, description and default', () => {
    expectUsageListsEveryOption(DEMO_USAGE, DEMO_OPTIONS);
    expect(DEMO_USAGE).toContain(`profiles: ${DEVICE_PROFILES.map((p) => p.id).join(', ')}`);
  });

  it('accepts every flag it documents', () => {
    const documented = [...DEMO_USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.values(DEMO_OPTIONS).map((o) => o.flag));
  });
});

describe('npm run demo -- [switches]', () => {
  it('reads the switches, and refuses --serve with --electron', () => {
    expect(parseDemoArgs(['--fast', '--no-open', '--serve'])).toMatchObject({
      fast: true,
      open: false,
      mode: 'serve',
    });
    expect(parseDemoArgs(['--electron']).mode).toBe('electron');
    expect(parseDemoArgs([]).mode).toBe('auto');
    expect(() => parseDemoArgs(['--serve', '--electron'])).toThrow(DemoArgsError);
    expect(() => parseDemoArgs(['--serve', '--electron'])).toThrow(/exclude each other/);
  });

  it('passes over the separator that npm and vite-node may hand on', () => {
    expect(parseDemoArgs(['--', '--fast']).fast).toBe(true);
  });
});
