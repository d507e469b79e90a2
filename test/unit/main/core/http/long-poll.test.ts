import { describe, expect, it } from 'vitest';
import { paymentResponseSchema } from '../../../../../src/shared/api/payment-schemas';
import { createApiKit, validPayment } from '../../../../support/api-test-kit';

/** Lets pending inject calls reach their handlers (a few macrotask turns, no real waiting). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('GET /payments/:orderNo?wait=N (long poll, seeds/004)', () => {
  it('answers at once when the payment is already final', async () => {
    const { client, payments, clock } = createApiKit();
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W1') });
    payments.advance('W1', 'succeeded', { notificationText: '支付宝到账12.50元' });
    const res = await client.send({ method: 'GET', target: '/api/v1/payments/W1?wait=30' });
    expect(res.status).toBe(200);
    expect(paymentResponseSchema.parse(res.json).payment.status).toBe('succeeded');
    expect(clock.pendingTimers).toBe(0);
  });

  it('answers after N seconds with the current state', async () => {
    const { client, clock } = createApiKit();
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W2') });
    let answered = false;
    const pending = client
      .send({ method: 'GET', target: '/api/v1/payments/W2?wait=5' })
      .finally(() => (answered = true));
    await settle();
    expect(clock.pendingTimers).toBe(1);
    clock.advance(4_999);
    await settle();
    expect(answered).toBe(false);
    clock.advance(1);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(paymentResponseSchema.parse(res.json).payment.status).toBe('queued');
    expect(clock.pendingTimers).toBe(0);
  });

  it('wakes on the final state, not on intermediate ones, without polling the service', async () => {
    const { client, clock, payments } = createApiKit();
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W3') });
    const pending = client.send({ method: 'GET', target: '/api/v1/payments/W3?wait=30' });
    await settle();
    const readsWhileWaiting = payments.reads;
    clock.advance(10_000);
    await settle();
    expect(payments.reads).toBe(readsWhileWaiting);
    let answered = false;
    void pending.finally(() => (answered = true));
    payments.advance('W3', 'awaiting_result', { deviceSerial: 'phone-1' });
    await settle();
    expect(answered).toBe(false);
    payments.advance('W3', 'failed', { deviceSerial: 'phone-1' });
    const res = await pending;
    expect(paymentResponseSchema.parse(res.json).payment).toMatchObject({
      status: 'failed',
      deviceSerial: 'phone-1',
    });
    expect(clock.pendingTimers).toBe(0);
  });

  it('ignores updates of other payments', async () => {
    const { client, clock, payments } = createApiKit();
    for (const n of ['W4', 'W5'])
      await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment(n) });
    let answered = false;
    const pending = client
      .send({ method: 'GET', target: '/api/v1/payments/W4?wait=3' })
      .finally(() => (answered = true));
    await settle();
    payments.advance('W5', 'failed');
    await settle();
    expect(answered).toBe(false);
    clock.advance(3_000);
    expect(paymentResponseSchema.parse((await pending).json).payment.status).toBe('queued');
  });

  it('serves 1,000 waiters from one listener and one timer each, and wakes them all', async () => {
    const { client, clock, payments } = createApiKit();
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W6') });
    const listenersBefore = payments.listenerCount;
    const pending = Array.from({ length: 1000 }, () =>
      client.send({ method: 'GET', target: '/api/v1/payments/W6?wait=30' }),
    );
    await settle();
    while (clock.pendingTimers < 1000) await settle();
    expect(clock.pendingTimers).toBe(1000);
    expect(payments.listenerCount).toBe(listenersBefore);
    const reads = payments.reads;
    payments.advance('W6', 'succeeded');
    const answers = await Promise.all(pending);
    expect(
      answers.every(
        (a) => a.status === 200 && (a.json as { payment: { status: string } }).payment.status === 'succeeded',
      ),
    ).toBe(true);
    // Each waiter answered with the payment from the event: no re-read per waiter.
    expect(payments.reads).toBe(reads);
    expect(clock.pendingTimers).toBe(0);
  });

  it('releases waiters with the current state when the server closes', async () => {
    const { app, client, clock } = createApiKit();
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W7') });
    const pending = client.send({ method: 'GET', target: '/api/v1/payments/W7?wait=30' });
    await settle();
    await app.close();
    expect((await pending).status).toBe(200);
    expect(clock.pendingTimers).toBe(0);
  });
});
