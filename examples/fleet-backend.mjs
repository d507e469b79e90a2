#!/usr/bin/env node
// The backend side of fleet mode (docs/FLEET.md) in Node (>= 18) with ioredis: add a signed
// payment to the fleet's stream, wait for its signed result, or cancel it.
//
//   REDIS_URL=redis://127.0.0.1:6379 STATION_FLEET_SECRET=… FLEET_PREFIX=cs: \
//     node examples/fleet-backend.mjs pay A1001 12.50 'https://qr.alipay.com/fkx01?amount=12.50'
//
//   node examples/fleet-backend.mjs cancel A1001
//
// `pay` prints the final payment JSON (as the station signed it) and exits 0 once a result with a valid signature arrives;
// it exits 1 on a refusal, a bad signature or no final result within FLEET_WAIT_SEC (30), and 2
// on a usage error.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';

const FINAL = new Set(['succeeded', 'failed', 'unknown', 'cancelled', 'expired']);

/**
 * ts, nonce and sig for one stream entry: the HTTP scheme of docs/API.md with METHOD = XADD (what
 * the backend adds) or RESULT (what a station publishes) and target = the stream key.
 * sig = hex(HMAC-SHA256(secret, METHOD \n streamKey \n ts \n nonce \n hex(SHA-256(body))))
 */
export function signEntry({ secret, method, streamKey, body, ts, nonce }) {
  const t = String(ts ?? Math.floor(Date.now() / 1000));
  const n = nonce ?? randomBytes(16).toString('base64url'); // 8-64 of [A-Za-z0-9_-], never reused
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const sig = createHmac('sha256', secret)
    .update([method, streamKey, t, n, bodyHash].join('\n'))
    .digest('hex');
  return { ts: t, nonce: n, sig };
}

/** True when a station's entry carries a signature made with the fleet secret over `body`. */
export function entrySignatureMatches({ secret, method, streamKey, fields, body }) {
  const { ts, nonce, sig } = fields;
  if (!/^\d{1,12}$/.test(ts ?? '') || !/^[A-Za-z0-9_-]{8,64}$/.test(nonce ?? '')) return false;
  if (!/^[0-9a-f]{64}$/.test(sig ?? '')) return false;
  const expected = signEntry({ secret, method, streamKey, body, ts, nonce }).sig;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(sig, 'hex'));
}

/** A stream entry's `[k1, v1, k2, v2…]` as an object; the first of a repeated field wins, as at the station. */
function fieldsOf(flat) {
  const out = {};
  for (let i = 0; i + 1 < flat.length; i += 2) if (!(flat[i] in out)) out[flat[i]] = flat[i + 1];
  return out;
}

class Failure extends Error {}

/** XADD <prefix>payments * body <json> ts nonce sig; returns the entry id. */
export async function addPayment(redis, { secret, prefix, payment }) {
  const streamKey = `${prefix}payments`;
  const body = JSON.stringify(payment); // sign exactly the string that is stored
  const { ts, nonce, sig } = signEntry({ secret, method: 'XADD', streamKey, body });
  return redis.xadd(streamKey, '*', 'body', body, 'ts', ts, 'nonce', nonce, 'sig', sig);
}

/** Sets <prefix>cancel:<orderNo> first (so a claim after this loses), then XADDs the signed cancel. */
export async function addCancel(redis, { secret, prefix, orderNo }) {
  const streamKey = `${prefix}cancels`;
  await redis.set(`${prefix}cancel:${orderNo}`, '1');
  const { ts, nonce, sig } = signEntry({ secret, method: 'XADD', streamKey, body: orderNo });
  return redis.xadd(streamKey, '*', 'orderNo', orderNo, 'ts', ts, 'nonce', nonce, 'sig', sig);
}

/**
 * Reads <prefix>results from the start until a verified final state of `orderNo` arrives, and
 * returns that payment, parsed and as the exact JSON the station signed. A real backend keeps its
 * last-read id (or its own consumer group) instead of reading from 0 each time.
 */
