import { describe, expect, it } from 'vitest';
import { orderTicket, ticketText } from '../../../../src/shared/printing/ticket-template';
import { textWidth } from '../../../../src/shared/printing/text-width';

const order = {
  orderNo: 'A1024',
  amountFen: 5650,
  items: [
    { name: '宫保鸡丁', qty: 1, priceFen: 2800 },
    { name: '超级无敌巨无霸双层芝士牛肉汉堡套餐', qty: 2, priceFen: 1425 },
  ],
  customer: { name: '张三', phoneTail: '1234' },
  note: '不要辣，多放葱',
  createdAt: Date.UTC(2026, 11, 2, 8, 5),
  rushCount: 0,
};

describe('orderTicket', () => {
  for (const columns of [32, 48]) {
    it(`lays out a ${columns}-column ticket within the paper, CJK counted twice`, () => {
      const ticket = orderTicket(order, { shopName: '小馆', columns, utcOffsetMin: 480 });
      const text = ticketText(ticket);
      for (const line of text.split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(columns);
      expect(text).toContain('2026-12-02 16:05');
      expect(text).toContain('手机尾号 1234');
      expect(text).toMatchSnapshot();
    });
  }
});
