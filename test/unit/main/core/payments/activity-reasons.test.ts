import { describe, expect, it } from 'vitest';
import type { ActivityReasonCode } from '../../../../../src/main/core/payments/activity-reasons';
import { ACTIVITY_REASON_KEYS, activityReason } from '../../../../../src/main/core/payments/activity-reasons';
import { DEVICE_TEXTS, deviceText } from '../../../../../src/shared/i18n/device-texts';

describe("the engine's reasons for keeping a phone out", () => {
  it('each has a message and a next step in Chinese and English, like the device reasons', () => {
    for (const code of Object.keys(ACTIVITY_REASON_KEYS) as ActivityReasonCode[]) {
      const r = activityReason(code);
      for (const key of [r.messageKey, r.hintKey]) {
        expect(DEVICE_TEXTS[key]?.['zh-CN'], key).toMatch(/[\u4e00-\u9fff]/);
        expect(DEVICE_TEXTS[key]?.en, key).toMatch(/^[\x20-\x7e]+$/);
      }
    }
  });

  it('carries its parameters into the text', () => {
    const r = activityReason('SETTLING', { secondsLeft: 42 });
    expect(r).toEqual({
      code: 'SETTLING',
      messageKey: 'device.reason.settling.message',
      hintKey: 'device.reason.settling.hint',
      params: { secondsLeft: 42 },
    });
    expect(deviceText(r.messageKey, 'en', r.params)).toBe('Settling, 42 s left');
    expect(activityReason('APP_NOT_ANSWERING')).not.toHaveProperty('params');
  });
});
