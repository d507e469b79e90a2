import { z } from 'zod';

/** A yuan amount: digits with optional thousands commas, at most two decimals. */
const AMOUNT = '(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]{1,2})?';

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

const keyword = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'is at most 64 characters');

/**
 * Keywords and amount patterns for reading the payment notification a phone sends back. Plain
 * data, so that a ROM with other wording needs a settings change, not a new station. The core
 * compiles them (`compileRules`) and refuses what it cannot use, such as a pattern without a
 * capture group.
 */
export const notificationRulesSchema = z.object({
  /**
   * Any of these means the payment succeeded (after no failure keyword matched).
   * @default ['成功付款', '付款成功', '支付成功', '交易成功', '已付款', '扣款成功', '已支付']
   */
  successKeywords: z
    .array(keyword, { error: 'must be a list of keywords' })
    .min(1, 'needs at least one keyword')
    .max(100, 'is at most 100 keywords')
    .default(['成功付款', '付款成功', '支付成功', '交易成功', '已付款', '扣款成功', '已支付']),
  /**
   * Any of these means the payment failed. Checked before the success keywords.
   * @default ['失败', '余额不足', '已取消', '未完成', '交易关闭', '支付超时', '被拒绝']
   */
  failureKeywords: z
    .array(keyword, { error: 'must be a list of keywords' })
    .max(100, 'is at most 100 keywords')
    .default(['失败', '余额不足', '已取消', '未完成', '交易关闭', '支付超时', '被拒绝']),
  /**
   * Regular expression sources. The first capture group is a decimal amount in yuan
   * (`12.50`, `1,234.5`, `0.01`). The first pattern that matches wins.
   * @default ￥/¥ before the amount, 元 after it, or 金额/付款/支付 before it
   */
  amountPatterns: z
    .array(
      z
        .string({ error: 'must be text' })
        .min(1, 'must not be empty')
        .max(500, 'is at most 500 characters')
        .refine(compiles, 'is not a valid regular expression'),
      { error: 'must be a list of patterns' },
    )
    .min(1, 'needs at least one pattern')
    .max(20, 'is at most 20 patterns')
    .default([`[￥¥]\\s*(${AMOUNT})`, `(${AMOUNT})\\s*元`, `(?:金额|付款|支付)\\s*[:：]?\\s*(${AMOUNT})`]),
});
export type NotificationRules = z.infer<typeof notificationRulesSchema>;
