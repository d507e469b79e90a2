import { describe, expect, it } from 'vitest';
import {
  paymentResponseSchema,
  paymentListResponseSchema,
} from '../../../../../src/shared/api/payment-schemas';
import { ABSENT_PHONE, createApiKit, validPayment } from '../../../../support/api-test-kit';

type ErrorJson = {
  error: { code: string; message: string; details?: { issues?: { location: string; path: string }[] } };
};
const err = (json: unknown) => (json as ErrorJson).error;

describe('POST /payments', () => {
  it('answers 202 with the payment: decimal amount, ISO times, no internals', async () => {
    const { client, payments } = createApiKit();
    const res = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: {
        ...validPayment('P1'),
        amount: '0.1',
        callbackUrl: 'https://shop.example/cb',
        expiresInSec: 60,
      },
    });
    expect(res.status).toBe(202);
    const { payment } = paymentResponseSchema.parse(res.json);
    expect(payment).toMatchObject({
      orderNo: 'P1',
      status: 'queued',
      amount: '0.10',
      deviceSerial: null,
      notificationText: null,
      review: null,
      createdAt: '2023-11-14T22:13:20.000Z',
      expiresAt: '2023-11-14T22:14:20.000Z',
    });
    expect(payment).not.toHaveProperty('requestHash');
    expect(payments.get('P1')?.amountFen).toBe(10);
  });

  it('is idempotent by orderNo: same body 200, different body 409 ORDER_CONFLICT', async () => {
    const { client, payments } = createApiKit();
    const body = validPayment('P2');
    expect((await client.send({ method: 'POST', target: '/api/v1/payments', body })).status).toBe(202);
    const again = await client.send({ method: 'POST', target: '/api/v1/payments', body });
    expect(again.status).toBe(200);
    expect(paymentResponseSchema.parse(again.json).payment.orderNo).toBe('P2');
    // "12.5" is the same amount as "12.50": idempotency compares fen, not text.
    const sameAmount = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { ...body, amount: '12.5' },
    });
    expect(sameAmount.status).toBe(200);
    const other = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { ...body, amount: '12.51' },
    });
    expect(other.status).toBe(409);
    expect(err(other.json).code).toBe('ORDER_CONFLICT');
    expect(payments.writes).toBe(1);
  });

  it('answers 409 ORDER_CANCELLED after cancel-before-create', async () => {
    const { client } = createApiKit();
    const cancel = await client.send({ method: 'POST', target: '/api/v1/payments/P3/cancel' });
    expect(cancel.status).toBe(200);
    expect(cancel.json).toEqual({ outcome: 'cancelled', payment: null });
    const res = await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('P3') });
    expect(res.status).toBe(409);
    expect(err(res.json).code).toBe('ORDER_CANCELLED');
  });

  it.each([
    ['orderNo', { orderNo: '' }],
    ['orderNo', { orderNo: 'x'.repeat(65) }],
    ['orderNo', { orderNo: 'A\u200f1' }],
    ['orderNo', { orderNo: 'Ａ1' }],
    ['orderNo', { orderNo: 12 }],
    ['amount', { amount: 12.5 }],
    ['amount', { amount: '0' }],
    ['amount', { amount: '0.00' }],
    ['amount', { amount: '-1' }],
    ['amount', { amount: '1.234' }],
    ['amount', { amount: '1e3' }],
    ['amount', { amount: '10000000' }],
    ['amount', { amount: '１２.50' }],
    ['qrCode', { qrCode: '' }],
    ['qrCode', { qrCode: 'q'.repeat(2049) }],
    ['deviceSerial', { deviceSerial: 'bad serial' }],
    ['callbackUrl', { callbackUrl: 'ftp://x.example/cb' }],
    ['callbackUrl', { callbackUrl: 'javascript:alert(1)' }],
    ['expiresInSec', { expiresInSec: 9 }],
    ['expiresInSec', { expiresInSec: 3601 }],
    ['expiresInSec', { expiresInSec: 60.5 }],
    ['expiresInSec', { expiresInSec: '60' }],
    ['extra', { extra: true }],
  ])('rejects a bad %s with its field path', async (field, patch) => {
    const { client, payments } = createApiKit();
    const res = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { ...validPayment('V1'), ...patch },
    });
    expect(res.status).toBe(400);
    expect(err(res.json).code).toBe('VALIDATION_FAILED');
    expect(err(res.json).details?.issues).toContainEqual(
      expect.objectContaining({ location: 'body', path: field }),
    );
    expect(payments.writes).toBe(0);
  });

  it('accepts the boundary values', async () => {
    const { client } = createApiKit();
    const body = {
      ...validPayment('B1'),
      amount: '9999999.99',
      expiresInSec: 3600,
      deviceSerial: '127.0.0.1:5555',
    };
    const res = await client.send({ method: 'POST', target: '/api/v1/payments', body });
    expect(res.status).toBe(202);
    expect(paymentResponseSchema.parse(res.json).payment).toMatchObject({
      amount: '9999999.99',
      deviceSerial: '127.0.0.1:5555',
    });
    const small = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { ...validPayment('B2'), amount: '0.01' },
    });
    expect(small.status).toBe(202);
  });

  it('answers 400 for a missing body, invalid JSON, and 415 / 413 for the wrong kind or size', async () => {
    const { client } = createApiKit();
    const none = await client.send({ method: 'POST', target: '/api/v1/payments' });
    expect(none.status).toBe(400);
    const bad = await client.send({ method: 'POST', target: '/api/v1/payments', body: '{"orderNo":' });
    expect([bad.status, err(bad.json).code]).toEqual([400, 'INVALID_JSON']);
    const form = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: 'orderNo=1',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect([form.status, err(form.json).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const latin = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: validPayment('L1'),
      contentType: 'application/json; charset=latin1',
    });
    expect(latin.status).toBe(415);
    const huge = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { ...validPayment('H1'), qrCode: 'q'.repeat(70_000) },
    });
    expect([huge.status, err(huge.json).code]).toEqual([413, 'BODY_TOO_LARGE']);
  });
});

