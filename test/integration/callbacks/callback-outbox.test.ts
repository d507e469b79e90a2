import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signatureMatches } from '../../../src/main/core/auth/request-signature';
import type { CallbackSender } from '../../../src/main/core/callbacks/callback-sender';
import { createCallbackSender } from '../../../src/main/core/callbacks/callback-sender';
import type { EngineHarness } from '../../support/engine-harness';
import { createEngineHarness, qr, until } from '../../support/engine-harness';
import { paymentSchema } from '../../../src/shared/api/payment-schemas';
import { paymentToWire } from '../../../src/shared/api/wire';

const creds = { key: 'station-key-1', secret: 'callback-secret-1' };

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  signatureOk: boolean;
}

/** A backend's callback endpoint on loopback that can be taken down and brought up on the same port. */
function createReceiver(answer: () => number = () => 200) {
  const received: Received[] = [];
  let server: http.Server | null = null;
  let port = 0;
  const up = () =>
    new Promise<void>((resolve) => {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const h = req.headers;
          const signatureOk =
            h['x-station-key'] === creds.key &&
            signatureMatches(
              creds.secret,
              {
                method: req.method ?? '',
                target: req.url ?? '',
                timestamp: String(h['x-station-timestamp']),
                nonce: String(h['x-station-nonce']),
                body,
              },
              String(h['x-station-signature']),
            );
          received.push({ url: req.url ?? '', headers: h, body, signatureOk });
          res.statusCode = answer();
          res.end('ok');
        });
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = null;
    });
  return { received, up, down, url: (path = '/cb?shop=1') => `http://127.0.0.1:${port}${path}` };
}

let h: EngineHarness;
let sender: CallbackSender | null = null;
let receiver: ReturnType<typeof createReceiver>;
afterEach(async () => {
  sender?.stop();
  sender = null;
  await receiver?.down();
  await h?.close();
});

function startSender(maxAttempts = 5, gaps = [100, 150, 200]): CallbackSender {
  sender = createCallbackSender({
    outbox: h.storage.outbox,
    credentials: () => creds,
    maxAttempts: () => maxAttempts,
    retryGapsMs: gaps,
    payments: h.engine,
    requestTimeoutMs: 2_000,
  });
  sender.start();
  return sender;
}

