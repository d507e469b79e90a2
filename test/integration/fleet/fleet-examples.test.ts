import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLEET_NONCE, entryFields, signEntry, verifyEntry } from '../../../src/main/core/fleet/fleet-signing';
import { findFreePort } from '../../support/adb-server';
import type { TestRedisServer } from '../../support/redis-server';
import { startTestRedisServer } from '../../support/redis-server';

// docs/FLEET.md's backend examples, run as files by a real PHP (phpredis) and a real Node against
// a real redis-server. The test plays the station's side with the station's own signing code, so
// a pass means PHP's hash_hmac, Node's crypto and src/main/core/fleet/fleet-signing.ts agree.
// Without php or php-redis the test fails with the install hint; it never skips.

const ROOT = path.resolve(__dirname, '../../..');
const SECRET = 'fleet-secret-0123456789abcdef';
const STATION_ID = 'st-test-1';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const EXAMPLES = [
  { lang: 'php', command: 'php', file: path.join(ROOT, 'examples/fleet-backend.php') },
  { lang: 'node', command: process.execPath, file: path.join(ROOT, 'examples/fleet-backend.mjs') },
];

let server: TestRedisServer;
let redis: Redis;
let prefixCount = 0;

const nowSec = () => Math.floor(Date.now() / 1000);

