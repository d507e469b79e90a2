import { describe, expect, it } from 'vitest';
import { STATUS_THROTTLE_MS, subscribeBridgeEvents } from '../../../../../src/main/core/bridge/bridge-events';
import type { EventMessage } from '../../../../../src/shared/contract/bridge-types';
import { createFakeBridgeCore, device } from '../../../../support/fake-bridge-core';

describe('bridge events', () => {
  it('maps core events to contract events and coalesces status changes', () => {
    const core = createFakeBridgeCore();
    const seen: EventMessage[] = [];
    const off = subscribeBridgeEvents(core, (m) => seen.push(m));

    core.addOrder('A1');
    core.deviceEmitter.emit('changed', device('R58M9', { state: 'needs-attention' }));
    core.deviceEmitter.emit('removed', device('R58M9'));
    core.services.payments.create({ orderNo: 'P1', amountFen: 100, qrCode: 'qr-secret' });
    // The order service reports a new order as `new-order` and, like every change, `updated`.
    expect(seen.map((m) => m.name)).toEqual([
      'order:new',
      'order:updated',
      'device:changed',
      'device:removed',
      'payment:updated',
    ]);
    expect(JSON.stringify(seen)).not.toContain('qr-secret');
    expect(seen[3].payload).toEqual({ serial: 'R58M9' });

    core.clock.advance(STATUS_THROTTLE_MS);
    expect(seen.filter((m) => m.name === 'status:changed')).toHaveLength(1);

    off();
    core.addOrder('A2');
    core.clock.advance(STATUS_THROTTLE_MS * 2);
    expect(seen.map((m) => m.name).filter((n) => n === 'order:new')).toHaveLength(1);
  });

  it('shows each phone with what the engine does with it, and sends a change of that alone', () => {
    const core = createFakeBridgeCore();
    const seen: EventMessage[] = [];
    subscribeBridgeEvents(core, (m) => seen.push(m));
    const busy = { kind: 'busy' as const, orderNo: 'A1', since: core.clock.now() };

    core.setActivity('R58M1', busy);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      name: 'device:changed',
      payload: { serial: 'R58M1', state: 'busy', reason: null, activity: busy },
    });
    core.clock.advance(STATUS_THROTTLE_MS);
    // R58M1 is paying: no phone is ready (R58M2's app is down).
    expect(seen.at(-1)).toMatchObject({
      name: 'status:changed',
      payload: { phonesReady: 0, phonesTotal: 2 },
    });

    // A device change carries the engine's activity too.
    core.deviceEmitter.emit('changed', device('R58M1', { model: 'Pixel 8' }));
    expect(seen.at(-1)).toMatchObject({
      name: 'device:changed',
      payload: { serial: 'R58M1', model: 'Pixel 8', state: 'busy', activity: busy },
    });

    // An engine's reason shows over ready, never over the phone's own problem.
    const appDown = { code: 'APP_DOWN', messageKey: 'device.reason.appDown.message', hintKey: 'h' };
    core.deviceList[1] = device('R58M2', { state: 'app-down', reason: appDown });
    const reason = { code: 'SETTLING', messageKey: 'm', hintKey: 'h', params: { secondsLeft: 3 } };
    core.setActivity('R58M2', { kind: 'needs-attention', reason, until: core.clock.now() + 3_000 });
    expect(seen.at(-1)).toMatchObject({
      name: 'device:changed',
      payload: { serial: 'R58M2', state: 'app-down', reason: appDown, activity: { reason } },
    });

    // The engine letting go of a phone the device manager no longer lists shows nothing.
    const before = seen.length;
    core.setActivity('GONE', { kind: 'idle' });
    expect(seen).toHaveLength(before);
  });

  it('drops payloads outside the contract instead of sending them', () => {
    const core = createFakeBridgeCore();
    const seen: EventMessage[] = [];
    subscribeBridgeEvents(core, (m) => seen.push(m));
    core.deviceEmitter.emit('changed', { serial: 'X' } as never);
    expect(seen).toEqual([]);
  });
});
