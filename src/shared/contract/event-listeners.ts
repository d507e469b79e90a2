import { BridgeError } from './bridge-error';
import type { EventListener, StationBridge } from './bridge-types';
import type { EventName } from './names';
import { isEventName } from './names';

type AnyListener = (payload: unknown) => void;

/**
 * The listener side of `window.station`, shared by both transports (the Electron preload and
 * the browser's WebSocket bridge): only contract events may be listened to, and `on` returns the
 * way to unsubscribe.
 */
export function createEventListeners(): Pick<StationBridge, 'on' | 'off'> & {
  /** Hands a received event to its listeners; anything outside the contract is dropped. */
  deliver(name: unknown, payload: unknown): void;
} {
  const listeners = new Map<EventName, Set<AnyListener>>();
  const off = <E extends EventName>(name: E, listener: EventListener<E>): void => {
    listeners.get(name)?.delete(listener as AnyListener);
  };
  return {
    on(name, listener) {
      if (!isEventName(name)) throw new BridgeError('BRIDGE_UNKNOWN_EVENT', `No event ${String(name)}.`);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as AnyListener);
      // contextBridge may hand a different proxy for the same renderer function to a later
      // `off`, so the returned closure is the reliable way to unsubscribe.
      return () => off(name, listener);
    },
    off,
    deliver(name, payload) {
      if (!isEventName(name)) return;
      for (const l of [...(listeners.get(name) ?? [])]) l(payload);
    },
  };
}
