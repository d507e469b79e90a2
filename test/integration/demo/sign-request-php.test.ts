import { execFile, spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';
import { waitFor } from '../../support/adb-station';

// docs/API.md's PHP example, run by a real PHP against the real station core (real adb server,
// simulated phone). Without php the test fails with the install hint; it never skips.

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLE = path.join(ROOT, 'examples/sign-request.php');
const CREDENTIALS = { key: 'cs_rig_key_0001', secret: 'rig-secret-0123456789abcdef' };
const run = promisify(execFile);

let rig: CoreRig;
let apiUrl: string;
let receiver: http.Server;
let callbackUrl: string;
const received: { target: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

async function php(
  args: string[],
  secret = CREDENTIALS.secret,
): Promise<{ code: number; status: number; json: unknown }> {
  let code = 0;
  let stdout = '';
  try {
    stdout = (
      await run('php', [EXAMPLE, ...args], {
        env: {
          ...process.env,
          STATION_URL: apiUrl,
          STATION_API_KEY: CREDENTIALS.key,
          STATION_API_SECRET: secret,
        },
        timeout: 40_000,
      })
    ).stdout;
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    code = e.code ?? -1;
    stdout = e.stdout ?? '';
  }
  const [first, ...rest] = stdout.split('\n');
  return { code, status: Number(first.replace('HTTP ', '')), json: JSON.parse(rest.join('\n')) as unknown };
}

beforeAll(async () => {
  if (spawnSync('php', ['--version'], { stdio: 'ignore' }).error) {
    throw new Error(
      'php not found on PATH. The PHP signing example is tested with a real PHP: apt-get install -y php-cli',
    );
  }
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ target: req.url ?? '', headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify.php?shop=7`;
  rig = await createCoreRig({ settingsOverrides: { payments: { minResultMs: 0 } } });
  const phone = await rig.addPhone({ model: 'PHP-1' });
  await rig.waitReady(phone);
  apiUrl = `http://127.0.0.1:${(rig.core.api.server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await rig?.close();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
});

describe('examples/sign-request.php against the real station', () => {
  it('creates a payment, long-polls it to succeeded, and verifies the callback in PHP', async () => {
    const body = JSON.stringify({
      orderNo: 'PHP-1001',
      amount: '8.80',
      qrCode: 'https://qr.alipay.com/fkx02?amount=8.80',
      callbackUrl,
    });
    expect(await php(['POST', '/api/v1/payments', body])).toMatchObject({
      code: 0,
      status: 202,
      // The rig's phone is ready and idle, so the create's own commit hands the payment to it.
      json: { payment: { orderNo: 'PHP-1001', status: 'dispatching' } },
    });
    expect(await php(['GET', '/api/v1/payments/PHP-1001?wait=20'])).toMatchObject({
      status: 200,
      json: { payment: { status: 'succeeded', amount: '8.80', notificationText: '你已成功付款8.80元' } },
    });

    const cb = await waitFor('the callback', () => received.find((r) => r.body.includes('PHP-1001')), 15_000);
    const verify = async (secret: string) =>
      new Promise<string>((resolve, reject) => {
        const child = execFile('php', [EXAMPLE, 'verify'], { timeout: 10_000 }, (err, stdout) =>
          err ? reject(err) : resolve(stdout.trim()),
        );
        child.stdin?.end(
          JSON.stringify({ secret, method: 'POST', target: cb.target, headers: cb.headers, body: cb.body }),
        );
      });
    expect(await verify(CREDENTIALS.secret)).toBe('true');
    expect(await verify('another-secret-0123456789')).toBe('false');
  });

  it('posts an order with Chinese text and a rush reminder', async () => {
    const order = JSON.stringify({
      orderNo: 'PHP-O1',
      amount: '22.00',
      items: [{ name: '黄焖鸡米饭', qty: 1, price: '22.00' }],
      note: '少辣',
    });
    expect(await php(['POST', '/api/v1/orders', order])).toMatchObject({
      status: 201,
      json: { order: { note: '少辣', status: 'new' } },
    });
    expect(await php(['POST', '/api/v1/orders/PHP-O1/reminders'])).toMatchObject({
      status: 200,
      json: { order: { rushCount: 1 } },
    });
  });

  it('exits 1 with the station error when the secret is wrong', async () => {
    expect(await php(['GET', '/api/v1/health'], 'not-the-secret-0123456789')).toMatchObject({
      code: 1,
      status: 401,
      json: { error: { code: 'AUTH_BAD_SIGNATURE' } },
    });
  });
});
