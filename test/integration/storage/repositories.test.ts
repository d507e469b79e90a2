import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Payment } from '../../../src/main/core/payments/payment-types';
import type { Storage } from '../../../src/main/core/storage/storage';
import { openStorage } from '../../../src/main/core/storage/storage';
import { makeTempDir } from '../../support/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let storage: Storage;
let file: string;
beforeEach(() => {
  tmp = makeTempDir('repos-');
  file = path.join(tmp.dir, 'station.db');
  storage = openStorage({ file });
});
afterEach(() => {
  storage.close();
  tmp.cleanup();
});

const payment = (orderNo: string, over: Partial<Payment> = {}): Payment => ({
  orderNo,
  status: 'queued',
  amountFen: 300,
  qrCode: 'qr',
  deviceSerial: null,
  pinnedSerial: null,
  callbackUrl: null,
  notificationText: null,
  review: null,
  cancelRequested: false,
  refundNeeded: false,
  resolution: null,
  expiresAt: 10,
  createdAt: 1,
  updatedAt: 1,
  requestHash: 'h',
  ...over,
});

describe('payment repository', () => {
  it('round-trips every field', () => {
    const p = payment('A', {
      status: 'unknown',
      deviceSerial: 'S1',
      pinnedSerial: 'S1',
      callbackUrl: 'http://x/cb',
      notificationText: '你已成功付款3.00元',
      review: { reason: 'timeout', detail: 'd' },
      cancelRequested: true,
      refundNeeded: true,
      resolution: { status: 'failed', note: 'n', by: 'u', at: 5 },
    });
    storage.payments.insert(p);
    expect(storage.payments.get('A')).toEqual(p);
  });

  it('replace only wins from the expected status, so two writers never both move a payment', () => {
    storage.payments.insert(payment('A'));
    expect(storage.payments.replace(payment('A', { status: 'dispatching' }), 'queued')).toBe(true);
    expect(storage.payments.replace(payment('A', { status: 'cancelled' }), 'queued')).toBe(false);
    expect(storage.payments.get('A')?.status).toBe('dispatching');
  });

  it('pages newest first, optionally by status', () => {
    for (let i = 0; i < 5; i++)
      storage.payments.insert(payment(`P${i}`, { status: i % 2 ? 'failed' : 'queued' }));
    const first = storage.payments.page({ limit: 2 });
    expect(first.payments.map((p) => p.orderNo)).toEqual(['P4', 'P3']);
    const second = storage.payments.page({ limit: 2, beforeId: first.nextAfterId! });
    expect(second.payments.map((p) => p.orderNo)).toEqual(['P2', 'P1']);
    expect(storage.payments.page({ limit: 10, status: 'failed' }).payments.map((p) => p.orderNo)).toEqual([
      'P3',
      'P1',
    ]);
    expect(storage.payments.countByStatus()).toEqual({ queued: 3, failed: 2 });
  });
});

describe('device port store (devices table)', () => {
  it('keeps serial → port across reopen, and moves a reused port to its new serial', () => {
    storage.devicePorts.save('S1', 27183);
    storage.devicePorts.save('S2', 27184);
    storage.devicePorts.save('S1', 27185);
    storage.devicePorts.save('S3', 27184);
    storage.close();
    storage = openStorage({ file });
    expect(storage.devicePorts.load()).toEqual(
      new Map([
        ['S1', 27185],
        ['S3', 27184],
      ]),
    );
  });
});

describe('outbox repository', () => {
  it('tracks attempts, due times and statistics', () => {
    storage.payments.insert(payment('A'));
    storage.outbox.enqueue({ eventId: 'e1', orderNo: 'A', url: 'http://x', body: '{}', at: 100 });
    storage.outbox.enqueue({ eventId: 'e2', orderNo: 'A', url: 'http://x', body: '{}', at: 200 });
    expect(storage.outbox.due(150, 10).map((e) => e.eventId)).toEqual(['e1']);
    storage.outbox.recordAttempt('e1', {
      at: 150,
      ok: false,
      httpStatus: 500,
      error: 'HTTP 500',
      next: 5_150,
    });
    expect(storage.outbox.nextDueAt()).toBe(200);
    storage.outbox.recordAttempt('e2', { at: 210, ok: true, httpStatus: 200, error: null, next: null });
    storage.outbox.recordAttempt('e1', {
      at: 5_150,
      ok: false,
      httpStatus: null,
      error: 'refused',
      next: null,
    });
    expect(storage.outbox.get('e1')).toMatchObject({ status: 'failed', attempts: 2, roundAttempts: 2 });
    expect(storage.outbox.stats()).toEqual({
      pending: 0,
      delivered: 1,
      failed: 1,
      attempts: 3,
      attemptsPerDelivery: 1,
    });
    expect(storage.outbox.resend('e1', 6_000)).toBe(true);
    expect(storage.outbox.get('e1')).toMatchObject({ status: 'pending', roundAttempts: 0, attempts: 2 });
    expect(storage.outbox.resend('nope', 6_000)).toBe(false);
  });

  it('lists the troubled entries (given up, or retrying after a failure), newest first', () => {
    storage.payments.insert(payment('A'));
    for (const id of ['ok', 'fresh', 'retrying', 'gaveup']) {
      storage.outbox.enqueue({ eventId: id, orderNo: 'A', url: 'http://x', body: '{}', at: 100 });
    }
    storage.outbox.recordAttempt('ok', { at: 110, ok: true, httpStatus: 204, error: null, next: null });
    storage.outbox.recordAttempt('retrying', {
      at: 120,
      ok: false,
      httpStatus: 502,
      error: 'HTTP 502',
      next: 5_120,
    });
    storage.outbox.recordAttempt('gaveup', {
      at: 130,
      ok: false,
      httpStatus: null,
      error: 'refused',
      next: null,
    });
    expect(storage.outbox.troubled(10).map((e) => [e.eventId, e.status])).toEqual([
      ['gaveup', 'failed'],
      ['retrying', 'pending'],
    ]);
    expect(storage.outbox.troubled(1).map((e) => e.eventId)).toEqual(['gaveup']);
  });
});

describe('audit log', () => {
  it('appends and reads back by subject', () => {
    storage.audit.append({
      at: 1,
      actor: 'u',
      action: 'payment.resolve',
      subject: 'payment:A',
      detail: { to: 'failed' },
    });
    expect(storage.audit.forSubject('payment:A')).toEqual([
      { id: 1, at: 1, actor: 'u', action: 'payment.resolve', subject: 'payment:A', detail: { to: 'failed' } },
    ]);
  });
});

describe('settings repository', () => {
  it('stores JSON values per key and upserts', () => {
    storage.settings.put({ settleMs: 2_000, notificationRules: { successKeywords: ['成功'] } }, 1);
    storage.settings.put({ settleMs: 3_000 }, 2);
    storage.close();
    storage = openStorage({ file });
    expect(storage.settings.all()).toEqual(
      new Map<string, unknown>([
        ['settleMs', 3_000],
        ['notificationRules', { successKeywords: ['成功'] }],
      ]),
    );
  });
});
