import { BridgeError } from '../../../shared/contract/bridge-error';
import type { CommandEnvelope, StationBridge } from '../../../shared/contract/bridge-types';
import { BRIDGE_VERSION } from '../../../shared/contract/bridge-types';
import { createEventListeners } from '../../../shared/contract/event-listeners';
import { isCommandName } from '../../../shared/contract/names';

/** The part of a WebSocket this bridge uses; the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  // `never` parameters: our handlers ignore the event types, so both implementations' fit.
  onopen: ((ev: never) => void) | null;
  onclose: ((ev: never) => void) | null;
  onerror: ((ev: never) => void) | null;
  onmessage: ((ev: never) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface WsBridgeOptions {
  /** `ws://host:port/station-ws?token=…` */
  url: string;
  createSocket: (url: string) => WebSocketLike;
  /**
   * First reconnect delay; it doubles up to 5 s while the station is away.
   * @default 250
   */
  reconnectDelayMs?: number;
  /**
   * A command with no answer by then rejects with `BRIDGE_TIMEOUT`.
   * @default 30000
   */
  callTimeoutMs?: number;
}

export interface WsBridge extends StationBridge {
  readonly connected: boolean;
  /** Called with true on every (re)connection, so the window can reload what it missed. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  close(): void;
}

const OPEN = 1;
interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * `window.station` for a browser (`npm run serve`): the same interface as the Electron preload,
 * over a WebSocket. Calls made while connecting wait for the socket; calls in flight when it drops
 * reject with `BRIDGE_DISCONNECTED` (the station may or may not have run them: the caller
 * reloads), and the bridge reconnects by itself.
 */
export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const events = createEventListeners();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const pending = new Map<number, Pending>();
  const waitingForOpen: (() => void)[] = [];
  const baseDelay = options.reconnectDelayMs ?? 250;
  const callTimeout = options.callTimeoutMs ?? 30_000;
  let nextId = 1;
  let delay = baseDelay;
  let closed = false;
  let socket: WebSocketLike;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const setConnected = (value: boolean): void => {
    for (const l of [...connectionListeners]) l(value);
  };

  const onMessage = (data: unknown): void => {
    let msg: { t?: unknown; id?: unknown; name?: unknown; payload?: unknown } & Partial<CommandEnvelope>;
    try {
      msg = JSON.parse(String(data)) as typeof msg;
    } catch {
      return;
    }
    if (msg.t === 'event') {
      events.deliver(msg.name, msg.payload);
    } else if (msg.t === 'result' && typeof msg.id === 'number') {
      const call = pending.get(msg.id);
      if (!call) return;
      pending.delete(msg.id);
      clearTimeout(call.timer);
      const envelope = msg as CommandEnvelope;
      if (envelope.ok) call.resolve(envelope.value);
      else call.reject(new BridgeError(envelope.error.code, envelope.error.message, envelope.error.issues));
    }
  };

  const connect = (): void => {
    socket = options.createSocket(options.url);
    socket.onopen = () => {
      delay = baseDelay;
      for (const go of waitingForOpen.splice(0)) go();
      setConnected(true);
    };
    socket.onmessage = (ev: { data: unknown }) => onMessage(ev.data);
    socket.onerror = () => {};
    socket.onclose = () => {
      for (const [id, call] of pending) {
        clearTimeout(call.timer);
        call.reject(
          new BridgeError('BRIDGE_DISCONNECTED', 'The connection to the station was lost. Try again.'),
        );
        pending.delete(id);
      }
      setConnected(false);
      if (closed) return;
      reconnectTimer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5_000);
    };
  };
  connect();

  return {
    version: BRIDGE_VERSION,
    get connected() {
      return socket.readyState === OPEN;
    },
    invoke(name, input) {
      if (!isCommandName(name)) {
        return Promise.reject(new BridgeError('BRIDGE_UNKNOWN_COMMAND', `No command ${String(name)}.`));
      }
      if (closed) return Promise.reject(new BridgeError('BRIDGE_CLOSED', 'The bridge was closed.'));
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const send = (): void => {
          const timer = setTimeout(() => {
            pending.delete(id);
            reject(new BridgeError('BRIDGE_TIMEOUT', `${name} got no answer from the station. Try again.`));
          }, callTimeout);
          pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
          socket.send(JSON.stringify({ t: 'call', id, name, input }));
        };
        if (socket.readyState === OPEN) send();
        else waitingForOpen.push(send);
      });
    },
    on: events.on,
    off: events.off,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      socket.close();
    },
  };
}