describe('payment reads, cancel and resolve', () => {
  it('GET /payments/:orderNo answers the payment, or 404', async () => {
    const { client } = createApiKit();
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('G1') });
    const res = await client.send({ method: 'GET', target: '/api/v1/payments/G1' });
    expect(res.status).toBe(200);
    expect(paymentResponseSchema.parse(res.json).payment.orderNo).toBe('G1');
    const missing = await client.send({ method: 'GET', target: '/api/v1/payments/NOPE' });
    expect([missing.status, err(missing.json).code]).toEqual([404, 'PAYMENT_NOT_FOUND']);
    const badParam = await client.send({ method: 'GET', target: '/api/v1/payments/%E2%80%8FX' });
    expect(badParam.status).toBe(400);
    expect(err(badParam.json).details?.issues?.[0]).toMatchObject({ location: 'params', path: 'orderNo' });
    const badWait = await client.send({ method: 'GET', target: '/api/v1/payments/G1?wait=31' });
    expect(badWait.status).toBe(400);
  });

  it('GET /payments lists with status filter, limit and cursor', async () => {
    const kit = createApiKit();
    const { client, clock } = kit;
    for (let i = 0; i < 5; i++) {
      // Only L1 goes to a phone; the others wait for one that is not plugged in.
      const pin = i === 1 ? {} : { deviceSerial: ABSENT_PHONE };
      await client.send({
        method: 'POST',
        target: '/api/v1/payments',
        body: { ...validPayment(`L${i}`), ...pin },
      });
      clock.advance(1000);
    }
    await kit.settle('L1', 'failed');
    const page1 = paymentListResponseSchema.parse(
      (await client.send({ method: 'GET', target: '/api/v1/payments?limit=2' })).json,
    );
    expect(page1.payments.map((p) => p.orderNo)).toEqual(['L4', 'L3']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = paymentListResponseSchema.parse(
      (await client.send({ method: 'GET', target: `/api/v1/payments?limit=2&cursor=${page1.nextCursor}` }))
        .json,
    );
    expect(page2.payments.map((p) => p.orderNo)).toEqual(['L2', 'L1']);
    const failed = paymentListResponseSchema.parse(
      (await client.send({ method: 'GET', target: '/api/v1/payments?status=failed' })).json,
    );
    expect(failed.payments.map((p) => p.orderNo)).toEqual(['L1']);
    const badStatus = await client.send({ method: 'GET', target: '/api/v1/payments?status=paid' });
    expect(badStatus.status).toBe(400);
    const badLimit = await client.send({ method: 'GET', target: '/api/v1/payments?limit=0' });
    expect(badLimit.status).toBe(400);
    const twice = await client.send({ method: 'GET', target: '/api/v1/payments?limit=1&limit=2' });
    expect(twice.status).toBe(400);
    const foreignCursor = await client.send({ method: 'GET', target: '/api/v1/payments?cursor=zzz' });
    expect([foreignCursor.status, err(foreignCursor.json).code]).toEqual([400, 'BAD_CURSOR']);
  });

  it("a database fault while listing is a 500, not the client's bad cursor", async () => {
    const kit = createApiKit();
    const cursor = Buffer.from('10').toString('base64url');
    expect(
      (await kit.client.send({ method: 'GET', target: `/api/v1/payments?cursor=${cursor}` })).status,
    ).toBe(200);
    kit.services.storage.close();
    const res = await kit.client.send({ method: 'GET', target: `/api/v1/payments?cursor=${cursor}` });
    expect([res.status, err(res.json).code]).toEqual([500, 'INTERNAL']);
    expect(kit.loggedErrors).toHaveLength(1);
  });

  it('cancel answers by what the service did', async () => {
    const kit = createApiKit();
    const { client } = kit;
    for (const n of ['C1', 'C2', 'C3'])
      await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment(n) });
    const queued = await client.send({ method: 'POST', target: '/api/v1/payments/C1/cancel', body: {} });
    expect(queued.status).toBe(200);
    expect(queued.json).toMatchObject({ outcome: 'cancelled', payment: { status: 'cancelled' } });
    const again = await client.send({ method: 'POST', target: '/api/v1/payments/C1/cancel' });
    expect(again.status).toBe(200);
    await kit.settle('C2', 'awaiting_result');
    const inFlight = await client.send({ method: 'POST', target: '/api/v1/payments/C2/cancel' });
    expect(inFlight.status).toBe(202);
    expect(inFlight.json).toMatchObject({ outcome: 'cancel_requested', payment: { cancelRequested: true } });
    await kit.settle('C3', 'succeeded');
    const done = await client.send({ method: 'POST', target: '/api/v1/payments/C3/cancel' });
    expect([done.status, err(done.json).code]).toEqual([409, 'PAYMENT_ALREADY_FINAL']);
    const withBody = await client.send({
      method: 'POST',
      target: '/api/v1/payments/C3/cancel',
      body: { reason: 'x' },
    });
    expect(withBody.status).toBe(400);
  });

  it('resolve settles unknown payments only', async () => {
    const kit = createApiKit();
    const { client } = kit;
    await client.send({ method: 'POST', target: '/api/v1/payments', body: validPayment('U1') });
    const early = await client.send({
      method: 'POST',
      target: '/api/v1/payments/U1/resolve',
      body: { status: 'succeeded', note: 'seen on phone' },
    });
    expect([early.status, err(early.json).code]).toEqual([409, 'PAYMENT_NOT_UNKNOWN']);
    expect((await kit.settle('U1', 'unknown')).review).toMatchObject({ reason: 'timeout' });
    const blankNote = await client.send({
      method: 'POST',
      target: '/api/v1/payments/U1/resolve',
      body: { status: 'failed', note: '  ' },
    });
    expect(blankNote.status).toBe(400);
    const wrong = await client.send({
      method: 'POST',
      target: '/api/v1/payments/U1/resolve',
      body: { status: 'cancelled', note: 'x' },
    });
    expect(err(wrong.json).details?.issues?.[0]).toMatchObject({ path: 'status' });
    const ok = await client.send({
      method: 'POST',
      target: '/api/v1/payments/U1/resolve',
      body: { status: 'succeeded', note: 'seen on phone' },
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      payment: { status: 'succeeded', resolution: { status: 'succeeded', note: 'seen on phone', by: 'api' } },
    });
    const missing = await client.send({
      method: 'POST',
      target: '/api/v1/payments/U9/resolve',
      body: { status: 'failed', note: 'x' },
    });
    expect(missing.status).toBe(404);
  });
});
