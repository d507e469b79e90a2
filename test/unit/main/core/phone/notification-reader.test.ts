import { describe, expect, it } from 'vitest';
import {
  compileRules,
  DEFAULT_NOTIFICATION_RULES,
  InvalidRulesError,
  parseYuanToFen,
  readNotification,
} from '../../../../../src/main/core/phone/notification-reader';

describe('readNotification with the default rules', () => {
  it.each([
    ['你已成功付款12.50元', 1250, 'succeeded', 1250],
    ['付款成功，￥12.50', 1250, 'succeeded', 1250],
    ['支付宝成功付款 ¥0.01', 1, 'succeeded', 1],
    ['支付成功 ¥1,234.50', 123450, 'succeeded', 123450],
    ['微信支付 支付成功 金额：8.8', 880, 'succeeded', 880],
    ['支付失败', 100, 'failed', null],
    ['付款失败，余额不足', 100, 'failed', null],
    ['你有一条新消息', 100, 'unrecognized', null],
  ])('%s', (text, expected, verdict, amountFen) => {
    const r = readNotification(text, expected);
    expect(r.verdict).toBe(verdict);
    expect(r.amountFen).toBe(amountFen);
    expect(r.amountMatches).toBe(amountFen === null ? null : amountFen === expected);
  });

  it('reports an amount that differs from the expected one', () => {
    const r = readNotification('你已成功付款3.00元', 700);
    expect(r).toEqual({ verdict: 'succeeded', amountFen: 300, amountMatches: false });
  });

  it('prefers failure when a text has both kinds of keyword', () => {
    expect(readNotification('付款成功后退款失败', 100).verdict).toBe('failed');
  });

  it('reads full-width digits', () => {
    expect(readNotification('付款成功，￥１２.５０', 1250).amountFen).toBe(1250);
  });
});

describe('parseYuanToFen', () => {
  it.each([
    ['0.01', 1],
    ['12.5', 1250],
    ['12.50', 1250],
    ['1,234.56', 123456],
    ['9999999.99', 999999999],
    ['12.505', null],
    ['1,23.00', null],
    ['', null],
    ['-1', null],
  ])('%s → %s', (text, fen) => expect(parseYuanToFen(text)).toBe(fen));
});

describe('rules from settings', () => {
  it('replaces keywords and patterns', () => {
    const rules = compileRules({
      failureKeywords: ['NOPE'],
      successKeywords: ['PAID'],
      amountPatterns: ['USD ([0-9.]+)'],
    });
    expect(readNotification('PAID USD 3.20', 320, rules)).toEqual({
      verdict: 'succeeded',
      amountFen: 320,
      amountMatches: true,
    });
    expect(readNotification('你已成功付款3.20元', 320, rules).verdict).toBe('unrecognized');
  });

  it('refuses an invalid pattern, a pattern without a group, and no success keyword, with a clear message', () => {
    const base = DEFAULT_NOTIFICATION_RULES;
    expect(() => compileRules({ ...base, amountPatterns: ['(['] })).toThrow(InvalidRulesError);
    expect(() => compileRules({ ...base, amountPatterns: ['[0-9]+元'] })).toThrow(/capture group/);
    expect(() => compileRules({ ...base, successKeywords: [''] })).toThrow(/success keyword/);
  });
});
