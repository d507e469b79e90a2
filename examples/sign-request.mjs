#!/usr/bin/env node
// Signing requests to the Cashier Station API, and checking its callbacks, in plain Node (≥ 18,
// no dependencies). See docs/API.md. Use it as a library or from the command line:
//
//   STATION_URL=http://127.0.0.1:17800 STATION_API_KEY=cs_… STATION_API_SECRET=… \
//     node examples/sign-request.mjs POST /api/v1/payments '{"orderNo":"A1001","amount":"12.50","qrCode":"https://qr.alipay.com/fkx01"}'
//
//   node examples/sign-request.mjs GET '/api/v1/payments/A1001?wait=30'   # long poll
//   node examples/sign-request.mjs --curl GET /api/v1/health              # print a signed curl command instead
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { pathToFileURL } from 'node:url';

/**
 * The four X-Station-* headers for one request.
 * signature = hex(HMAC-SHA256(secret, METHOD \n target \n timestamp \n nonce \n hex(SHA-256(body))))
 * where target is the path and query exactly as sent, and body the exact bytes sent ('' if none).
 */
export function stationHeaders({ key, secret, method, target, body = '', timestamp, nonce }) {
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const n = nonce ?? randomBytes(16).toString('base64url'); // 8-64 of [A-Za-z0-9_-], never reused
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const canonical = [method.toUpperCase(), target, ts, n, bodyHash].join('\n');
  const signature = createHmac('sha256', secret).update(canonical).digest('hex');
  return {
    'X-Station-Key': key,
    'X-Station-Timestamp': ts,
    'X-Station-Nonce': n,
    'X-Station-Signature': signature,
  };
}

/** Sends one signed request. `body` is a string of JSON (sent byte for byte as signed) or undefined. */
export async function callStation({ url, key, secret, method, target, body }) {
  const headers = stationHeaders({ key, secret, method, target, body: body ?? '' });
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await globalThis.fetch(new URL(target, url), { method, headers, body });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/**
 * Checks a callback the station POSTed to you: same scheme, signed with the same secret.
 * `target` is the path and query of your callback URL as it arrived; `rawBody` the exact bytes.
 * Also refuse timestamps more than 5 minutes off, and eventIds you already processed.
 */
export function verifyStationSignature({ secret, method, target, headers, rawBody }) {
  const get = (name) => headers[name] ?? headers[name.toLowerCase()] ?? '';
  const presented = String(get('X-Station-Signature'));
  if (!/^[0-9a-f]{64}$/.test(presented)) return false;
  const expected = stationHeaders({
    key: '',
    secret,
    method,
    target,
    body: rawBody,
    timestamp: get('X-Station-Timestamp'),
    nonce: get('X-Station-Nonce'),
  })['X-Station-Signature'];
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(presented, 'hex'));
}

function shellQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

async function main(argv) {
  const curl = argv[0] === '--curl';
  const [method, target, body] = curl ? argv.slice(1) : argv;
  const {
    STATION_URL: url = 'http://127.0.0.1:17800',
    STATION_API_KEY: key,
    STATION_API_SECRET: secret,
  } = process.env;
  if (!method || !target || !target.startsWith('/') || !key || !secret) {
    console.error(
      'usage: STATION_URL=… STATION_API_KEY=… STATION_API_SECRET=… node examples/sign-request.mjs [--curl] METHOD /api/v1/… [JSON body]',
    );
    return 2;
  }
  if (curl) {
    const headers = stationHeaders({ key, secret, method, target, body: body ?? '' });
    const parts = ['curl', '-sS', '-X', method.toUpperCase()];
    for (const [name, value] of Object.entries(headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
    if (body !== undefined)
      parts.push('-H', shellQuote('Content-Type: application/json'), '--data-binary', shellQuote(body));
    parts.push(shellQuote(new URL(target, url).href));
    console.log(parts.join(' '));
    return 0;
  }
  const res = await callStation({ url, key, secret, method: method.toUpperCase(), target, body });
  console.log(`HTTP ${res.status}`);
  console.log(res.json === undefined ? res.text : JSON.stringify(res.json, null, 2));
  return res.status >= 200 && res.status < 300 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`sign-request: ${err.message}`);
      process.exit(1);
    },
  );
}
