import { describe, expect, it } from 'vitest';
import {
  compileRules,
  DEFAULT_NOTIFICATION_RULES,
} from '../../../../../src/main/core/phone/notification-reader';
import type { DeliveredOutcome } from '../../../../../src/main/core/payments/result-judge';
import { judgeOutcome } from '../../../../../src/main/core/payments/result-judge';

const rules = compileRules(DEFAULT_NOTIFICATION_RULES);
const result = (text: string | null, elapsed = 5_000): DeliveredOutcome => ({
  kind: 'result',
  writtenAt: 1_000,
  receivedAt: 1_000 + elapsed,
  json: { msg: text },
  text,
});
const judge = (o: DeliveredOutcome, fen = 300, minResultMs = 1_500) =>
  judgeOutcome(o, fen, { minResultMs, rules });

describe('judgeOutcome', () => {
  it('credits a matching success text, without wedging the phone', () => {
    expect(judge(result('你已成功付款3.00元'))).toEqual({
      status: 'succeeded',
      review: null,
      notificationText: '你已成功付款3.00元',
      wedged: false,
    });
  });

  it('reads a failure as failed', () => {
    expect(judge(result('支付失败'))).toMatchObject({ status: 'failed', wedged: false });
  });

  it.each([
    [result('你已成功付款3.00元', 200), 'result_too_fast'],
    [result('你已成功付款7.00元'), 'amount_mismatch'],
    [result('支付成功'), 'amount_mismatch'],
    [result('你有一条新消息'), 'unrecognized_text'],
    [result(null), 'unrecognized_text'],
    [{ kind: 'timeout', writtenAt: 0, endedAt: 90_000 } as const, 'timeout'],
    [{ kind: 'delivered_no_result', writtenAt: 0, endedAt: 5, detail: 'closed' } as const, 'connection_lost'],
    [{ kind: 'protocol_error', writtenAt: 0, endedAt: 5, detail: 'bad utf' } as const, 'protocol_error'],
  ] as [DeliveredOutcome, string][])('untrusted outcome %# → unknown %s, phone wedged', (o, reason) => {
    const j = judge(o);
    expect(j.status).toBe('unknown');
    expect(j.review?.reason).toBe(reason);
    expect(j.review?.detail).toBeTruthy();
    expect(j.wedged).toBe(true);
  });

  it('checks speed before content: a stale text for the same amount is still refused', () => {
    expect(judge(result('你已成功付款3.00元', 1_499)).review?.reason).toBe('result_too_fast');
    expect(judge(result('你已成功付款3.00元', 1_500)).status).toBe('succeeded');
    expect(judge(result('你已成功付款3.00元', 0), 300, 0).status).toBe('succeeded');
  });
});
