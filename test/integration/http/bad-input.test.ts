import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/core/util/clock';
import type { Clock } from '../../../src/main/core/util/clock';
import { createHttpClient, randomNonce, signedRequest } from '../../support/api-client';
import type { ApiClient, ApiResponse } from '../../support/api-client';
import { createApiKit, TEST_CREDENTIALS } from '../../support/api-test-kit';
import type { ApiKit } from '../../support/api-test-kit';
import { createRandom, generateHostileCases, SEED_PAYMENT } from './hostile-requests';

/**
 * Bad input: 1,000+ malformed or hostile requests over a real listening socket on loopback, to
 * the real engine and order service. Each gets a 4xx, the server stays up, nothing reaches the
 * data (the whole database is compared before and after).
 */
const REQUEST_TIMEOUT_MS = 1_500;

let kit: ApiKit<Clock>;
let client: ApiClient;
let port: number;
let before: { data: string; paymentWrites: number; orderWrites: number };

function rawExchange(chunks: (string | Buffer)[], options: { endAfter?: boolean; capMs: number }) {
  return new Promise<{ text: string; closedAfterMs: number }>((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const cap = setTimeout(() => {
      socket.destroy();
      reject(new Error(`server kept the socket open beyond ${options.capMs} ms`));
    }, options.capMs);
    socket.on('data', (data) => (text += data.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(cap);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (options.endAfter) socket.end();
    });
  });
}

function statusOf(rawText: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(rawText)?.[1] ?? 0);
}

beforeAll(async () => {
  kit = createApiKit({ clock: systemClock, deps: { requestTimeoutMs: REQUEST_TIMEOUT_MS } });
  // The data the hostile requests must not change.
  kit.payments.create({
    orderNo: SEED_PAYMENT.orderNo,
    amountFen: 1250,
    qrCode: SEED_PAYMENT.qrCode,
    deviceSerial: SEED_PAYMENT.deviceSerial,
  });
  kit.payments.create({ orderNo: 'UNK1', amountFen: 100, qrCode: 'q' });
  await kit.settle('UNK1', 'unknown');
  // The phone that timed out goes away, so nothing of the engine's own moves against it (its
  // restart, the settle period) runs while the hostile requests are measured.
  kit.services.phones.unplug('phone-1');
  kit.orders.create({ orderNo: 'ORD1', amountFen: 1000, eventId: 'seed-event' });
  await kit.app.listen({ host: '127.0.0.1', port: 0 });
  port = (kit.app.server.address() as AddressInfo).port;
  client = createHttpClient(`http://127.0.0.1:${port}`, { credentials: TEST_CREDENTIALS, maxSockets: 24 });
  before = { data: kit.snapshot(), paymentWrites: kit.payments.writes, orderWrites: kit.orders.writes };
});

afterAll(async () => {
  client?.close();
  await kit?.close();
});

function expectNothingChanged() {
  expect(kit.payments.writes).toBe(before.paymentWrites);
  expect(kit.orders.writes).toBe(before.orderWrites);
  expect(kit.snapshot()).toBe(before.data);
  expect(kit.loggedErrors).toEqual([]);
}

