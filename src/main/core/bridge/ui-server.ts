import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BridgeCore } from './bridge-core';
import { subscribeBridgeEvents } from './bridge-events';
import { createBridgeHandlers } from './bridge-handlers';
import { createCommandDispatcher } from './command-dispatch';
import { createSessionToken } from './session-token';
import { createUiStaticHandler } from './ui-static-handler';
import { attachWsBridgeServer } from './ws-bridge-server';

export interface UiServerOptions {
  core: BridgeCore;
  /** The built renderer, e.g. `out/renderer`. */
  rootDir: string;
  /**
   * Loopback only by default: the UI is for the cashier's own machine.
   * @default '127.0.0.1'
   */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** @default a fresh random token */
  token?: string;
}

export interface UiServer {
  /** The page's address with the session token: what serve prints as `station ui <url>`. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * The window for `npm run serve`: the built renderer and the WebSocket bridge on one loopback
 * port, both behind the same session token.
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const token = options.token ?? createSessionToken();
  const serveStatic = createUiStaticHandler({ rootDir: options.rootDir, token });
  const server = createServer((req, res) => void serveStatic(req, res));
  const ws = attachWsBridgeServer({
    server,
    token,
    dispatch: createCommandDispatcher(createBridgeHandlers(options.core)),
    subscribe: (sink) => subscribeBridgeEvents(options.core, sink),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/?token=${token}`,
    token,
    async close() {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
