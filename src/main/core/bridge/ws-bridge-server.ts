import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { CommandEnvelope, EventMessage } from '../../../shared/contract/bridge-types';
import type { CommandDispatcher } from './command-dispatch';
import type { EventSink } from './bridge-events';
import { tokenMatches } from './session-token';

/** The path the browser bridge connects to. */
export const WS_BRIDGE_PATH = '/station-ws';

/** Client → server. */
export interface WsCallMessage {
  t: 'call';
  id: number;
  name: string;
  input: unknown;
}
/** Server → client. */
export type WsServerMessage =
  ({ t: 'result'; id: number } & CommandEnvelope) | ({ t: 'event' } & EventMessage);

export interface WsBridgeServerOptions {
  /** An existing HTTP server (the one serving the renderer); only its `upgrade` event is used. */
  server: Server;
  /** The session token; a connection without it is refused with 401 before the upgrade. */
  token: string;
  dispatch: CommandDispatcher;
  /** Called once; events go to every open connection. Returns the unsubscribe function. */
  subscribe: (sink: EventSink) => () => void;
  /** @default WS_BRIDGE_PATH */
  path?: string;
  /**
   * Largest message accepted from a browser, in bytes.
   * @default 1_048_576
   */
  maxPayload?: number;
}

export interface WsBridgeServer {
  readonly connections: number;
  /** Stops listening for upgrades and closes every connection. The HTTP server stays open. */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function parseCall(data: RawData): WsCallMessage | null {
  try {
    const msg = JSON.parse(data.toString()) as Partial<WsCallMessage>;
    if (msg.t !== 'call' || typeof msg.id !== 'number' || typeof msg.name !== 'string') return null;
    return { t: 'call', id: msg.id, name: msg.name, input: msg.input };
  } catch {
    return null;
  }
}

/**
 * The server half of the browser bridge for `npm run serve`: the same commands and events as the
 * Electron IPC, over one WebSocket per page on the serve port, guarded by the session token.
 */
export function attachWsBridgeServer(options: WsBridgeServerOptions): WsBridgeServer {
  const path = options.path ?? WS_BRIDGE_PATH;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 1_048_576 });
  const clients = new Set<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://station.invalid');
    if (url.pathname !== path) return refuse(socket, 404, 'Not Found');
    if (!tokenMatches(options.token, url.searchParams.get('token')))
      return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.on('message', (data) => {
        const call = parseCall(data);
        if (!call) {
          // A page that speaks something else is not ours; the socket is closed, not answered.
          ws.close(1008, 'bad message');
          return;
        }
        void options.dispatch(call.name, call.input).then((envelope) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id: call.id, ...envelope }));
        });
      });
    });
  };
  options.server.on('upgrade', onUpgrade);

  const unsubscribe = options.subscribe((message) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ t: 'event', ...message } satisfies WsServerMessage);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  return {
    get connections() {
      return clients.size;
    },
    close() {
      unsubscribe();
      options.server.off('upgrade', onUpgrade);
      for (const ws of clients) ws.terminate();
      clients.clear();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
