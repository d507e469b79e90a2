import type { TicketOrder } from './ticket-template';

/**
 * The made-up order Settings → 小票打印机 previews: every part of the ticket (items, a
 * customer, a note), the way a Chinese shop's order looks.
 */
export const PREVIEW_ORDER: TicketOrder = {
  orderNo: 'A1024',
  amountFen: 6300,
  items: [
    { name: '宫保鸡丁', qty: 1, priceFen: 2800 },
    { name: '米饭', qty: 2, priceFen: 200 },
    { name: 'Coke 可乐', qty: 3, priceFen: 1000 },
  ],
  customer: { name: '张先生', phoneTail: '6688' },
  note: '少辣，不要香菜',
  // 2026-12-02 12:30 in China, so the preview does not change from one minute to the next.
  createdAt: Date.UTC(2026, 11, 2, 4, 30),
  rushCount: 0,
};
