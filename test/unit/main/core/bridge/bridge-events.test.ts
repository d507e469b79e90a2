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
    core.deviceEmitter.emit('changed', device('R58M9', { state: 'busy' }));
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

  it('drops payloads outside the contract instead of sending them', () => {
    const core = createFakeBridgeCore();
    const seen: EventMessage[] = [];
    subscribeBridgeEvents(core, (m) => seen.push(m));
    core.deviceEmitter.emit('changed', { serial: 'X' } as never);
    expect(seen).toEqual([]);
  });
});
