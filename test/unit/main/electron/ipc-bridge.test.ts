import { beforeEach, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpcBridge } = await import('../../../../src/main/electron/ipc-bridge');
const { createBridgeHandlers } = await import('../../../../src/main/core/bridge/bridge-handlers');
const { subscribeBridgeEvents } = await import('../../../../src/main/core/bridge/bridge-events');
const { COMMAND_NAMES } = await import('../../../../src/shared/contract/commands');
const { commandChannel, EVENT_CHANNEL } = await import('../../../../src/shared/contract/bridge-types');
const { createFakeBridgeCore } = await import('../../../support/fake-bridge-core');

describe('registerIpcBridge', () => {
  beforeEach(() => handlers.clear());

  function setup() {
    const core = createFakeBridgeCore();
    const sent: unknown[][] = [];
    const wc = { id: 7, isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) };
    const undo = registerIpcBridge({
      handlers: createBridgeHandlers(core),
      subscribe: (sink) => subscribeBridgeEvents(core, sink),
      targets: () => [wc as never],
    });
    return { core, sent, undo };
  }

  it('handles every contract command and nothing else', () => {
    setup();
    expect([...handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
  });

  it('validates each input with the contract before the core sees it', async () => {
    const { core } = setup();
    core.addOrder('A1');
    const accept = handlers.get(commandChannel('orders:accept'))!;
    const own = { sender: { id: 7 } };
    expect(await accept(own, { orderNo: '' })).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_INVALID_INPUT' },
    });
    expect(await accept(own, { orderNo: 'A1', sql: 'x' })).toMatchObject({ ok: false });
    expect(await accept({ sender: { id: 8 } }, { orderNo: 'A1' })).toMatchObject({
      ok: false,
      error: { code: 'BRIDGE_FORBIDDEN_SENDER' },
    });
    expect(await accept(own, { orderNo: 'A1' })).toMatchObject({
      ok: true,
      value: { orderNo: 'A1', status: 'accepted' },
    });
  });

  it('refuses malformed input for every command with the contract error', async () => {
    setup();
    for (const name of COMMAND_NAMES) {
      const handler = handlers.get(commandChannel(name))!;
      // (null and undefined mean "no input" and become {}, by design of the dispatcher.)
      for (const bad of ['text', 42, true, [1]]) {
        expect(await handler({ sender: { id: 7 } }, bad)).toMatchObject({
          ok: false,
          error: { code: 'BRIDGE_INVALID_INPUT' },
        });
      }
    }
  });

  it('skips a window that is already destroyed', () => {
    const core = createFakeBridgeCore();
    const sent: unknown[] = [];
    const gone = { id: 9, isDestroyed: () => true, send: (...args: unknown[]) => sent.push(args) };
    registerIpcBridge({
      handlers: createBridgeHandlers(core),
      subscribe: (sink) => subscribeBridgeEvents(core, sink),
      targets: () => [gone as never],
    });
    core.addOrder('A1');
    expect(sent).toHaveLength(0);
  });

  it('sends core events to the window and stops on undo', () => {
    const { core, sent, undo } = setup();
    core.addOrder('A1');
    // The order service reports a new order as `new-order` and, like every change, `updated`.
    expect(sent).toHaveLength(2);
    expect(sent[0][0]).toBe(EVENT_CHANNEL);
    expect(sent[0][1]).toMatchObject({ name: 'order:new', payload: { order: { orderNo: 'A1' } } });
    expect(sent[1][1]).toMatchObject({ name: 'order:updated', payload: { orderNo: 'A1' } });
    undo();
    core.addOrder('A2');
    expect(sent).toHaveLength(2);
    expect(handlers.size).toBe(0);
  });
});
