import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationHeaders, verifyStationSignature } from '../../../examples/sign-request.mjs';
import { signRequest } from '../../../src/main/core/auth/request-signature';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';
import { waitFor } from '../../support/adb-station';

// docs/API.md's Node example, run as the backend developer would run it: as a file, against the
// real station core on a real adb server with a simulated phone, with a real callback receiver.

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLE = path.join(ROOT, 'examples/sign-request.mjs');
const CREDENTIALS = { key: 'cs_rig_key_0001', secret: 'rig-secret-0123456789abcdef' };
const run = promisify(execFile);

interface Received {
  target: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let rig: CoreRig;
let apiUrl: string;
let receiver: http.Server;
let callbackUrl: string;
const received: Received[] = [];

async function example(
  args: string[],
  secret = CREDENTIALS.secret,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [EXAMPLE, ...args], {
      env: {
        ...process.env,
        STATION_URL: apiUrl,
        STATION_API_KEY: CREDENTIALS.key,
        STATION_API_SECRET: secret,
      },
      timeout: 40_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The example prints `HTTP <status>` and then the JSON body. */
function parsed(stdout: string): { status: number; json: unknown } {
  const [first, ...rest] = stdout.split('\n');
  return { status: Number(first.replace('HTTP ', '')), json: JSON.parse(rest.join('\n')) as unknown };
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ target: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/shop/callback?from=station`;
  rig = await createCoreRig({ settingsOverrides: { payments: { minResultMs: 0 } } });
  const phone = await rig.addPhone({ model: 'DOC-1' });
  await rig.waitReady(phone);
  apiUrl = `http://127.0.0.1:${(rig.core.api.server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await rig?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('examples/sign-request.mjs against the real station', () => {
  it('signs exactly like the station (same signature for the same input)', () => {
    const input = {
      method: 'POST',
      target: '/api/v1/orders',
      timestamp: 1_763_000_000,
      nonce: 'n0nce-abcdef',
      body: '{"a":1}',
    };
    const headers = stationHeaders({ key: CREDENTIALS.key, secret: CREDENTIALS.secret, ...input });
    expect(headers['X-Station-Signature']).toBe(signRequest(CREDENTIALS.secret, input));
    expect(headers['X-Station-Timestamp']).toBe('1763000000');
  });

  it('creates a payment, long-polls it to succeeded, and verifies the signed callback', async () => {
    const body = JSON.stringify({
      orderNo: 'DOC-1001',
      amount: '12.50',
      qrCode: 'https://qr.alipay.com/fkx01?amount=12.50',
      callbackUrl,
    });
    const created = await example(['POST', '/api/v1/payments', body]);
    expect(created.code, created.stdout + created.stderr).toBe(0);
    expect(parsed(created.stdout)).toMatchObject({
      status: 202,
      json: { payment: { orderNo: 'DOC-1001', amount: '12.50' } },
    });

    const polled = await example(['GET', '/api/v1/payments/DOC-1001?wait=20']);
    expect(parsed(polled.stdout)).toMatchObject({
      status: 200,
      json: {
        payment: { orderNo: 'DOC-1001', status: 'succeeded', notificationText: '你已成功付款12.50元' },
      },
    });

    const cb = await waitFor(
      'the callback',
      () => received.find((r) => r.body.toString().includes('DOC-1001')),
      15_000,
    );
    const check = (secret: string) =>
      verifyStationSignature({
        secret,
        method: 'POST',
        target: cb.target,
        headers: cb.headers,
        rawBody: cb.body,
      });
    expect(cb.target).toBe('/shop/callback?from=station');
    expect(check(CREDENTIALS.secret)).toBe(true);
    expect(check('another-secret-0123456789')).toBe(false);
  });

  it('posts an order and a rush reminder, and lists payments and devices', async () => {
    const order = await example([
      'POST',
      '/api/v1/orders',
      JSON.stringify({ orderNo: 'DOC-O1', amount: '35.50', eventId: 'ev-doc-o1' }),
    ]);
    expect(parsed(order.stdout)).toMatchObject({
      status: 201,
      json: { order: { orderNo: 'DOC-O1', status: 'new' }, duplicate: false },
    });
    const rush = await example(['POST', '/api/v1/orders/DOC-O1/reminders', '{}']);
    expect(parsed(rush.stdout)).toMatchObject({ status: 200, json: { order: { rushCount: 1 } } });
    const list = await example(['GET', '/api/v1/payments?status=succeeded&limit=10']);
    expect(parsed(list.stdout)).toMatchObject({ status: 200, json: { payments: [{ orderNo: 'DOC-1001' }] } });
    const devices = await example(['GET', '/api/v1/devices']);
    expect(parsed(devices.stdout)).toMatchObject({
      status: 200,
      json: { devices: [{ model: 'DOC-1', state: 'ready' }] },
    });
  });

  it('prints a signed curl command that works once', async () => {
    const printed = await example(['--curl', 'GET', '/api/v1/health']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^curl -sS -X GET -H 'X-Station-Key: cs_rig_key_0001'/);
    const first = await run('sh', ['-c', printed.stdout], { timeout: 10_000 });
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'ok' });
    // The same command again reuses its nonce: refused, as docs/API.md says.
    const again = await run('sh', ['-c', printed.stdout], { timeout: 10_000 });
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'AUTH_NONCE_REPLAYED' } });
  });

  it('runs the curl recipe of docs/API.md as written (openssl + curl) and gets the payment queued', async () => {
    const doc = readFileSync(path.join(ROOT, 'docs/API.md'), 'utf8');
    const block = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .find((b) => b.includes('openssl dgst'));
    expect(block).toBeDefined();
    // The recipe's first three lines are placeholders for the reader's own values.
    const script = block!
      .split('\n')
      .filter((line) => !/^STATION_(URL|API_KEY|API_SECRET)=/.test(line))
      .join('\n');
    const r = await run('sh', ['-c', script], {
      env: {
        ...process.env,
        STATION_URL: apiUrl,
        STATION_API_KEY: CREDENTIALS.key,
        STATION_API_SECRET: CREDENTIALS.secret,
      },
      timeout: 10_000,
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ payment: { orderNo: 'A1001', amount: '12.50' } });
  });

  it("exits 1 with the station's error when the secret is wrong", async () => {
    const r = await example(['GET', '/api/v1/health'], 'not-the-secret-0123456789');
    expect(r.code).toBe(1);
    expect(parsed(r.stdout)).toMatchObject({ status: 401, json: { error: { code: 'AUTH_BAD_SIGNATURE' } } });
  });
});
