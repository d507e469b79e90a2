import { describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../../../../src/main/core/devices/device-types';
import type { PhoneActivitySource } from '../../../../../src/main/core/payments/phone-activity';
import { devicesResponseSchema, healthResponseSchema } from '../../../../../src/shared/api/status-schemas';
import { createApiKit, validPayment } from '../../../../support/api-test-kit';

const phone: DeviceSnapshot = {
  serial: 'R58M12ABC',
  state: 'ready',
  reason: null,
  model: 'SM-A515F',
  brand: 'samsung',
  rom: null,
  androidVersion: '11',
  localPort: 27183,
  health: [{ name: 'app_installed', status: 'ok', checkedAt: 1_700_000_000_000 }],
  firstSeenAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
};

/** The engine is paying A1 on R58M12ABC and doing nothing with any other phone. */
const phones: Pick<PhoneActivitySource, 'current'> = {
  current: (serial) => ({
    serial,
    activity:
      serial === phone.serial ? { kind: 'busy', orderNo: 'A1', since: 1_700_000_000_000 } : { kind: 'idle' },
    at: 1_700_000_000_000,
  }),
};

describe('status routes', () => {
  it('GET /devices lists devices with their states', async () => {
    const { client } = createApiKit({
      devices: [phone, { ...phone, serial: 'emulator-5554', state: 'ready' }],
      deps: { phones },
    });
    const res = await client.send({ method: 'GET', target: '/api/v1/devices' });
    expect(res.status).toBe(200);
    const body = devicesResponseSchema.parse(res.json);
    expect(body.devices[0]).toMatchObject({
      serial: 'R58M12ABC',
      state: 'busy',
      model: 'SM-A515F',
      localPort: 27183,
      busyWith: 'A1',
      health: [{ name: 'app_installed', status: 'ok', checkedAt: '2023-11-14T22:13:20.000Z' }],
    });
    expect(body.devices[1].busyWith).toBeNull();
    expect(body.adb.kind).toBe('connected');
  });

  it("shows the engine's reason over ready, never over the phone's own problem", async () => {
    const settling = { code: 'SETTLING', messageKey: 'device.reason.settling.message', hintKey: 'h' };
    const appDown = { code: 'APP_DOWN', messageKey: 'device.reason.appDown.message', hintKey: 'h' };
    const { client } = createApiKit({
      devices: [
        { ...phone, serial: 'S1' },
        { ...phone, serial: 'S2', state: 'app-down', reason: appDown },
      ],
      deps: {
        phones: {
          current: (serial) => ({
            serial,
            activity: { kind: 'needs-attention', reason: settling, until: 1_700_000_060_000 },
            at: 1_700_000_001_000,
          }),
        },
      },
    });
    const body = devicesResponseSchema.parse(
      (await client.send({ method: 'GET', target: '/api/v1/devices' })).json,
    );
    expect(body.devices.map((d) => [d.serial, d.state, d.reason?.code, d.busyWith])).toEqual([
      ['S1', 'needs-attention', 'SETTLING', null],
      ['S2', 'app-down', 'APP_DOWN', null],
    ]);
    // When the engine's side changed, the phone changed.
    expect(body.devices[0].updatedAt).toBe('2023-11-14T22:13:21.000Z');
    const health = healthResponseSchema.parse(
      (await client.send({ method: 'GET', target: '/api/v1/health' })).json,
    );
    expect(health.devices).toEqual({ total: 2, ready: 0, busy: 0 });
  });

  it('GET /health reports status ok, uptime and counts', async () => {
    const { client, clock } = createApiKit({
      devices: [phone, { ...phone, serial: 'p2', state: 'ready' }],
      deps: { phones, healthExtras: () => ({ database: 'ok', outboxPending: 2 }) },
    });
    clock.advance(61_000);
    const body = healthResponseSchema.parse(
      (await client.send({ method: 'GET', target: '/api/v1/health' })).json,
    );
    expect(body).toMatchObject({
      status: 'ok',
      version: '9.9.9-test',
      uptimeSec: 61,
      devices: { total: 2, ready: 1, busy: 1 },
      extra: { database: 'ok', outboxPending: 2 },
    });
  });

  it('serves openapi.json generated from the validating schemas', async () => {
    const { client } = createApiKit();
    const res = await client.send({ method: 'GET', target: '/api/v1/openapi.json' });
    expect(res.status).toBe(200);
    const doc = res.json as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<
                string,
                { schema: { properties: Record<string, { pattern?: string }>; required: string[] } }
              >;
            };
            parameters: { name: string; in: string }[];
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/devices',
      '/api/v1/fleet',
      '/api/v1/health',
      '/api/v1/openapi.json',
      '/api/v1/orders',
      '/api/v1/orders/{orderNo}/reminders',
      '/api/v1/payments',
      '/api/v1/payments/{orderNo}',
      '/api/v1/payments/{orderNo}/cancel',
      '/api/v1/payments/{orderNo}/resolve',
    ]);
    const create = doc.paths['/api/v1/payments'].post.requestBody!.content['application/json'].schema;
    expect(create.required).toEqual(['orderNo', 'amount', 'qrCode']);
    expect(create.properties.orderNo.pattern).toBe('^[A-Za-z0-9_-]+$');
    // The same pattern rejects in practice what the document forbids.
    const bad = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { ...validPayment(), orderNo: 'a b' },
    });
    expect(bad.status).toBe(400);
    expect(doc.paths['/api/v1/payments/{orderNo}'].get.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'orderNo', in: 'path' }),
        expect.objectContaining({ name: 'wait', in: 'query' }),
      ]),
    );
  });

  it('answers JSON 404 and 405 (with Allow)', async () => {
    const { client } = createApiKit();
    const missing = await client.send({ method: 'GET', target: '/api/v1/refunds' });
    expect([missing.status, (missing.json as { error: { code: string } }).error.code]).toEqual([
      404,
      'NOT_FOUND',
    ]);
    const wrongMethod = await client.send({ method: 'PUT', target: '/api/v1/payments/A1/cancel', body: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
  });

  it('answers a bare 500 without details for real bugs, and logs them', async () => {
    const { client, loggedErrors } = createApiKit({
      deps: {
        healthExtras: () => {
          throw new Error('database file vanished at /secret/path');
        },
      },
    });
    const res = await client.send({ method: 'GET', target: '/api/v1/health' });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(res.text).not.toContain('/secret/path');
    expect(loggedErrors).toHaveLength(1);
  });
});

describe('routing edges', () => {
  it('treats a trailing slash as a different path (404), never a 405 it cannot honour', async () => {
    const { client } = createApiKit();
    const res = await client.send({ method: 'POST', target: '/api/v1/payments/', body: validPayment('TS1') });
    expect(res.status).toBe(404);
  });

  it('answers 415 for a body without Content-Type', async () => {
    const { client, payments } = createApiKit();
    const res = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: JSON.stringify(validPayment('NC1')),
      contentType: null,
    });
    expect(res.status).toBe(415);
    expect(payments.writes).toBe(0);
  });

  it('accepts Content-Type parameters and case as HTTP allows', async () => {
    const { client } = createApiKit();
    const res = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: JSON.stringify(validPayment('CT2')),
      contentType: 'Application/JSON; charset="UTF-8"',
    });
    expect(res.status).toBe(202);
  });
});