export async function waitForResult(redis, { secret, prefix, orderNo, waitSec, log = () => {} }) {
  const streamKey = `${prefix}results`;
  const deadline = Date.now() + waitSec * 1000;
  let lastId = '0';
  for (;;) {
    const blockMs = deadline - Date.now();
    if (blockMs <= 0)
      throw new Failure(
        `no final result for ${orderNo} on ${streamKey} within ${waitSec} s. Is a station running with ` +
          `--fleet on this Redis and --fleet-prefix ${prefix}, with a ready phone? (redis-cli --scan --pattern '${prefix}station:*')`,
      );
    const reply = await redis.xread(
      'COUNT',
      100,
      'BLOCK',
      Math.max(1, blockMs),
      'STREAMS',
      streamKey,
      lastId,
    );
    for (const [id, flat] of reply?.[0]?.[1] ?? []) {
      lastId = id;
      const fields = fieldsOf(flat);
      if (fields.orderNo !== orderNo) continue;
      if (fields.error !== undefined) {
        // A refused payment. Whether a station signed it decides how far to trust it.
        const signed = entrySignatureMatches({
          secret,
          method: 'RESULT',
          streamKey,
          fields,
          body: fields.error,
        });
        let error;
        try {
          error = JSON.parse(fields.error);
        } catch {
          error = { code: '?', message: fields.error };
        }
        throw new Failure(
          `the fleet refused ${orderNo} (entry ${id}${signed ? '' : ', signature NOT verified'}): ${error.code}: ${error.message}`,
        );
      }
      if (fields.payment === undefined) {
        log(`skipping entry ${id}: it has neither payment nor error`);
        continue;
      }
      if (!entrySignatureMatches({ secret, method: 'RESULT', streamKey, fields, body: fields.payment }))
        throw new Failure(
          `result entry ${id} for ${orderNo} has a bad signature: check STATION_FLEET_SECRET is the stations' fleet secret; otherwise something other than a station wrote it`,
        );
      const payment = JSON.parse(fields.payment);
      // orderNo and stationId sit outside the signature: trust only what the signed JSON says.
      if (payment.orderNo !== orderNo)
        throw new Failure(
          `result entry ${id} is labelled ${orderNo} but its signed payment is ${payment.orderNo}`,
        );
      if (FINAL.has(payment.status)) return { payment, json: fields.payment };
      log(`${orderNo}: ${payment.status} (station ${fields.stationId ?? '?'})`);
    }
  }
}

function connect(url) {
  // RESP2: plain arrays for stream replies. No retries: a wrong URL should fail at once.
  const redis = new Redis(url, {
    protocol: 2,
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError;
  redis.on('error', (err) => (lastError = err)); // reported by the command that fails
  const where = new URL(url).host; // never print the password
  return {
    redis,
    async open() {
      try {
        await redis.connect();
      } catch (err) {
        throw new Failure(`cannot connect to Redis at ${where}: ${(lastError ?? err).message}`);
      }
    },
  };
}

async function main(argv) {
  const [mode, orderNo, amount, qrCode] = argv;
  const {
    REDIS_URL: url,
    STATION_FLEET_SECRET: secret,
    FLEET_PREFIX: prefix = 'cs:',
    FLEET_WAIT_SEC: wait = '30',
  } = process.env;
  const validOrder = /^[A-Za-z0-9_-]{1,64}$/.test(orderNo ?? '');
  if (
    !url ||
    !secret ||
    !validOrder ||
    !(mode === 'cancel' || (mode === 'pay' && /^\d{1,7}(\.\d{1,2})?$/.test(amount ?? '')))
  ) {
    console.error(
      'usage: REDIS_URL=redis://… STATION_FLEET_SECRET=… [FLEET_PREFIX=cs:] [FLEET_WAIT_SEC=30] node examples/fleet-backend.mjs\n' +
        '         pay ORDER_NO AMOUNT [QR_CODE]   (AMOUNT a decimal string such as 12.50)\n' +
        '       | cancel ORDER_NO',
    );
    return 2;
  }
  const { redis, open } = connect(url);
  try {
    await open();
    if (mode === 'cancel') {
      const id = await addCancel(redis, { secret, prefix, orderNo });
      console.error(`cancel for ${orderNo} added to ${prefix}cancels as ${id}`);
      return 0;
    }
    const payment = { orderNo, amount, qrCode: qrCode ?? `https://qr.alipay.com/fkx01?amount=${amount}` };
    const id = await addPayment(redis, { secret, prefix, payment });
    console.error(
      `${orderNo} added to ${prefix}payments as ${id}; waiting for its result on ${prefix}results`,
    );
    const result = await waitForResult(redis, {
      secret,
      prefix,
      orderNo,
      waitSec: Number(wait) > 0 ? Number(wait) : 30,
      log: (line) => console.error(line),
    });
    console.log(result.json);
    return 0;
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    console.error(`fleet-backend: ${err.message}`);
    return 1;
  } finally {
    redis.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`fleet-backend: ${err.message}`);
      process.exit(1);
    },
  );
}
