import { describe, expect, it } from 'vitest';
import type { DeviceReadiness, DeviceSnapshot } from '../../../../../src/main/core/devices/device-types';
import { combineDeviceView } from '../../../../../src/main/core/payments/device-view';
import type { PhoneActivity } from '../../../../../src/main/core/payments/phone-activity';
import { NO_CARE } from '../../../../../src/shared/domain/care';

const snapshot = (patch: Partial<DeviceSnapshot> = {}): DeviceSnapshot => ({
  serial: 'S1',
  state: 'ready',
  reason: null,
  model: 'MI 8',
  brand: 'Xiaomi',
  androidVersion: '10',
  rom: 'MIUI V125',
  localPort: 27100,
  health: [],
  firstSeenAt: 1_000,
  updatedAt: 2_000,
  ...patch,
});
const settling = { code: 'SETTLING', messageKey: 'device.reason.settling.message', hintKey: 'h' };
const busy: PhoneActivity = { kind: 'busy', orderNo: 'A1', since: 1_500 };
const out: PhoneActivity = { kind: 'needs-attention', reason: settling, until: 60_000 };
const view = (s: DeviceSnapshot, activity: PhoneActivity, at = 0) =>
  combineDeviceView(s, { serial: s.serial, activity, at });

describe('combineDeviceView', () => {
  it('a ready phone shows what the engine does with it', () => {
    expect(view(snapshot(), { kind: 'idle' })).toMatchObject({
      state: 'ready',
      reason: null,
      activity: { kind: 'idle' },
    });
    expect(view(snapshot(), busy)).toMatchObject({ state: 'busy', reason: null, activity: busy });
    expect(view(snapshot(), out)).toMatchObject({
      state: 'needs-attention',
      reason: settling,
      activity: out,
    });
  });

  it.each<[DeviceReadiness, string]>([
    ['app-down', 'APP_DOWN'],
    ['unauthorized', 'ADB_UNAUTHORIZED'],
    ['offline', 'ADB_OFFLINE'],
    ['connecting', 'CONNECTING'],
    ['needs-attention', 'SCREEN_LOCKED'],
    ['gone', 'DEVICE_GONE'],
  ])('a phone that is %s shows that, over any activity, which is still passed on', (state, code) => {
    const reason = { code, messageKey: `m.${code}`, hintKey: `h.${code}` };
    for (const activity of [busy, out, { kind: 'idle' } as const]) {
      expect(view(snapshot({ state, reason }), activity)).toMatchObject({ state, reason, activity });
    }
  });

  it('keeps everything else of the snapshot, and changed when either side last changed', () => {
    const s = snapshot({ health: [{ name: 'app_installed', status: 'ok', checkedAt: 2_000 }] });
    const { state: _s, reason: _r, activity: _a, care, updatedAt, ...rest } = view(s, busy, 5_000);
    const { state: _s2, reason: _r2, updatedAt: _u, ...same } = s;
    expect(rest).toEqual(same);
    // With no care passed in, the phone shows none.
    expect(care).toEqual(NO_CARE);
    expect(updatedAt).toBe(5_000);
    expect(view(s, busy, 1_500).updatedAt).toBe(2_000);
    // The snapshot itself is left as it was.
    expect(s).not.toHaveProperty('activity');
    expect(s.state).toBe('ready');
  });
});
