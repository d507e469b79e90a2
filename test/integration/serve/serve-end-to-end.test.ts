import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADERS, signatureMatches } from '../../../src/main/core/auth/request-signature';
import type { SimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { createHttpClient } from '../../support/api-client';
import type { ApiClient } from '../../support/api-client';
import type { TestAdbServer } from '../../support/adb-server';
import { startTestAdbServer } from '../../support/adb-server';
import { waitFor } from '../../support/adb-station';
import type { ServeChild } from '../../support/serve-child';
import { fastStationArgs, startServeChild, TEST_CREDENTIALS } from '../../support/serve-child';
import { makeTempDir } from '../../support/temp-dir';

// The whole path: a signed HTTP request → the queue → a real adb forward → a
// simulated phone app → the notification → the result → a signed callback to a local receiver.

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  target: string;
}

let adb: TestAdbServer;
let phone: SimulatedPhone;
let serve: ServeChild;
let client: ApiClient;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
const temp = makeTempDir('serve-e2e-');

beforeAll(async () => {
  adb = await startTestAdbServer();
  phone = createSimulatedPhone({ model: 'E2E-1' });
  await phone.listen();
  await phone.plugInto({ host: '127.0.0.1', port: adb.port });
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, target: req.url ?? '' });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/station/callback?shop=1`;
  serve = await startServeChild(fastStationArgs(temp.dir, adb.port));
  client = createHttpClient(serve.apiUrl, { credentials: TEST_CREDENTIALS });
}, 60_000);

afterAll(async () => {
  client?.close();
  await serve?.kill();
  await phone?.close();
  await adb?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
  temp.cleanup();
});

describe('npm run serve, end to end through a real adb server', () => {
  it('lists the phone as ready with its forward', async () => {
    const device = await waitFor(
      'phone ready over HTTP',
      async () => {
        const res = await client.send({ method: 'GET', target: '/api/v1/devices' });
        const d = (
          res.json as {
            devices: { serial: string; state: string; localPort: number | null; model: string | null }[];
          }
        ).devices.find((x) => x.serial === phone.serial);
        return d?.state === 'ready' ? d : null;
      },
      20_000,
    );
    expect(device.model).toBe('E2E-1');
    expect(device.localPort).toBeGreaterThan(0);
  });

  it('pays a signed request through the forward and calls the backend back with a valid signature', async () => {
    const create = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: {
        orderNo: 'E2E-0001',
        amount: '12.50',
        qrCode: 'https://qr.alipay.com/fkx01?amount=12.50',
        callbackUrl: receiverUrl,
      },
    });
    expect(create.status, create.text).toBe(202);
    const done = await client.send({ method: 'GET', target: '/api/v1/payments/E2E-0001?wait=20' });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({
      payment: {
        orderNo: 'E2E-0001',
        status: 'succeeded',
        amount: '12.50',
        deviceSerial: phone.serial,
        notificationText: '你已成功付款12.50元',
      },
    });
    // Exactly one command reached the phone, in the reference phone app's shape.
    expect(phone.app.commands.map((c) => JSON.parse(c.raw))).toEqual([
      { groupId: 1, msg: 'https://qr.alipay.com/fkx01?amount=12.50' },
    ]);

    const cb = await waitFor('callback', () => received.find((r) => r.body.includes('E2E-0001')), 15_000);
    const body = JSON.parse(cb.body) as {
      eventId: string;
      type: string;
      payment: { status: string; orderNo: string };
    };
    expect(body.type).toBe('payment.updated');
    expect(body.payment).toMatchObject({ orderNo: 'E2E-0001', status: 'succeeded' });
    expect(body.eventId).toMatch(/.{8,}/);
    expect(cb.headers[SIGNATURE_HEADERS.key]).toBe(TEST_CREDENTIALS.key);
    const ok = signatureMatches(
      TEST_CREDENTIALS.secret,
      {
        method: 'POST',
        target: cb.target,
        timestamp: String(cb.headers[SIGNATURE_HEADERS.timestamp]),
        nonce: String(cb.headers[SIGNATURE_HEADERS.nonce]),
        body: cb.body,
      },
      String(cb.headers[SIGNATURE_HEADERS.signature]),
    );
    expect(ok).toBe(true);
  });

  it('answers /health and refuses an unsigned request', async () => {
    const health = await client.send({ method: 'GET', target: '/api/v1/health' });
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ status: 'ok' });
    const unsigned = await fetch(`${serve.apiUrl}/api/v1/health`);
    expect(unsigned.status).toBe(401);
  });

  it('stops cleanly on SIGTERM: exit code 0 and its forward removed from adb', async () => {
    const forwards = () =>
      execFileSync('adb', ['-P', String(adb.port), 'forward', '--list'], {
        encoding: 'utf8',
        env: { ...process.env, HOME: temp.dir },
      });
    expect(forwards()).toContain(phone.serial);
    const code = await serve.stop();
    expect(code, serve.stderr()).toBe(0);
    expect(serve.stderr()).toContain('SIGTERM received');
    expect(forwards()).not.toContain(phone.serial);
  });
});
