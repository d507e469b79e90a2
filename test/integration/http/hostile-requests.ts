import type { ApiRequest } from '../../support/api-client';
import {
  BAD_AMOUNTS,
  BAD_EXPIRES,
  BAD_JSON_TEXTS,
  BAD_ORDER_AMOUNTS,
  BAD_ORDER_NOS,
  BAD_QR_CODES,
  BAD_SERIALS,
  BAD_URLS,
} from './hostile-values';

/**
 * Generators of malformed and hostile requests for the "Bad input" test. Every
 * case must be refused with a 4xx without changing anything: the seeded data has a queued
 * payment `SEED1`, an unknown payment `UNK1` and an order `ORD1`.
 */
export interface HostileCase {
  name: string;
  request: ApiRequest;
}

/** Small deterministic PRNG (mulberry32) so a failure names a reproducible case. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Random = ReturnType<typeof createRandom>;

/** Pinned to a phone that is never plugged in, so it stays queued while the requests run. */
export const SEED_PAYMENT = {
  orderNo: 'SEED1',
  amount: '12.50',
  qrCode: 'https://qr.alipay.com/seed',
  deviceSerial: 'phone-absent',
};

function badPaymentBody(random: Random): { name: string; body: Record<string, unknown> } {
  const body: Record<string, unknown> = { ...SEED_PAYMENT, orderNo: `NEW${random.int(0, 1e6)}` };
  const field = random.pick([
    'orderNo',
    'amount',
    'qrCode',
    'expiresInSec',
    'deviceSerial',
    'callbackUrl',
    'extra',
    'missing',
  ]);
  const value = (() => {
    switch (field) {
      case 'orderNo':
        return random.pick(BAD_ORDER_NOS);
      case 'amount':
        return random.pick(BAD_AMOUNTS);
      case 'qrCode':
        return random.pick(BAD_QR_CODES);
      case 'expiresInSec':
        return random.pick(BAD_EXPIRES);
      case 'deviceSerial':
        return random.pick(BAD_SERIALS);
      case 'callbackUrl':
        return random.pick(BAD_URLS);
      default:
        return undefined;
    }
  })();
  if (field === 'extra') {
    // defineProperty, because `body.__proto__ = 1` would not create a key that JSON sends.
    const key = random.pick(['__proto__', 'constructor', 'amountFen', 'status', 'Amount']);
    Object.defineProperty(body, key, { value: 1, enumerable: true, configurable: true, writable: true });
  } else if (field === 'missing') delete body[random.pick(['orderNo', 'amount', 'qrCode'])];
  else body[field] = value;
  return { name: `POST /payments bad ${field}=${JSON.stringify(value)?.slice(0, 40)}`, body };
}

