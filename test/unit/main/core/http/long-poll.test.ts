import { describe, expect, it } from 'vitest';
import { paymentResponseSchema } from '../../../../../src/shared/api/payment-schemas';
import { ABSENT_PHONE, createApiKit, validPayment } from '../../../../support/api-test-kit';

/** Lets pending inject calls reach their handlers (a few macrotask turns, no real waiting). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

// On the real engine, whose own timers (the expiry sweep) stay armed: timer counts are relative.
describe('GET /payments/:orderNo?wait=N (long poll)', () => {
  it('answers at once when the payment is already final', async () => {
    const kit = createApiKit();
    const { client, clock } = kit;
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W1') });
    await kit.settle('W1', 'succeeded');
    const timers = clock.pendingTimers;
    const res = await client.send({ method: 'GET', target: '/api/v1/payments/W1?wait=30' });
    expect(res.status).toBe(200);
    expect(paymentResponseSchema.parse(res.json).payment.status).toBe('succeeded');
    expect(clock.pendingTimers).toBe(timers);
  });

  it('answers after N seconds with the current state', async () => {
    const { client, clock } = createApiKit();
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W2') });
    const timers = clock.pendingTimers;
    let answered = false;
    const pending = client
      .send({ method: 'GET', target: '/api/v1/payments/W2?wait=5' })
      .finally(() => (answered = true));
    await settle();
    expect(clock.pendingTimers).toBe(timers + 1);
    clock.advance(4_999);
    await settle();
    expect(answered).toBe(false);
    clock.advance(1);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(paymentResponseSchema.parse(res.json).payment.status).toBe('queued');
    expect(clock.pendingTimers).toBe(timers);
  });

  it('wakes on the final state, not on intermediate ones, without polling the service', async () => {
    const kit = createApiKit();
    const { client, clock, payments } = kit;
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W3') });
    const timers = clock.pendingTimers;
    const pending = client.send({ method: 'GET', target: '/api/v1/payments/W3?wait=30' });
    await settle();
    const readsWhileWaiting = payments.reads;
    clock.advance(10_000);
    await settle();
    expect(payments.reads).toBe(readsWhileWaiting);
    let answered = false;
    void pending.finally(() => (answered = true));
    const onPhone = await kit.settle('W3', 'awaiting_result');
    expect(onPhone.deviceSerial).toBe('phone-1');
    await settle();
    expect(answered).toBe(false);
    await kit.settle('W3', 'failed');
    const res = await pending;
    expect(paymentResponseSchema.parse(res.json).payment).toMatchObject({
      status: 'failed',
      deviceSerial: 'phone-1',
    });
    expect(clock.pendingTimers).toBeLessThanOrEqual(timers + 1);
  });

  it('ignores updates of other payments', async () => {
    const kit = createApiKit();
    const { client, clock } = kit;
    // W4 stays queued: it waits for a phone that is not plugged in.
    await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { ...validPayment('W4'), deviceSerial: ABSENT_PHONE },
    });
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W5') });
    let answered = false;
    const pending = client
      .send({ method: 'GET', target: '/api/v1/payments/W4?wait=3' })
      .finally(() => (answered = true));
    await settle();
    await kit.settle('W5', 'failed');
    await settle();
    expect(answered).toBe(false);
    clock.advance(3_000);
    expect(paymentResponseSchema.parse((await pending).json).payment.status).toBe('queued');
  });

  it('serves 1,000 waiters from one listener and one timer each, and wakes them all', async () => {
    const kit = createApiKit();
    const { client, clock, payments } = kit;
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W6') });
    const timers = clock.pendingTimers;
    const listenersBefore = payments.listenerCount;
    const pending = Array.from({ length: 1000 }, () =>
      client.send({ method: 'GET', target: '/api/v1/payments/W6?wait=30' }),
    );
    await settle();
    while (clock.pendingTimers < timers + 1000) await settle();
    expect(clock.pendingTimers).toBe(timers + 1000);
    expect(payments.listenerCount).toBe(listenersBefore);
    const reads = payments.reads;
    await kit.settle('W6', 'succeeded');
    const answers = await Promise.all(pending);
    expect(
      answers.every(
        (a) => a.status === 200 && (a.json as { payment: { status: string } }).payment.status === 'succeeded',
      ),
    ).toBe(true);
    // Each waiter answered with the payment from the event: no re-read per waiter.
    expect(payments.reads).toBe(reads);
    expect(clock.pendingTimers).toBeLessThan(timers + 1000);
  });

  it('releases waiters with the current state when the server closes', async () => {
    const { app, client, clock } = createApiKit();
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('W7') });
    const timers = clock.pendingTimers;
    const pending = client.send({ method: 'GET', target: '/api/v1/payments/W7?wait=30' });
    await settle();
    await app.close();
    expect((await pending).status).toBe(200);
    expect(clock.pendingTimers).toBe(timers);
  });
});