describe('callback outbox', () => {
  it('delivers a signed payment.updated callback for a final state', async () => {
    h = await createEngineHarness();
    receiver = createReceiver();
    await receiver.up();
    startSender();
    await h.devices.addPhone('P1');
    h.engine.create({ orderNo: 'CB1', amountFen: 1250, qrCode: qr('12.50'), callbackUrl: receiver.url() });
    await h.final('CB1');
    await until(() => receiver.received.length === 1, 3_000, 'callback');
    const r = receiver.received[0];
    expect(r.signatureOk).toBe(true);
    expect(r.url).toBe('/cb?shop=1');
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({
      type: 'payment.updated',
      payment: { orderNo: 'CB1', status: 'succeeded', amount: '12.50', deviceSerial: 'P1' },
    });
    expect(r.headers['x-station-event-id']).toBe(body.eventId);
    expect(body.payment.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The same record GET /payments/:orderNo answers with, through the same function.
    expect(body.payment).toEqual(paymentToWire(h.engine.get('CB1')!));
    expect(paymentSchema.strict().parse(body.payment)).toEqual(body.payment);
    await until(() => h.storage.outbox.get(body.eventId)?.status === 'delivered', 2_000, 'delivered');
    expect(sender!.stats()).toMatchObject({ delivered: 1, pending: 0, failed: 0, attempts: 1 });
  });

  it('a receiver that is down, then up: retried with growing gaps until delivered', async () => {
    h = await createEngineHarness();
    receiver = createReceiver();
    await receiver.up();
    const url = receiver.url();
    await receiver.down();
    startSender(10, [100, 200, 400]);
    await h.devices.addPhone('P1');
    h.engine.create({ orderNo: 'CB2', amountFen: 300, qrCode: qr('3.00'), callbackUrl: url });
    await h.final('CB2');
    await until(
      () => (h.storage.outbox.forOrder('CB2')[0]?.attempts ?? 0) >= 2,
      3_000,
      'two failed attempts',
    );
    const failing = h.storage.outbox.forOrder('CB2')[0];
    expect(failing).toMatchObject({ status: 'pending', lastHttpStatus: null });
    expect(failing.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    await receiver.up();
    await until(() => receiver.received.length === 1, 5_000, 'callback after the receiver came up');
    expect(receiver.received[0].signatureOk).toBe(true);
    // The receiver has answered; the sender records that right after.
    await until(() => h.storage.outbox.forOrder('CB2')[0].status === 'delivered', 2_000, 'recorded');
    const done = h.storage.outbox.forOrder('CB2')[0];
    expect(done.status).toBe('delivered');
    expect(done.attempts).toBeGreaterThanOrEqual(3);
  });

  it('gives up after the configured attempts; a manual resend delivers it', async () => {
    h = await createEngineHarness();
    let status = 503;
    receiver = createReceiver(() => status);
    await receiver.up();
    startSender(2, [50]);
    await h.devices.addPhone('P1');
    h.engine.create({ orderNo: 'CB3', amountFen: 300, qrCode: qr('3.00'), callbackUrl: receiver.url() });
    await h.final('CB3');
    await until(() => h.storage.outbox.forOrder('CB3')[0]?.status === 'failed', 3_000, 'failed');
    expect(h.storage.outbox.forOrder('CB3')[0]).toMatchObject({ attempts: 2, lastHttpStatus: 503 });
    status = 200;
    expect(sender!.resend(h.storage.outbox.forOrder('CB3')[0].eventId)).toBe(true);
    await until(() => h.storage.outbox.forOrder('CB3')[0]?.status === 'delivered', 3_000, 'resent');
    expect(receiver.received).toHaveLength(3);
    expect(sender!.stats()).toMatchObject({ delivered: 1, failed: 0, attempts: 3 });
  });

  it('an unknown payment resolved by hand sends a second callback with the resolution', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 200 });
    receiver = createReceiver();
    await receiver.up();
    startSender();
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    h.engine.create({ orderNo: 'CB5', amountFen: 300, qrCode: qr('3.00'), callbackUrl: receiver.url() });
    await h.final('CB5');
    await until(() => receiver.received.length === 1, 3_000, 'unknown callback');
    h.engine.resolve('CB5', 'failed', 'no charge on the bill', 'cashier');
    await until(() => receiver.received.length === 2, 3_000, 'resolution callback');
    const [first, second] = receiver.received.map((r) => JSON.parse(r.body));
    expect(first.payment).toMatchObject({ status: 'unknown', review: { reason: 'timeout' } });
    expect(second.payment).toMatchObject({
      status: 'failed',
      resolution: { status: 'failed', note: 'no charge on the bill', by: 'cashier' },
    });
    expect(first.eventId).not.toBe(second.eventId);
  });

  it('survives a restart: pending callbacks are sent by the next station', async () => {
    h = await createEngineHarness();
    receiver = createReceiver();
    await receiver.up();
    const url = receiver.url();
    await receiver.down();
    await h.devices.addPhone('P1');
    h.engine.create({ orderNo: 'CB4', amountFen: 300, qrCode: qr('3.00'), callbackUrl: url });
    await h.final('CB4');
    expect(h.storage.outbox.forOrder('CB4')[0].status).toBe('pending');
    await h.restart();
    await receiver.up();
    startSender();
    await until(() => receiver.received.length === 1, 3_000, 'callback after restart');
    expect(JSON.parse(receiver.received[0].body).payment.orderNo).toBe('CB4');
  });
});
