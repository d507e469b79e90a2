import type { CommandInput, CommandName, CommandOutput } from './commands';
import type { EventName, EventPayload } from './events';
import type { FieldIssue } from './settings-schemas';

export const BRIDGE_VERSION = 2;

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/**
 * The one object the window gets: `window.station` from the Electron preload, or the WebSocket
 * bridge in `npm run serve`. Both are built from the contract, so the window cannot tell them apart.
 */
export interface StationBridge {
  readonly version: number;
  /** Rejects with a {@link BridgeError}-shaped error (`code`, `message`, maybe `issues`). */
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>>;
  /** Returns the unsubscribe function; prefer it over `off` (see the preload for why). */
  on<E extends EventName>(name: E, listener: EventListener<E>): () => void;
  off<E extends EventName>(name: E, listener: EventListener<E>): void;
}

/** How a command's answer travels, over IPC and over the WebSocket alike. */
export type CommandEnvelope =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: string; issues?: FieldIssue[] } };

/** Electron IPC channel of a command. One channel per command so the preload can allow-list. */
export function commandChannel(name: CommandName): string {
  return `station:cmd:${name}`;
}

/** All events share one channel; the payload names the event. */
export const EVENT_CHANNEL = 'station:event';

export interface EventMessage {
  name: EventName;
  payload: unknown;
}
