import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../../../src/main/core/auth/request-signature';
import { createApiKit, TEST_CREDENTIALS, validPayment } from '../../../../support/api-test-kit';

const errorCode = (json: unknown) => (json as { error: { code: string } }).error.code;

describe('API authentication', () => {
  it('accepts a correctly signed request', async () => {
    const { client } = createApiKit();
    const res = await client.send({ method: 'GET', target: '/api/v1/health' });
    expect(res.status).toBe(200);
  });

  it('names the missing headers', async () => {
    const { app, client } = createApiKit();
    const bare = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(bare.statusCode).toBe(401);
    expect(bare.json()).toMatchObject({ error: { code: 'AUTH_MISSING_HEADERS' } });
    const res = await client.send({
      method: 'GET',
      target: '/api/v1/health',
      headers: { 'x-station-nonce': null },
    });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({
      error: { code: 'AUTH_MISSING_HEADERS', details: { missing: ['x-station-nonce'] } },
    });
  });

  it.each([
    ['AUTH_UNKNOWN_KEY', { headers: { 'x-station-key': 'cs_someone_else' } }],
    ['AUTH_BAD_TIMESTAMP', { timestamp: '17e8' }],
    ['AUTH_BAD_TIMESTAMP', { timestamp: '-1' }],
    ['AUTH_BAD_NONCE', { nonce: 'short' }],
    ['AUTH_BAD_NONCE', { nonce: 'has space in it' }],
    ['AUTH_BAD_NONCE', { nonce: 'x'.repeat(65) }],
    ['AUTH_BAD_SIGNATURE', { headers: { 'x-station-signature': 'A'.repeat(64) } }],
    ['AUTH_BAD_SIGNATURE', { signWith: { key: TEST_CREDENTIALS.key, secret: 'guessed-secret-000000' } }],
  ])('answers 401 %s', async (code, tweak) => {
    const { client } = createApiKit();
    const res = await client.send({ method: 'GET', target: '/api/v1/health', ...tweak });
    expect(res.status).toBe(401);
    expect(errorCode(res.json)).toBe(code);
  });

  it('enforces the ±300 s window at its edges', async () => {
    const { client, clock } = createApiKit();
    const nowSec = Math.floor(clock.now() / 1000);
    for (const [offset, status] of [
      [-300, 200],
      [300, 200],
      [-301, 401],
      [301, 401],
    ] as const) {
      const res = await client.send({ method: 'GET', target: '/api/v1/health', timestamp: nowSec + offset });
      expect(res.status, `offset ${offset}`).toBe(status);
      if (status === 401) expect(errorCode(res.json)).toBe('AUTH_TIMESTAMP_SKEW');
    }
  });

  it('accepts a nonce once, and does not let a forged request burn it', async () => {
    const { client, payments } = createApiKit();
    const forged = await client.send({
      method: 'GET',
      target: '/api/v1/health',
      nonce: 'nonce-123456',
      signWith: { key: TEST_CREDENTIALS.key, secret: 'not-the-secret-00000' },
    });
    expect(errorCode(forged.json)).toBe('AUTH_BAD_SIGNATURE');
    const body = validPayment('R1');
    const first = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body,
      nonce: 'nonce-123456',
    });
    expect(first.status).toBe(202);
    const replay = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body,
      nonce: 'nonce-123456',
    });
    expect(replay.status).toBe(401);
    expect(errorCode(replay.json)).toBe('AUTH_NONCE_REPLAYED');
    expect(payments.writes).toBe(1);
  });

  it('signs the raw body bytes and the target as sent', async () => {
    const { app, clock } = createApiKit();
    const raw = '{ "orderNo":"S1",  "amount":"1.00", "qrCode":"q" }';
    const ts = Math.floor(clock.now() / 1000);
    const sign = (target: string, body: string, nonce: string) => ({
      'x-station-key': TEST_CREDENTIALS.key,
      'x-station-timestamp': String(ts),
      'x-station-nonce': nonce,
      'x-station-signature': signRequest(TEST_CREDENTIALS.secret, {
        method: 'POST',
        target,
        timestamp: ts,
        nonce,
        body,
      }),
      'content-type': 'application/json',
    });
    // Whitespace differs from any re-serialisation: only the raw bytes verify.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      payload: raw,
      headers: sign('/api/v1/payments', raw, 'nonce-raw-1'),
    });
    expect(ok.statusCode).toBe(202);
    const compact = JSON.stringify(JSON.parse(raw));
    const tampered = await app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      payload: raw.replace('1.00', '9.00'),
      headers: sign('/api/v1/payments', raw, 'nonce-raw-2'),
    });
    expect(tampered.json()).toMatchObject({ error: { code: 'AUTH_BAD_SIGNATURE' } });
    const reformatted = await app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      payload: compact,
      headers: sign('/api/v1/payments', raw, 'nonce-raw-3'),
    });
    expect(reformatted.json()).toMatchObject({ error: { code: 'AUTH_BAD_SIGNATURE' } });
    const otherQuery = await app.inject({
      method: 'GET',
      url: '/api/v1/payments?limit=5',
      headers: { ...sign('/api/v1/payments?limit=6', '', 'nonce-raw-4'), 'content-type': 'application/json' },
    });
    expect(otherQuery.json()).toMatchObject({ error: { code: 'AUTH_BAD_SIGNATURE' } });
  });

  it('checks the signature before parsing JSON, so strangers learn nothing from the parser', async () => {
    const { client } = createApiKit();
    const res = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: '{not json',
      signWith: { key: TEST_CREDENTIALS.key, secret: 'not-the-secret-00000' },
    });
    expect(errorCode(res.json)).toBe('AUTH_BAD_SIGNATURE');
  });

  it('guards unknown routes and openapi.json too', async () => {
    const { app } = createApiKit();
    for (const url of ['/api/v1/openapi.json', '/api/v1/nope', '/']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
    }
  });
});
