import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from '../../../src/demo/demo-args';
import { DEMO_PROFILE_IDS, DEVICE_PROFILES } from '../../../src/sim/adb-device/profiles/device-profiles';

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
