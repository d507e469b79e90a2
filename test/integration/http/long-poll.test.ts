import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentResponseSchema } from '../../../src/shared/api/payment-schemas';
import { healthResponseSchema } from '../../../src/shared/api/status-schemas';
import { systemClock } from '../../../src/main/core/util/clock';
import type { Clock } from '../../../src/main/core/util/clock';
import { createHttpClient, signedRequest } from '../../support/api-client';
import type { ApiClient } from '../../support/api-client';
import { ABSENT_PHONE, createApiKit, TEST_CREDENTIALS, validPayment } from '../../support/api-test-kit';
import type { ApiKit } from '../../support/api-test-kit';

/** Long polls over a real socket with the real clock, on the real engine. */
let kit: ApiKit<Clock>;
let client: ApiClient;
let port: number;

const waiters = async () =>
  healthResponseSchema.parse((await client.send({ method: 'GET', target: '/api/v1/health' })).json)
    .longPollWaiters;

async function until(check: () => Promise<boolean>, capMs = 3_000): Promise<void> {
  const deadline = Date.now() + capMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  // A request timeout shorter than the poll proves it only bounds receiving the request.
  kit = createApiKit({ clock: systemClock, deps: { requestTimeoutMs: 1_000 } });
  await kit.app.listen({ host: '127.0.0.1', port: 0 });
  port = (kit.app.server.address() as AddressInfo).port;
  client = createHttpClient(`http://127.0.0.1:${port}`, { credentials: TEST_CREDENTIALS });
});

afterAll(async () => {
  client?.close();
  await kit?.close();
});

describe('long poll over HTTP', () => {
  it('answers after N seconds with the current state', async () => {
    // No phone will take it: it waits for one that is not plugged in.
    await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { ...validPayment('LP1'), deviceSerial: ABSENT_PHONE },
    });
    const started = Date.now();
    const res = await client.send({ method: 'GET', target: '/api/v1/payments/LP1?wait=2' });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(paymentResponseSchema.parse(res.json).payment.status).toBe('queued');
    expect(elapsed).toBeGreaterThanOrEqual(1_950);
    expect(elapsed).toBeLessThan(3_500);
  });

  it('wakes at once on an update', async () => {
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('LP2') });
    const started = Date.now();
    const pending = client.send({ method: 'GET', target: '/api/v1/payments/LP2?wait=30' });
    await until(async () => (await waiters()) === 1);
    await kit.settle('LP2', 'succeeded');
    const res = await pending;
    expect(paymentResponseSchema.parse(res.json).payment).toMatchObject({
      status: 'succeeded',
      notificationText: '你已成功付款12.50元',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('drops the waiter when the client hangs up', async () => {
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('LP3') });
    const target = '/api/v1/payments/LP3?wait=30';
    const { headers } = signedRequest(
      TEST_CREDENTIALS,
      { method: 'GET', target },
      Math.floor(Date.now() / 1000),
    );
    const outgoing = request({ host: '127.0.0.1', port, path: target, headers });
    outgoing.on('error', () => undefined);
    outgoing.end();
    await until(async () => (await waiters()) === 1);
    outgoing.destroy();
    await until(async () => (await waiters()) === 0);
    // The payment service still has exactly one listener for all long polls.
    expect(kit.payments.listenerCount).toBe(1);
  });
});