export function generateHostileCases(random: Random, count: number): HostileCase[] {
  const cases: HostileCase[] = [];
  const nowSec = () => Math.floor(Date.now() / 1000);
  const generators: (() => HostileCase)[] = [
    () => {
      const { name, body } = badPaymentBody(random);
      return { name, request: { method: 'POST', target: '/api/v1/payments', body } };
    },
    () => {
      const text = random.pick(BAD_JSON_TEXTS);
      return {
        name: `POST /payments raw ${text.slice(0, 30)}`,
        request: { method: 'POST', target: '/api/v1/payments', body: text },
      };
    },
    () => ({
      name: 'POST /payments invalid UTF-8',
      request: {
        method: 'POST',
        target: '/api/v1/payments',
        body: Buffer.concat([
          Buffer.from('{"orderNo":"'),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('","amount":"1.00","qrCode":"q"}'),
        ]),
      },
    }),
    () => ({
      name: 'POST /payments same orderNo, different body (409)',
      request: {
        method: 'POST',
        target: '/api/v1/payments',
        body: { ...SEED_PAYMENT, amount: `${random.int(1, 99)}.99` },
      },
    }),
    () => {
      const patch = random.pick<Record<string, unknown>>([
        { amount: random.pick(BAD_ORDER_AMOUNTS) },
        { orderNo: random.pick(BAD_ORDER_NOS) },
        { items: [{ name: 'x', qty: random.pick([0, -1, 1.5, 1e9, '1']), price: '1.00' }] },
        { items: [{ name: 'x', qty: 1, price: random.pick(BAD_ORDER_AMOUNTS) }] },
        { items: 'not a list' },
        { items: Array.from({ length: 201 }, () => ({ name: 'x', qty: 1, price: '1' })) },
        { customer: { phoneTail: random.pick(['123', '12345', '１２３４', 1234, 'abcd']) } },
        { eventId: random.pick(BAD_ORDER_NOS) },
        { note: 'n'.repeat(501) },
        { orderNo: 'ORD1', amount: '999.00', eventId: `changed-${random.int(0, 1e6)}` },
      ]);
      const body = { orderNo: `NEWORD${random.int(0, 1e6)}`, amount: '10.00', ...patch };
      return {
        name: `POST /orders ${JSON.stringify(patch).slice(0, 50)}`,
        request: { method: 'POST', target: '/api/v1/orders', body },
      };
    },
    () => ({
      name: 'reminder for an unknown order (404)',
      request: {
        method: 'POST',
        target: `/api/v1/orders/NOORDER${random.int(0, 1e6)}/reminders`,
        body: { eventId: `e${random.int(0, 1e6)}` },
      },
    }),
    () => ({
      name: 'reminder with a bad body',
      request: {
        method: 'POST',
        target: '/api/v1/orders/ORD1/reminders',
        body: random.pick([{ eventId: '' }, { eventId: 5 }, { x: 1 }, []]),
      },
    }),
    () => {
      const target = random.pick([
        '/api/v1/payments/%E2%80%8FSEED1',
        '/api/v1/payments/SEED%EF%BC%91',
        '/api/v1/payments/SEED1%00',
        '/api/v1/payments/%F0%9F%98%80',
        `/api/v1/payments/${'x'.repeat(random.int(65, 199))}`,
        `/api/v1/payments/${'x'.repeat(random.int(201, 1000))}`,
        '/api/v1/payments/%E0%A4%A',
        '/api/v1/payments/SEED1?wait=31',
        '/api/v1/payments/SEED1?wait=-1',
        '/api/v1/payments/SEED1?wait=1e1',
        '/api/v1/payments/SEED1?wait=%EF%BC%93',
        '/api/v1/payments/SEED1?wait=1&wait=2',
        '/api/v1/payments/SEED1?wait=99999999999999999999',
        '/api/v1/payments?limit=0',
        '/api/v1/payments?limit=201',
        '/api/v1/payments?limit=abc',
        '/api/v1/payments?status=PAID',
        '/api/v1/payments?status=queued&status=failed',
        '/api/v1/payments?cursor=%00',
        '/api/v1/payments?cursor=not-ours',
        '/api/v1/payments/NOSUCH',
        '/api/v1/refunds',
        '/api/v2/payments',
        '/api/v1/payments/SEED1/cancel/now',
      ]);
      return { name: `GET ${target.slice(0, 60)}`, request: { method: 'GET', target } };
    },
    () => {
      const [method, target] = random.pick([
        ['DELETE', '/api/v1/payments/SEED1'],
        ['PUT', '/api/v1/payments'],
        ['PATCH', '/api/v1/orders'],
        ['GET', '/api/v1/payments/SEED1/cancel'],
        ['POST', '/api/v1/health'],
        ['OPTIONS', '/api/v1/payments'],
      ] as const);
      return {
        name: `${method} ${target}`,
        request: { method, target, ...(method === 'GET' ? {} : { body: {} }) },
      };
    },
    () => ({
      name: 'resolve a non-unknown payment (409) or with a bad body',
      request: random.pick([
        {
          method: 'POST',
          target: '/api/v1/payments/SEED1/resolve',
          body: { status: 'succeeded', note: 'x' },
        },
        { method: 'POST', target: '/api/v1/payments/UNK1/resolve', body: { status: 'refunded', note: 'x' } },
        { method: 'POST', target: '/api/v1/payments/UNK1/resolve', body: { status: 'failed', note: '' } },
        { method: 'POST', target: '/api/v1/payments/UNK1/resolve', body: { status: 'failed' } },
        {
          method: 'POST',
          target: '/api/v1/payments/UNK1/resolve',
          body: { status: 'failed', note: 'n'.repeat(501) },
        },
      ]),
    }),
    () => {
      const contentType = random.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
        'application/jsonx',
      ]);
      return {
        name: `content type ${contentType}`,
        request: {
          method: 'POST',
          target: '/api/v1/payments',
          body: JSON.stringify({ ...SEED_PAYMENT, orderNo: 'CT1' }),
          contentType,
        },
      };
    },
    () => ({
      name: 'oversize body',
      request: {
        method: 'POST',
        target: '/api/v1/payments',
        body: { ...SEED_PAYMENT, orderNo: 'BIG1', qrCode: 'q'.repeat(random.int(65_537, 70_000)) },
      },
    }),
    () => {
      const tweak = random.pick<Partial<ApiRequest>>([
        { headers: { 'x-station-key': null } },
        { headers: { 'x-station-signature': null } },
        { headers: { 'x-station-timestamp': null, 'x-station-nonce': null } },
        { headers: { 'x-station-key': 'cs_forged_key' } },
        { headers: { 'x-station-signature': randomHex(random, 64) } },
        { headers: { 'x-station-signature': randomHex(random, 63) } },
        { signWith: { key: 'cs_test_key_0001', secret: `guess-${random.int(0, 1e9)}-secret` } },
        { timestamp: nowSec() - random.int(301, 100_000) },
        { timestamp: nowSec() + random.int(301, 100_000) },
        { timestamp: 0 },
        { timestamp: '99999999999999' },
        { timestamp: `${nowSec()}.5` },
        { timestamp: ` ${nowSec()}` },
        { nonce: 'short' },
        { nonce: 'n'.repeat(65) },
        { nonce: 'has space!!' },
        { nonce: 'ñonce-ñonce' },
      ]);
      return {
        name: `auth ${JSON.stringify(tweak).slice(0, 60)}`,
        request: {
          method: 'POST',
          target: '/api/v1/payments',
          body: { ...SEED_PAYMENT, orderNo: `AUTH${random.int(0, 1e6)}` },
          ...tweak,
        },
      };
    },
  ];
  for (let i = 0; i < count; i++) cases.push(generators[i % generators.length]());
  return cases;
}

function randomHex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[random.int(0, 15)];
  return out;
}
