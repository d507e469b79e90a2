import { beforeEach, describe, expect, it } from 'vitest';
import { createBridgeHandlers, TEST_LAUNCH_URI } from '../../../../../src/main/core/bridge/bridge-handlers';
import { createCommandDispatcher } from '../../../../../src/main/core/bridge/command-dispatch';
import type { CommandDispatcher } from '../../../../../src/main/core/bridge/command-dispatch';
import { COMMAND_NAMES } from '../../../../../src/shared/contract/commands';
import type { FakeBridgeCore } from '../../../../support/fake-bridge-core';
import { createFakeBridgeCore } from '../../../../support/fake-bridge-core';

describe('bridge handlers behind the dispatcher', () => {
  let core: FakeBridgeCore;
  let dispatch: CommandDispatcher;
  beforeEach(() => {
    core = createFakeBridgeCore();
    dispatch = createCommandDispatcher(createBridgeHandlers(core));
  });

  it('has a handler for every command', () => {
    const handlers = createBridgeHandlers(core);
    for (const name of COMMAND_NAMES) expect(typeof handlers[name]).toBe('function');
  });

  it('lists failing callbacks without their signed bodies, and resends one', async () => {
    const entry = {
      id: 1,
      eventId: 'evt-1',
      orderNo: 'P1',
      url: 'http://backend.example/cb',
      body: '{"secret":"never shown"}',
      status: 'failed' as const,
      attempts: 8,
      roundAttempts: 8,
      nextAttemptAt: 5_000,
      lastAttemptAt: 4_000,
      lastHttpStatus: 503,
      lastError: 'HTTP 503',
      createdAt: 1_000,
      deliveredAt: null,
    };
    core.outbox.push(entry);
    const list = await dispatch('callbacks:list', {});
    expect(list).toMatchObject({
      ok: true,
      value: {
        stats: { failed: 1, pending: 0 },
        entries: [{ eventId: 'evt-1', status: 'failed', attempts: 8, lastHttpStatus: 503 }],
      },
    });
    expect(JSON.stringify(list)).not.toContain('never shown');
    expect(await dispatch('callbacks:resend', { eventId: 'evt-1' })).toEqual({
      ok: true,
      value: { resent: true },
    });
    expect(core.calls).toContain('callbacks.resend evt-1');
    expect(await dispatch('callbacks:resend', { eventId: 'nope' })).toEqual({
      ok: true,
      value: { resent: false },
    });
    expect(await dispatch('callbacks:resend', { eventId: '' })).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_INVALID_INPUT' },
    });
  });

  it('refuses unknown commands and invalid inputs before reaching the core', async () => {
    core.addOrder('A1');
    expect(await dispatch('orders:delete', {})).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_UNKNOWN_COMMAND' },
    });
    const bad = await dispatch('orders:accept', { orderNo: 'A1; DROP TABLE' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BRIDGE_INVALID_INPUT' } });
    expect(bad.ok === false && bad.error.issues?.[0].path).toBe('orderNo');
    expect(await dispatch('orders:accept', 'A1')).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_INVALID_INPUT' },
    });
    expect(await dispatch('orders:list', {})).toMatchObject({
      ok: true,
      value: { orders: [{ status: 'new' }] },
    });
  });

  it('moves an order through accept and done, and passes the core error code on', async () => {
    core.addOrder('A1');
    expect(await dispatch('orders:accept', { orderNo: 'A1' })).toMatchObject({
      ok: true,
      value: { status: 'accepted' },
    });
    expect(await dispatch('orders:done', { orderNo: 'A1' })).toMatchObject({
      ok: true,
      value: { status: 'done' },
    });
    expect(await dispatch('orders:cancel', { orderNo: 'A1' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_TRANSITION_NOT_ALLOWED' },
    });
    expect(await dispatch('orders:list', {})).toMatchObject({ ok: true, value: { orders: [] } });
  });

  it('lists active payments without their QR contents, and resolves an unknown one', async () => {
    core.services.payments.create({ orderNo: 'P1', amountFen: 500, qrCode: 'https://qr/secret' });
    await core.services.settle('P1', 'unknown');
    const list = await dispatch('payments:list', {});
    expect(list).toMatchObject({ ok: true, value: { payments: [{ orderNo: 'P1', status: 'unknown' }] } });
    expect(JSON.stringify(list)).not.toContain('secret');
    const resolved = await dispatch('payments:resolve', {
      orderNo: 'P1',
      status: 'failed',
      note: 'checked the phone',
    });
    expect(resolved).toMatchObject({ ok: true, value: { status: 'failed' } });
  });

  it('restarts and test-launches through the device service', async () => {
    expect(await dispatch('devices:restartApp', { serial: 'R58M1' })).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(await dispatch('devices:testLaunch', { serial: 'R58M1' })).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(core.calls).toEqual(['restart R58M1', `launch R58M1 ${TEST_LAUNCH_URI}`]);
  });

  it('never returns the secret except from revealSecret', async () => {
    const view = await dispatch('settings:get', {});
    expect(view.ok).toBe(true);
    expect(JSON.stringify(view)).not.toContain(core.secret);
    expect(await dispatch('settings:revealSecret', {})).toEqual({ ok: true, value: { secret: core.secret } });
    const fresh = await dispatch('settings:regenerateCredentials', {});
    expect(fresh).toEqual({
      ok: true,
      value: { apiKey: 'cs_newkey123456', secret: 'secret-new-0123456789' },
    });
  });

  it('reports settings problems by field and saves valid patches', async () => {
    const bad = await dispatch('settings:update', { patch: { api: { httpPort: 80 } } });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'BRIDGE_INVALID_INPUT',
        issues: [{ path: 'patch.api.httpPort', message: 'must be from 1024 to 65535' }],
      },
    });
    // The core may refuse what the schema allows (an amount pattern without a capture group).
    const update = core.settings.update;
    core.settings.update = () => {
      throw Object.assign(new Error('no'), {
        code: 'INVALID_SETTINGS',
        issues: [{ path: 'notificationRules.amountPatterns.0', message: 'needs a capture group' }],
      });
    };
    expect(
      await dispatch('settings:update', { patch: { notificationRules: { amountPatterns: ['x'] } } }),
    ).toEqual({
      ok: true,
      value: {
        ok: false,
        issues: [{ path: 'notificationRules.amountPatterns.0', message: 'needs a capture group' }],
      },
    });
    core.settings.update = update;
    const good = await dispatch('settings:update', { patch: { voice: { volume: 0.3 }, language: 'en' } });
    expect(good).toMatchObject({
      ok: true,
      value: { ok: true, settings: { language: 'en', voice: { volume: 0.3 } } },
    });
    const unknownSection = await dispatch('settings:update', { patch: { secret: 'x' } });
    expect(unknownSection).toMatchObject({ ok: false, error: { code: 'BRIDGE_INVALID_INPUT' } });
  });

  it('builds the status bar from devices and the status port', async () => {
    expect(await dispatch('status:get', {})).toMatchObject({
      ok: true,
      value: {
        phonesReady: 1,
        phonesTotal: 2,
        queueLength: 2,
        apiListening: true,
        adb: { kind: 'connected' },
      },
    });
  });

  it('lists and counts phones as shown: the engine paying on one takes it out of "ready"', async () => {
    const since = core.clock.now();
    core.setActivity('R58M1', { kind: 'busy', orderNo: 'A7', since });
    const list = await dispatch('devices:list', {});
    expect(list).toMatchObject({
      ok: true,
      value: {
        devices: [
          { serial: 'R58M1', state: 'busy', reason: null, activity: { kind: 'busy', orderNo: 'A7', since } },
          { serial: 'R58M2', state: 'app-down', activity: { kind: 'idle' } },
        ],
      },
    });
    expect(await dispatch('status:get', {})).toMatchObject({ value: { phonesReady: 0, phonesTotal: 2 } });
    core.setActivity('R58M1', { kind: 'idle' });
    expect(await dispatch('status:get', {})).toMatchObject({ value: { phonesReady: 1 } });
  });

  it('counts today per hour and exports CSV that spreadsheets cannot execute', async () => {
    const stats = await dispatch('stats:today', {});
    expect(stats.ok && (stats.value as { hours: unknown[] }).hours).toHaveLength(24);
    core.historyRows = [
      {
        kind: 'order',
        orderNo: 'A1',
        status: 'done',
        amountFen: 1250,
        deviceSerial: null,
        rushCount: 2,
        createdAt: 0,
        updatedAt: 0,
      },
      {
        kind: 'payment',
        orderNo: '=cmd',
        status: 'succeeded',
        amountFen: 1,
        deviceSerial: 'R1',
        rushCount: 0,
        createdAt: 0,
        updatedAt: 0,
      },
    ];
    const csv = await dispatch('history:exportCsv', {});
    expect(csv.ok).toBe(true);
    const text = (csv as { value: { csv: string; rows: number } }).value;
    expect(text.rows).toBe(2);
    expect(text.csv).toContain('order,A1,done,12.50,,2,1970-01-01T00:00:00.000Z');
    expect(text.csv).toContain("payment,'=cmd,succeeded,0.01,R1");
  });
});
