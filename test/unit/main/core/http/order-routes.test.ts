import { describe, expect, it } from 'vitest';
import { orderEventResponseSchema } from '../../../../../src/shared/api/order-schemas';
import { createApiKit } from '../../../../support/api-test-kit';

const order = {
  orderNo: 'O1',
  amount: '36.00',
  items: [
    { name: '拿铁', qty: 2, price: '15.00' },
    { name: 'Free cookie', qty: 1, price: '0' },
  ],
  customer: { name: '王先生', phoneTail: '1234' },
  note: '少冰',
  eventId: 'evt-1',
};

describe('order events', () => {
  it('POST /orders creates (201) and deduplicates by eventId (200, duplicate)', async () => {
    const { client, orders } = createApiKit();
    const res = await client.send({ method: 'POST', target: '/api/v1/orders', body: order });
    expect(res.status).toBe(201);
    const created = orderEventResponseSchema.parse(res.json);
    expect(created.duplicate).toBe(false);
    expect(created.order).toMatchObject({
      orderNo: 'O1',
      status: 'new',
      amount: '36.00',
      items: [
        { name: '拿铁', qty: 2, price: '15.00' },
        { name: 'Free cookie', qty: 1, price: '0.00' },
      ],
      customer: { name: '王先生', phoneTail: '1234' },
      rushCount: 0,
      lastRushAt: null,
    });
    expect(orders.get('O1')?.items[0].priceFen).toBe(1500);
    const again = await client.send({ method: 'POST', target: '/api/v1/orders', body: order });
    expect(again.status).toBe(200);
    expect(orderEventResponseSchema.parse(again.json).duplicate).toBe(true);
    const changed = await client.send({
      method: 'POST',
      target: '/api/v1/orders',
      body: { ...order, eventId: 'evt-2', amount: '40.00' },
    });
    expect(changed.status).toBe(409);
    expect(orders.writes).toBe(1);
  });

  it.each([
    ['amount', { amount: '-1' }],
    ['items[0].qty', { items: [{ name: 'x', qty: 0, price: '1' }] }],
    ['items[0].price', { items: [{ name: 'x', qty: 1, price: 1 }] }],
    ['items[0].name', { items: [{ name: ' ', qty: 1, price: '1' }] }],
    ['customer.phoneTail', { customer: { phoneTail: '１２３４' } }],
    ['eventId', { eventId: 'evt 1' }],
    ['note', { note: 'n'.repeat(501) }],
  ])('rejects a bad %s with its field path', async (path, patch) => {
    const { client, orders } = createApiKit();
    const res = await client.send({ method: 'POST', target: '/api/v1/orders', body: { ...order, ...patch } });
    expect(res.status).toBe(400);
    expect(
      (res.json as { error: { details: { issues: { path: string }[] } } }).error.details.issues,
    ).toContainEqual(expect.objectContaining({ path }));
    expect(orders.writes).toBe(0);
  });

  it('POST /orders/:orderNo/reminders counts rush reminders, dedups by eventId, 404 for unknown orders', async () => {
    const { client } = createApiKit();
    const missing = await client.send({
      method: 'POST',
      target: '/api/v1/orders/O1/reminders',
      body: { eventId: 'r-1' },
    });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'ORDER_NOT_FOUND' } });
    await client.send({ method: 'POST', target: '/api/v1/orders', body: order });
    const first = await client.send({
      method: 'POST',
      target: '/api/v1/orders/O1/reminders',
      body: { eventId: 'r-1' },
    });
    expect(first.status).toBe(200);
    expect(orderEventResponseSchema.parse(first.json)).toMatchObject({
      duplicate: false,
      order: { rushCount: 1 },
    });
    const dup = await client.send({
      method: 'POST',
      target: '/api/v1/orders/O1/reminders',
      body: { eventId: 'r-1' },
    });
    expect(orderEventResponseSchema.parse(dup.json)).toMatchObject({
      duplicate: true,
      order: { rushCount: 1 },
    });
    const bare = await client.send({ method: 'POST', target: '/api/v1/orders/O1/reminders' });
    expect(orderEventResponseSchema.parse(bare.json).order.rushCount).toBe(2);
    expect(orderEventResponseSchema.parse(bare.json).order.lastRushAt).toBe('2023-11-14T22:13:20.000Z');
  });
});
