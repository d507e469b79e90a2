import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS, COMMAND_NAMES } from '../../../../src/shared/contract/commands';
import { EVENTS, EVENT_NAMES } from '../../../../src/shared/contract/events';
import {
  COMMAND_NAME_LIST,
  EVENT_NAME_LIST,
  isCommandName,
  isEventName,
} from '../../../../src/shared/contract/names';
import { paymentRecordSchema } from '../../../../src/shared/contract/record-schemas';
import { editableSettingsSchema, settingsViewSchema } from '../../../../src/shared/contract/settings-schemas';
import { defaultSettingsView } from '../../../support/default-settings-view';

describe('the bridge contract', () => {
  it('names every command area:verb and gives each an input and an output schema', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([...COMMAND_NAME_LIST].sort());
    expect(COMMAND_NAMES).toHaveLength(28);
    for (const name of COMMAND_NAMES) {
      expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(COMMANDS[name].input).toBeInstanceOf(z.ZodType);
      expect(COMMANDS[name].output).toBeInstanceOf(z.ZodType);
    }
  });

  it('gives every event a payload schema', () => {
    expect(Object.keys(EVENTS).sort()).toEqual([...EVENT_NAME_LIST].sort());
    for (const name of EVENT_NAMES) expect(EVENTS[name]).toBeInstanceOf(z.ZodType);
  });

  it('recognises only contract names', () => {
    expect(isCommandName('orders:accept')).toBe(true);
    expect(isCommandName('orders:delete')).toBe(false);
    expect(isCommandName('__proto__')).toBe(false);
    expect(isCommandName('toString')).toBe(false);
    expect(isEventName('order:new')).toBe(true);
    expect(isEventName('constructor')).toBe(false);
  });

  it('refuses inputs with unknown fields or bad values', () => {
    expect(COMMANDS['orders:accept'].input.safeParse({ orderNo: 'A1' }).success).toBe(true);
    expect(COMMANDS['orders:accept'].input.safeParse({ orderNo: 'A1', extra: 1 }).success).toBe(false);
    expect(COMMANDS['orders:accept'].input.safeParse({ orderNo: '订单' }).success).toBe(false);
    expect(COMMANDS['devices:list'].input.safeParse({ x: 1 }).success).toBe(false);
    const resolve = COMMANDS['payments:resolve'].input;
    expect(resolve.safeParse({ orderNo: 'A1', status: 'succeeded', note: '  ' }).success).toBe(false);
    expect(resolve.safeParse({ orderNo: 'A1', status: 'unknown', note: 'x' }).success).toBe(false);
    expect(COMMANDS['history:query'].input.safeParse({ offset: 0, limit: 5000 }).success).toBe(false);
  });

  it('strips internal fields from records on the way out', () => {
    const payment = {
      orderNo: 'A1',
      status: 'queued',
      amountFen: 100,
      qrCode: 'https://qr.alipay.com/secret',
      requestHash: 'abc',
      callbackUrl: 'http://x',
      deviceSerial: null,
      pinnedSerial: null,
      notificationText: null,
      review: null,
      cancelRequested: false,
      refundNeeded: false,
      resolution: null,
      expiresAt: 1,
      createdAt: 1,
      updatedAt: 1,
    };
    const out = paymentRecordSchema.parse(payment);
    expect(out).not.toHaveProperty('qrCode');
    expect(out).not.toHaveProperty('requestHash');
    const view = settingsViewSchema.parse({ ...defaultSettingsView(), secret: 'shh' });
    expect(JSON.stringify(view)).not.toContain('shh');
  });

  it('validates settings by field', () => {
    const bad = { ...defaultSettingsView(), api: { httpPort: 80 } };
    const r = editableSettingsSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['api', 'httpPort']);
    const badPattern = defaultSettingsView();
    badPattern.notificationRules.amountPatterns = ['(unclosed'];
    expect(editableSettingsSchema.safeParse(badPattern).success).toBe(false);
    const badQuiet = defaultSettingsView();
    badQuiet.voice.quietHours.start = '25:00';
    expect(editableSettingsSchema.safeParse(badQuiet).success).toBe(false);
  });
});
