import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { subscribeBridgeEvents } from '../../../../../src/main/core/bridge/bridge-events';
import { createBridgeHandlers } from '../../../../../src/main/core/bridge/bridge-handlers';
import { createCommandDispatcher } from '../../../../../src/main/core/bridge/command-dispatch';
import { createSessionToken } from '../../../../../src/main/core/bridge/session-token';
import type { WsBridgeServer } from '../../../../../src/main/core/bridge/ws-bridge-server';
import { attachWsBridgeServer } from '../../../../../src/main/core/bridge/ws-bridge-server';
import type { WsBridge } from '../../../../../src/renderer/src/api/ws-bridge';
import { createWsBridge } from '../../../../../src/renderer/src/api/ws-bridge';
import type { EventPayload } from '../../../../../src/shared/contract/events';
import type { FakeBridgeCore } from '../../../../support/fake-bridge-core';
import { createFakeBridgeCore } from '../../../../support/fake-bridge-core';

/** Opens a raw socket and reports the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('WebSocket bridge over a real socket', () => {
  let server: Server;
  let bridgeServer: WsBridgeServer;
  let core: FakeBridgeCore;
  let token: string;
  let base: string;
  const clients: WsBridge[] = [];

  beforeEach(async () => {
    core = createFakeBridgeCore();
    token = createSessionToken();
    server = createServer((_req, res) => res.writeHead(404).end());
    bridgeServer = attachWsBridgeServer({
      server,
      token,
      dispatch: createCommandDispatcher(createBridgeHandlers(core)),
      subscribe: (sink) => subscribeBridgeEvents(core, sink),
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await bridgeServer.close();
    await new Promise((r) => server.close(r));
  });

  const connect = (url = `${base}/station-ws?token=${token}`): WsBridge => {
    const bridge = createWsBridge({ url, createSocket: (u) => new WebSocket(u), reconnectDelayMs: 20 });
    clients.push(bridge);
    return bridge;
  };

  it('uses a session token of at least 128 bits', () => {
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(createSessionToken()).not.toBe(token);
  });

  it('refuses the upgrade without the token or with a wrong one', async () => {
    expect(await upgradeStatus(`${base}/station-ws`)).toBe(401);
    expect(await upgradeStatus(`${base}/station-ws?token=${token.slice(1)}x`)).toBe(401);
    expect(await upgradeStatus(`${base}/station-ws?token=`)).toBe(401);
    expect(await upgradeStatus(`${base}/elsewhere?token=${token}`)).toBe(404);
    expect(await upgradeStatus(`${base}/station-ws?token=${token}`)).toBe(101);
  });

  it('runs a command round trip and reports contract errors with their code', async () => {
    core.addOrder('A1');
    const bridge = connect();
    const list = await bridge.invoke('orders:list', {});
    expect(list.orders.map((o) => o.orderNo)).toEqual(['A1']);
    const accepted = await bridge.invoke('orders:accept', { orderNo: 'A1' });
    expect(accepted.status).toBe('accepted');
    await expect(bridge.invoke('orders:accept', { orderNo: 'bad no' })).rejects.toMatchObject({
      code: 'BRIDGE_INVALID_INPUT',
    });
    // Accepting again is a no-op for the order service; a done order cannot go back.
    expect((await bridge.invoke('orders:accept', { orderNo: 'A1' })).status).toBe('accepted');
    expect((await bridge.invoke('orders:done', { orderNo: 'A1' })).status).toBe('done');
    await expect(bridge.invoke('orders:accept', { orderNo: 'A1' })).rejects.toMatchObject({
      code: 'ORDER_TRANSITION_NOT_ALLOWED',
    });
  });

  it('fans events out to every connected page', async () => {
    const a = connect();
    const b = connect();
    await Promise.all([a.invoke('status:get', {}), b.invoke('status:get', {})]);
    const got = (bridge: WsBridge) =>
      new Promise<EventPayload<'order:new'>>((resolve) => bridge.on('order:new', resolve));
    const both = Promise.all([got(a), got(b)]);
    core.addOrder('N1');
    const [ea, eb] = await both;
    expect(ea.order.orderNo).toBe('N1');
    expect(eb.eventId).toBe('e-N1');
    expect(bridgeServer.connections).toBe(2);
  });

  it('closes a socket that sends something other than a call', async () => {
    const ws = new WebSocket(`${base}/station-ws?token=${token}`);
    await new Promise((r) => ws.on('open', r));
    const code = new Promise<number>((r) => ws.on('close', (c) => r(c)));
    ws.send('{"t":"hello"}');
    expect(await code).toBe(1008);
  });

  it('rejects calls in flight when the station goes away, then reconnects', async () => {
    const bridge = connect();
    await bridge.invoke('status:get', {});
    const states: boolean[] = [];
    bridge.onConnectionChange((c) => states.push(c));
    await bridgeServer.close();
    await new Promise((r) => setTimeout(r, 30));
    expect(states).toContain(false);
    bridgeServer = attachWsBridgeServer({
      server,
      token,
      dispatch: createCommandDispatcher(createBridgeHandlers(core)),
      subscribe: (sink) => subscribeBridgeEvents(core, sink),
    });
    const status = await bridge.invoke('status:get', {});
    expect(status.phonesTotal).toBe(2);
    expect(states.at(-1)).toBe(true);
  });
});