function client(url: string): Redis {
  const r = new Redis(url, { protocol: 2, maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  return r;
}

/** Starts an example; the promise settles when it exits (killed after 20 s). */
function runExample(
  example: (typeof EXAMPLES)[number],
  args: string[],
  env: Record<string, string> = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(example.command, [example.file, ...args], {
      env: {
        ...process.env,
        REDIS_URL: server.url,
        STATION_FLEET_SECRET: SECRET,
        FLEET_WAIT_SEC: '15',
        ...env,
      },
      timeout: 20_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The first entry of a stream, waiting for it (the station's XREADGROUP, minus the group). */
async function firstEntry(key: string): Promise<{ id: string; flat: string[] }> {
  const reply = await redis.xread('BLOCK', 10_000, 'STREAMS', key, '0');
  const entry = reply?.[0]?.[1]?.[0];
  if (!entry) throw new Error(`nothing arrived on ${key} within 10 s`);
  return { id: entry[0], flat: entry[1] };
}

function payment(orderNo: string, status: string): Record<string, unknown> {
  return {
    orderNo,
    status,
    amount: '12.50',
    qrCode: 'https://qr.alipay.com/fkx01?amount=12.50',
    deviceSerial: 'R58M12ABC',
    callbackUrl: null,
    notificationText: status === 'succeeded' ? '你已成功付款12.50元' : null,
    review: null,
    cancelRequested: false,
    refundNeeded: false,
    resolution: null,
    expiresAt: '2026-11-22T00:46:26.070Z',
    createdAt: '2026-11-22T00:44:26.070Z',
    updatedAt: '2026-11-22T00:44:26.101Z',
  };
}

/** What a station XADDs to `<prefix>results` for one state, signed with `secret`. */
async function publishResult(prefix: string, p: Record<string, unknown>, secret = SECRET): Promise<string> {
  const key = `${prefix}results`;
  const json = JSON.stringify(p);
  const { ts, nonce, sig } = signEntry(secret, 'RESULT', key, json, nowSec());
  const id = await redis.xadd(
    key,
    '*',
    'orderNo',
    String(p.orderNo),
    'stationId',
    STATION_ID,
    'payment',
    json,
    'ts',
    ts,
    'nonce',
    nonce,
    'sig',
    sig,
  );
  return id ?? '';
}

beforeAll(async () => {
  const php = spawnSync('php', ['-r', 'exit(class_exists("Redis") ? 0 : 3);'], { stdio: 'ignore' });
  if (php.error || php.status !== 0) {
    throw new Error(
      'php with the phpredis extension is needed: the PHP fleet example is tested with a real PHP. apt-get install -y php-cli php-redis',
    );
  }
  server = await startTestRedisServer();
  redis = client(server.url);
});

afterAll(async () => {
  redis?.disconnect();
  await server?.close();
});

describe.each(EXAMPLES)('examples/fleet-backend ($lang) against a station played by the test', (example) => {
  const freshPrefix = () => `${example.lang}${++prefixCount}:`;

  it('adds a payment the station accepts, skips what is not its final state, and prints the verified result', async () => {
    const prefix = freshPrefix();
    const orderNo = `${example.lang.toUpperCase()}-1001`;
    const running = runExample(example, ['pay', orderNo, '12.50'], { FLEET_PREFIX: prefix });

    const { flat } = await firstEntry(`${prefix}payments`);
    expect(flat.filter((_, i) => i % 2 === 0)).toEqual(['body', 'ts', 'nonce', 'sig']);
    const fields = entryFields(flat);
    expect(JSON.parse(fields.body)).toEqual({
      orderNo,
      amount: '12.50',
      qrCode: 'https://qr.alipay.com/fkx01?amount=12.50',
    });
    expect(fields.nonce).toMatch(FLEET_NONCE);
    expect(Math.abs(Number(fields.ts) - nowSec())).toBeLessThan(60);
    expect(verifyEntry(SECRET, 'XADD', `${prefix}payments`, fields, fields.body, nowSec())).toMatchObject({
      ok: true,
    });
    // The check above can fail: another secret, or another stream as the target, does not verify.
    expect(
      verifyEntry('another-secret-0123456789', 'XADD', `${prefix}payments`, fields, fields.body, nowSec()),
    ).toMatchObject({
      ok: false,
      code: 'FLEET_BAD_SIGNATURE',
    });
    expect(verifyEntry(SECRET, 'XADD', `${prefix}cancels`, fields, fields.body, nowSec())).toMatchObject({
      ok: false,
    });

    await publishResult(prefix, payment(orderNo, 'dispatching')); // the accepted state at claim: not final
    await publishResult(prefix, payment('SOMEONE-ELSE', 'failed')); // another order's final state
    const final = payment(orderNo, 'succeeded');
    await publishResult(prefix, final);

    const run = await running;
    expect(run.stderr).toContain(`${orderNo}: dispatching (station ${STATION_ID})`);
    expect(run).toMatchObject({ code: 0, stdout: `${JSON.stringify(final)}\n` });
  });

  it('exits 1 on a result signed with another secret', async () => {
    const prefix = freshPrefix();
    const running = runExample(example, ['pay', 'BAD-SIG-1', '3.00'], { FLEET_PREFIX: prefix });
    await firstEntry(`${prefix}payments`);
    await publishResult(prefix, payment('BAD-SIG-1', 'succeeded'), 'not-the-fleet-secret-0123');
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/bad signature: check STATION_FLEET_SECRET/);
  });

  it('exits 1 on a signed result whose payment is another order (the orderNo field is not signed)', async () => {
    const prefix = freshPrefix();
    const running = runExample(example, ['pay', 'LABEL-1', '3.00'], { FLEET_PREFIX: prefix });
    await firstEntry(`${prefix}payments`);
    const other = JSON.stringify(payment('LABEL-2', 'succeeded'));
    const { ts, nonce, sig } = signEntry(SECRET, 'RESULT', `${prefix}results`, other, nowSec());
    await redis.xadd(
      `${prefix}results`,
      '*',
      'orderNo',
      'LABEL-1',
      'payment',
      other,
      'ts',
      ts,
      'nonce',
      nonce,
      'sig',
      sig,
    );
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('labelled LABEL-1 but its signed payment is LABEL-2');
  });

  it('exits 1 with the code and message of a refusal', async () => {
    const prefix = freshPrefix();
    const running = runExample(example, ['pay', 'REFUSED-1', '3.00'], { FLEET_PREFIX: prefix });
    await firstEntry(`${prefix}payments`);
    const error = JSON.stringify({ code: 'FLEET_STALE', message: 'ts is 900 s from the station clock' });
    await redis.xadd(
      `${prefix}results`,
      '*',
      'orderNo',
      'REFUSED-1',
      'stationId',
      STATION_ID,
      'error',
      error,
    );
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('signature NOT verified): FLEET_STALE: ts is 900 s from the station clock');
  });

  it('exits 1 when no final result arrives in time', async () => {
    const run = await runExample(example, ['pay', 'SLOW-1', '3.00'], {
      FLEET_PREFIX: freshPrefix(),
      FLEET_WAIT_SEC: '1',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no final result for SLOW-1');
  });

  it('cancels: sets the cancel key and adds a signed cancel', async () => {
    const prefix = freshPrefix();
    const run = await runExample(example, ['cancel', 'GONE-1'], { FLEET_PREFIX: prefix });
    expect(run.code).toBe(0);
    expect(await redis.get(`${prefix}cancel:GONE-1`)).toBe('1');
    const { flat } = await firstEntry(`${prefix}cancels`);
    expect(flat.filter((_, i) => i % 2 === 0)).toEqual(['orderNo', 'ts', 'nonce', 'sig']);
    const fields = entryFields(flat);
    expect(fields.orderNo).toBe('GONE-1');
    expect(verifyEntry(SECRET, 'XADD', `${prefix}cancels`, fields, 'GONE-1', nowSec())).toMatchObject({
      ok: true,
    });
  });

  it('uses cs: when FLEET_PREFIX is unset', async () => {
    const run = await runExample(example, ['cancel', `DEFAULT-${example.lang}`]);
    expect(run.code).toBe(0);
    expect(await redis.get(`cs:cancel:DEFAULT-${example.lang}`)).toBe('1');
  });

  it('exits 1 naming the host, never the password, when Redis does not answer', async () => {
    const port = await findFreePort();
    const run = await runExample(example, ['cancel', 'NOWHERE-1'], {
      REDIS_URL: `redis://:hunter22@127.0.0.1:${port}`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot connect to Redis at 127.0.0.1:${port}`);
    expect(run.stderr).not.toContain('hunter22');
  });

  it('exits 2 with the usage on a number-less amount', async () => {
    const run = await runExample(example, ['pay', 'A1', 'twelve']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage:');
  });
});

describe('the Redis configuration of docs/FLEET.md', () => {
  it('is what the helper runs, and keeps an added entry across a crash', async () => {
    expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await redis.config('GET', 'appendfsync')).toEqual(['appendfsync', 'always']);
    const id = await redis.xadd('crash:payments', '*', 'body', '{}');
    await server.kill();
    await server.restart();
    redis.disconnect();
    redis = client(server.url);
    expect(await redis.xrange('crash:payments', '-', '+')).toEqual([[id, ['body', '{}']]]);
  });

  it('loses the entry without the AOF (so the check above can fail)', async () => {
    const bare = await startTestRedisServer({ aof: false });
    let r = client(bare.url);
    try {
      await r.xadd('crash:payments', '*', 'body', '{}');
      await bare.kill();
      await bare.restart();
      r.disconnect();
      r = client(bare.url);
      expect(await r.xlen('crash:payments')).toBe(0);
    } finally {
      r.disconnect();
      await bare.close();
    }
  });
});