describe('bad input over a real socket', () => {
  it('answers 1,200 generated hostile requests with JSON 4xx and changes nothing', async () => {
    const cases = generateHostileCases(createRandom(20261121), 1_200);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < cases.length; i += 48) {
      const batch = cases.slice(i, i + 48);
      const answers = await Promise.all(
        batch.map((c) =>
          client.send(c.request).catch((error: Error): ApiResponse => ({
            status: -1,
            headers: {},
            text: error.message,
            json: undefined,
          })),
        ),
      );
      answers.forEach((res, j) => {
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
        if (
          res.status < 400 ||
          res.status > 499 ||
          typeof code !== 'string' ||
          /at .*\.ts:\d+/.test(res.text)
        ) {
          failures.push(`${batch[j].name} → ${res.status} ${res.text.slice(0, 200)}`);
        }
      });
    }
    expect(failures).toEqual([]);
    // The mix really covers the categories (validation, auth, conflicts, limits, routing).
    for (const status of [400, 401, 404, 405, 409, 413, 415])
      expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(10);
    expectNothingChanged();
    const health = await client.send({ method: 'GET', target: '/api/v1/health' });
    expect(health.status).toBe(200);
  });

  it('refuses replays of a captured request', async () => {
    const nonce = randomNonce();
    const target = '/api/v1/payments/SEED1';
    const first = await client.send({ method: 'GET', target, nonce });
    expect(first.status).toBe(200);
    const replays = await Promise.all(
      Array.from({ length: 20 }, () => client.send({ method: 'GET', target, nonce })),
    );
    for (const replay of replays) {
      expect(replay.status).toBe(401);
      expect(replay.json).toMatchObject({ error: { code: 'AUTH_NONCE_REPLAYED' } });
    }
    // A captured POST replayed: refused before the service sees it.
    const body = { ...SEED_PAYMENT };
    const postNonce = randomNonce();
    expect(
      (await client.send({ method: 'POST', target: '/api/v1/payments', body, nonce: postNonce })).status,
    ).toBe(200);
    const replayedPost = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body,
      nonce: postNonce,
    });
    expect(replayedPost.json).toMatchObject({ error: { code: 'AUTH_NONCE_REPLAYED' } });
    expectNothingChanged();
  });

  it('cuts off slow bodies with a 408 at the body timeout instead of hanging', async () => {
    const { headers } = signedRequest(
      TEST_CREDENTIALS,
      {
        method: 'POST',
        target: '/api/v1/payments',
        body: JSON.stringify({ ...SEED_PAYMENT, orderNo: 'SLOW1' }),
      },
      Math.floor(Date.now() / 1000),
    );
    const head =
      'POST /api/v1/payments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n' +
      Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('') +
      '\r\n';
    const slow = await Promise.all(
      Array.from({ length: 5 }, () =>
        rawExchange([head, '{"orderNo":"SL'], { capMs: REQUEST_TIMEOUT_MS * 4 }),
      ),
    );
    for (const answer of slow) {
      expect(statusOf(answer.text)).toBe(408);
      expect(answer.text).toContain('"REQUEST_TIMEOUT"');
      expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    }
    // Headers that never finish (slowloris) are cut off the same way.
    const loris = await rawExchange(['GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: a'], {
      capMs: REQUEST_TIMEOUT_MS * 4,
    });
    expect(statusOf(loris.text)).toBe(408);
    expectNothingChanged();
  });

  it('answers framing garbage and lying Content-Length with 4xx and keeps serving', async () => {
    const garbage = await rawExchange(['\u0000\u0001GARBAGE / HTTP/9.9\r\n\r\n'], { capMs: 3_000 });
    expect(statusOf(garbage.text)).toBe(400);
    const hugeLength = await rawExchange(
      [
        'POST /api/v1/payments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n' +
          `x-station-key: ${TEST_CREDENTIALS.key}\r\nx-station-timestamp: ${Math.floor(Date.now() / 1000)}\r\n` +
          'x-station-nonce: nonce-huge-1\r\nx-station-signature: ' +
          '0'.repeat(64) +
          '\r\n\r\n{',
      ],
      { capMs: REQUEST_TIMEOUT_MS * 4 },
    );
    expect(statusOf(hugeLength.text)).toBe(413);
    const both = await rawExchange(
      [
        'POST /api/v1/payments HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      ],
      { capMs: 3_000, endAfter: true },
    );
    expect(statusOf(both.text)).toBe(400);
    const bigHeaders = await rawExchange(
      [`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
      {
        capMs: 3_000,
      },
    );
    expect(statusOf(bigHeaders.text)).toBe(431);
    const health = await client.send({ method: 'GET', target: '/api/v1/health' });
    expect(health.status).toBe(200);
    expectNothingChanged();
  });
});
