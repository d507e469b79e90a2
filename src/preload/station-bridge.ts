import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { BridgeError } from '../shared/contract/bridge-error';
import type {
  CommandEnvelope,
  EventListener,
  EventMessage,
  StationBridge,
} from '../shared/contract/bridge-types';
import { BRIDGE_VERSION, commandChannel, EVENT_CHANNEL } from '../shared/contract/bridge-types';
import type { CommandName, EventName } from '../shared/contract/names';
import { isCommandName, isEventName } from '../shared/contract/names';

type AnyListener = (payload: unknown) => void;

/**
 * Builds `window.station` over Electron IPC. Only contract names pass: an unknown command is
 * refused here, before any IPC, and only contract events reach listeners. The IPC layer carries
 * envelopes rather than thrown errors because Electron drops an error's `code` on the way.
 */
export function createPreloadBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): StationBridge {
  const listeners = new Map<EventName, Set<AnyListener>>();

  ipc.on(EVENT_CHANNEL, (_event: IpcRendererEvent, message: EventMessage) => {
    if (!message || !isEventName(message.name)) return;
    for (const l of [...(listeners.get(message.name) ?? [])]) l(message.payload);
  });

  const off = <E extends EventName>(name: E, listener: EventListener<E>): void => {
    listeners.get(name)?.delete(listener as AnyListener);
  };

  return {
    version: BRIDGE_VERSION,
    async invoke(name, input) {
      if (!isCommandName(name))
        throw new BridgeError('BRIDGE_UNKNOWN_COMMAND', `No command ${String(name)}.`);
      const envelope = (await ipc.invoke(commandChannel(name as CommandName), input)) as CommandEnvelope;
      if (envelope.ok) return envelope.value as never;
      throw new BridgeError(envelope.error.code, envelope.error.message, envelope.error.issues);
    },
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
  };
}
