import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { BridgeError } from '../shared/contract/bridge-error';
import type { CommandEnvelope, EventMessage, StationBridge } from '../shared/contract/bridge-types';
import { BRIDGE_VERSION, commandChannel, EVENT_CHANNEL } from '../shared/contract/bridge-types';
import { createEventListeners } from '../shared/contract/event-listeners';
import type { CommandName } from '../shared/contract/names';
import { isCommandName } from '../shared/contract/names';

/**
 * Builds `window.station` over Electron IPC. Only contract names pass: an unknown command is
 * refused here, before any IPC, and only contract events reach listeners. The IPC layer carries
 * envelopes rather than thrown errors because Electron drops an error's `code` on the way.
 */
export function createPreloadBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): StationBridge {
  const events = createEventListeners();
  ipc.on(EVENT_CHANNEL, (_event: IpcRendererEvent, message: EventMessage) => {
    if (message) events.deliver(message.name, message.payload);
  });

  return {
    version: BRIDGE_VERSION,
    async invoke(name, input) {
      if (!isCommandName(name))
        throw new BridgeError('BRIDGE_UNKNOWN_COMMAND', `No command ${String(name)}.`);
      const envelope = (await ipc.invoke(commandChannel(name as CommandName), input)) as CommandEnvelope;
      if (envelope.ok) return envelope.value as never;
      throw new BridgeError(envelope.error.code, envelope.error.message, envelope.error.issues);
    },
    on: events.on,
    off: events.off,
  };
}
