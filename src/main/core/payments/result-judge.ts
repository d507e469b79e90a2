import type { PhoneOutcome } from '../phone/phone-client';
import type { CompiledRules } from '../phone/notification-reader';
import { readNotification } from '../phone/notification-reader';
import { formatFen } from '../../../shared/domain/money';
import type { ReviewReason } from '../../../shared/domain/payment-status';

/** What one delivered exchange means for the payment and for the phone. */
export interface Judgement {
  status: 'succeeded' | 'failed' | 'unknown';
  review: { reason: ReviewReason; detail?: string } | null;
  notificationText: string | null;
  /**
   * The phone must be restarted and settle before its next payment. True whenever the result
   * cannot be trusted to be this payment's own: this payment's real notification may still come
   * and would answer the next command on that phone (docs/PHONE-PROTOCOL.md, hazards).
   */
  wedged: boolean;
}

export type DeliveredOutcome = Exclude<PhoneOutcome, { kind: 'not_delivered' }>;

export interface JudgeOptions {
  minResultMs: number;
  rules: CompiledRules;
}

const unknown = (reason: ReviewReason, detail: string, text: string | null = null): Judgement => ({
  status: 'unknown',
  review: { reason, detail },
  notificationText: text,
  wedged: true,
});

/**
 * Decides a payment from the phone's answer, in the order of the station's "no misattribution" defences:
 * too fast first (a stale notification answers at once), then the text's verdict and amount.
 */
export function judgeOutcome(
  outcome: DeliveredOutcome,
  expectedFen: number,
  options: JudgeOptions,
): Judgement {
  switch (outcome.kind) {
    case 'timeout':
      return unknown('timeout', `no result within ${outcome.endedAt - outcome.writtenAt} ms of the command`);
    case 'delivered_no_result':
      return unknown('connection_lost', outcome.detail);
    case 'protocol_error':
      return unknown('protocol_error', outcome.detail, outcome.raw ?? null);
    case 'result':
      break;
  }
  const text = outcome.text;
  if (text === null) return unknown('unrecognized_text', 'the answer has no "msg" text');
  const elapsed = outcome.receivedAt - outcome.writtenAt;
  if (options.minResultMs > 0 && elapsed < options.minResultMs) {
    return unknown(
      'result_too_fast',
      `answered ${elapsed} ms after the command, under the ${options.minResultMs} ms a real payment takes`,
      text,
    );
  }
  const reading = readNotification(text, expectedFen, options.rules);
  if (reading.amountMatches === false) {
    return unknown(
      'amount_mismatch',
      `the text says ${formatFen(reading.amountFen!)}, the payment is ${formatFen(expectedFen)}`,
      text,
    );
  }
  if (reading.verdict === 'failed') {
    return { status: 'failed', review: null, notificationText: text, wedged: false };
  }
  if (reading.verdict === 'unrecognized') {
    return unknown('unrecognized_text', 'neither a success nor a failure notification', text);
  }
  if (reading.amountMatches === null) {
    return unknown('amount_mismatch', 'the success text names no amount to check', text);
  }
  return { status: 'succeeded', review: null, notificationText: text, wedged: false };
}
