import { describe, expect, it } from 'vitest';
import type { DeviceReasonCode } from '../../../../../src/main/core/devices/device-reasons';
import { DEVICE_REASON_KEYS, deviceReason } from '../../../../../src/main/core/devices/device-reasons';
import { DEVICE_TEXTS, deviceText } from '../../../../../src/shared/i18n/device-texts';

describe('device reasons', () => {
  it('every reason has a message and a next step in Chinese and English', () => {
    for (const code of Object.keys(DEVICE_REASON_KEYS) as DeviceReasonCode[]) {
      const r = deviceReason(code);
      for (const key of [r.messageKey, r.hintKey]) {
        expect(DEVICE_TEXTS[key]?.['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
        expect(DEVICE_TEXTS[key]?.en, key).toMatch(/^[\x20-\x7e]+$/);
      }
    }
  });

  it('fills parameters and falls back to the key', () => {
    const r = deviceReason('APP_DOWN', { port: 10010 });
    expect(deviceText(r.messageKey, 'zh-CN', r.params)).toContain('10010');
    expect(deviceText(r.messageKey, 'en', r.params)).toBe(
      'The payment app is not running (port 10010 is not listening)',
    );
    expect(deviceText('device.reason.nope', 'en')).toBe('device.reason.nope');
  });
});
