import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { createPreloadBridge } = await import('../../../src/preload/station-bridge');
const { commandChannel, EVENT_CHANNEL } = await import('../../../src/shared/contract/bridge-types');

function fakeIpc(answer: unknown) {
  const invoked: unknown[][] = [];
  let eventHandler: ((e: unknown, m: unknown) => void) | null = null;
  return {
    invoked,
    emit: (m: unknown) => eventHandler?.({}, m),
    ipc: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return answer;
      },
      on: (channel: string, fn: (e: unknown, m: unknown) => void) => {
        expect(channel).toBe(EVENT_CHANNEL);
        eventHandler = fn;
      },
    },
  };
}

describe('the preload bridge', () => {
  it('invokes only contract commands on their own channel and unwraps answers', async () => {
    const f = fakeIpc({ ok: true, value: { secret: 's' } });
    const station = createPreloadBridge(f.ipc as never);
    expect(await station.invoke('settings:revealSecret', {})).toEqual({ secret: 's' });
    expect(f.invoked).toEqual([[commandChannel('settings:revealSecret'), {}]]);
    await expect(station.invoke('shell:exec' as never, {} as never)).rejects.toMatchObject({
      code: 'BRIDGE_UNKNOWN_COMMAND',
    });
    expect(f.invoked).toHaveLength(1);
  });

  it('turns error envelopes into coded errors', async () => {
    const f = fakeIpc({ ok: false, error: { code: 'ORDER_NOT_FOUND', message: 'No order A9.' } });
    const station = createPreloadBridge(f.ipc as never);
    await expect(station.invoke('orders:accept', { orderNo: 'A9' })).rejects.toMatchObject({
      name: 'BridgeError',
      code: 'ORDER_NOT_FOUND',
      message: 'No order A9.',
    });
  });

  it('delivers contract events to their listeners until unsubscribed', () => {
    const f = fakeIpc(null);
    const station = createPreloadBridge(f.ipc as never);
    const seen: unknown[] = [];
    const off = station.on('device:removed', (p) => seen.push(p));
    f.emit({ name: 'device:removed', payload: { serial: 'X' } });
    f.emit({ name: 'not:anEvent', payload: 1 });
    off();
    f.emit({ name: 'device:removed', payload: { serial: 'Y' } });
    expect(seen).toEqual([{ serial: 'X' }]);
    expect(() => station.on('nope' as never, () => {})).toThrow(/No event/);
  });
});
