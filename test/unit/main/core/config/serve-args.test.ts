import { describe, expect, it } from 'vitest';
import {
  coreOptionsFromArgs,
  parseServeArgs,
  pickStationFlags,
  SERVE_OPTIONS,
  SERVE_USAGE,
  ServeArgsError,
} from '../../../../../src/main/core/config/serve-args';
import { expectUsageListsEveryOption } from '../../../../support/usage-check';

describe('parseServeArgs', () => {
  it('reads every option, in both --flag value and --flag=value forms', () => {
    const a = parseServeArgs([
      '--data-dir',
      '/tmp/x',
      '--http-host=0.0.0.0',
      '--http-port',
      '18000',
      '--ui-port=0',
      '--adb-port',
      '5038',
      '--adb-bin',
      '/usr/bin/adb',
      '--phone-port',
      '10011',
      '--phone-app',
      'com.shop.pay/.MainActivity',
      '--result-timeout',
      '30',
      '--settle-sec',
      '2',
      '--min-result-ms=0',
      '--dispatch-via',
      'forward',
      '--fleet',
      'rediss://user:pw@redis.example:6380/2',
      '--station-id=front-1',
      '--store-id',
      'shop-7',
      '--fleet-prefix',
      'cs:eu:',
      '--printer',
      'tcp://192.168.1.50:9100',
    ]);
    expect(a).toEqual({
      dataDir: '/tmp/x',
      httpHost: '0.0.0.0',
      httpPort: 18000,
      uiPort: 0,
      adbPort: 5038,
      adbBin: '/usr/bin/adb',
      phonePort: 10011,
      phoneApp: { package: 'com.shop.pay', activity: '.MainActivity' },
      resultTimeoutSec: 30,
      settleSec: 2,
      minResultMs: 0,
      dispatchVia: 'forward',
      fleet: 'rediss://user:pw@redis.example:6380/2',
      stationId: 'front-1',
      storeId: 'shop-7',
      fleetPrefix: 'cs:eu:',
      printer: 'tcp://192.168.1.50:9100',
      help: false,
    });
  });

  it('checks the fleet flags as their settings do', () => {
    expect(() => parseServeArgs(['--fleet', 'http://x'])).toThrow(/--fleet.*redis:\/\/host:port/s);
    expect(() => parseServeArgs(['--station-id', 'a b'])).toThrow(/--station-id/);
    expect(() => parseServeArgs(['--fleet-prefix', 'x'.repeat(40)])).toThrow(/--fleet-prefix/);
  });

  it('leaves what is not given as null, so settings and defaults decide', () => {
    const a = parseServeArgs([]);
    expect(Object.entries(a).filter(([k, v]) => k !== 'help' && v !== null)).toEqual([]);
  });

  it.each([
    [['--http-port', '70000'], /--http-port must be from 0 to 65535/],
    [['--http-port', '12.5'], /whole number/],
    [['--http-port'], /needs a value/],
    [['--settle-sec', '--http-port'], /needs a value/],
    [['--phone-app', 'notapackage'], /com\.example\.pay\/\.MainActivity/],
    [['--bogus'], /Unknown option "--bogus"/],
    // The flag takes the setting's own bounds (1 to 600 s), so a flag and its setting never disagree.
    [['--result-timeout', '0'], /from 1 to 600/],
    [['--dispatch-via', 'usb'], /--dispatch-via must be one of transport, forward, got "usb"/],
    [['--printer', 'http://10.0.0.7'], /--printer must start with tcp:\/\/.*got "http:\/\/10\.0\.0\.7"/],
  ])('refuses %j with a message naming the flag', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(ServeArgsError);
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
});

describe('SERVE_USAGE', () => {
  it('lists every option of the table, with its value name, description and default', () => {
    expectUsageListsEveryOption(SERVE_USAGE, SERVE_OPTIONS);
  });

  it('documents no flag that the parser refuses', () => {
    const documented = [...SERVE_USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.values(SERVE_OPTIONS).map((o) => o.flag));
  });
});

describe('pickStationFlags', () => {
  it('picks every option that takes a value, in both forms', () => {
    for (const o of Object.values(SERVE_OPTIONS)) {
      if (o.kind !== 'value') continue;
      expect(pickStationFlags(['--no-sandbox', o.flag, 'v'])).toEqual([o.flag, 'v']);
      expect(pickStationFlags([`${o.flag}=v`, '--enable-logging'])).toEqual([`${o.flag}=v`]);
    }
  });

  it("keeps the station's flags and their values, and leaves Electron's and Chromium's alone", () => {
    const argv = [
      '.',
      '--no-sandbox',
      '--data-dir',
      '/d',
      '--enable-logging',
      '--http-port=1',
      '--phone-app',
      'a.b/.C',
      'extra',
    ];
    expect(pickStationFlags(argv)).toEqual(['--data-dir', '/d', '--http-port=1', '--phone-app', 'a.b/.C']);
    expect(parseServeArgs(pickStationFlags(argv))).toMatchObject({ dataDir: '/d', httpPort: 1 });
  });
});

describe('coreOptionsFromArgs', () => {
  it("turns seconds into the core's milliseconds and leaves unset options to settings", () => {
    const o = coreOptionsFromArgs(
      parseServeArgs(['--result-timeout', '30', '--settle-sec', '2', '--min-result-ms', '0']),
    );
    expect(o.settingsOverrides).toEqual({ resultTimeoutMs: 30_000, settleMs: 2_000, minResultMs: 0 });
    expect('httpPort' in o).toBe(false);
    expect(o.phoneApp).toBeNull();
  });
});
