import type { EventMessage } from '../../shared/contract/bridge-types';
import type { OrderRecord, PaymentRecord } from '../../shared/contract/record-schemas';
import type { Language } from '../../shared/settings/language';

export interface DesktopNotice {
  /** Same key, same fact: shown once. */
  key: string;
  title: string;
  body: string;
}

const TEXTS = {
  'zh-CN': {
    rushTitle: '顾客催单',
    rushBody: (o: OrderRecord) => `订单 ${o.orderNo} 第 ${o.rushCount} 次催单，请尽快处理。`,
    payTitle: '收款需要人工确认',
    payBody: (p: PaymentRecord) =>
      `订单 ${p.orderNo}（${yuan(p.amountFen)} 元）结果不明，请在“收款”页确认是否到账。`,
  },
  en: {
    rushTitle: 'A customer is waiting',
    rushBody: (o: OrderRecord) => `Order ${o.orderNo}: rush reminder ${o.rushCount}. Please see to it.`,
    payTitle: 'A payment needs you',
    payBody: (p: PaymentRecord) =>
      `Order ${p.orderNo} (¥${yuan(p.amountFen)}) has no clear result. Check the phone and settle it in Payments.`,
  },
} as const;

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/**
 * Which station events become OS notifications: rush reminders, and payments that turned
 * `unknown` (a person must check the phone) — and only while the window is hidden, because a
 * visible window already shows and announces them. Payloads are the contract's, already parsed.
 */
export function noticeFor(
  message: EventMessage,
  context: { windowVisible: boolean; language: Language },
): DesktopNotice | null {
  if (context.windowVisible) return null;
  const t = TEXTS[context.language];
  if (message.name === 'order:rush') {
    const { order, eventId } = message.payload as { order: OrderRecord; eventId: string };
    if (order.status !== 'new' && order.status !== 'accepted') return null;
    return { key: `rush:${eventId}`, title: t.rushTitle, body: t.rushBody(order) };
  }
  if (message.name === 'payment:updated') {
    const payment = message.payload as PaymentRecord;
    if (payment.status !== 'unknown') return null;
    return { key: `unknown:${payment.orderNo}`, title: t.payTitle, body: t.payBody(payment) };
  }
  return null;
}
