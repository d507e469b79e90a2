import { describe, expect, it } from 'vitest';
import { coreOptionsFromFlags } from '../../../../../src/main/core/config/core-options-from-flags';
import { parseServeArgs } from '../../../../../src/main/core/config/serve-args';

describe('coreOptionsFromFlags', () => {
  it('puts the settings flags at their settings paths, as overrides', () => {
    const o = coreOptionsFromFlags(
      parseServeArgs([
        '--http-port',
        '18100',
        '--result-timeout',
        '30',
        '--settle-sec',
        '2',
        '--min-result-ms',
        '0',
        '--phone-port',
        '10011',
        '--phone-app',
        'com.shop.pay/.MainActivity',
        '--dispatch-via=forward',
      ]),
    );
    expect(o).toMatchObject({
      httpPort: 18100,
      settingsOverrides: {
        payments: { resultTimeoutMs: 30_000, settleMs: 2_000, minResultMs: 0, dispatchVia: 'forward' },
        phoneApp: { port: 10011, package: 'com.shop.pay', activity: '.MainActivity' },
      },
    });
  });

  it('makes --printer a network printer at that address, for this run', () => {
    expect(
      coreOptionsFromFlags(parseServeArgs(['--printer', 'tcp://127.0.0.1:9100'])).settingsOverrides,
    ).toEqual({
      printer: { type: 'network', address: 'tcp://127.0.0.1:9100' },
    });
  });

  it('overrides nothing without settings flags', () => {
    expect(coreOptionsFromFlags(parseServeArgs(['--adb-port', '5038']))).toMatchObject({
      adbPort: 5038,
      settingsOverrides: {},
    });
  });
});
