import type { WebContents } from 'electron';
import { ipcMain } from 'electron';
import type { EventMessage } from '../../shared/contract/bridge-types';
import { commandChannel, EVENT_CHANNEL } from '../../shared/contract/bridge-types';
import { COMMAND_NAMES } from '../../shared/contract/commands';
import type { BridgeHandlers } from '../core/bridge/bridge-handlers';
import { createCommandDispatcher } from '../core/bridge/command-dispatch';

export interface IpcBridgeOptions {
  /** Every contract command; a missing one does not compile. */
  handlers: BridgeHandlers;
  /** Subscribes the event sink to the core (see `subscribeBridgeEvents`). */
  subscribe: (sink: (message: EventMessage) => void) => () => void;
  /** The windows that receive events (the station has one, but a reload makes a new one). */
  targets: () => WebContents[];
}

/**
 * Binds the contract to Electron IPC: one `ipcMain.handle` per command, each input validated by
 * the shared dispatcher, and core events sent to the window. Returns the function that undoes it.
 */
export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  const dispatch = createCommandDispatcher(options.handlers);
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event, rawInput: unknown) => {
      // Only the station's own window may command the station: a frame navigated elsewhere or
      // a stray webContents gets a refusal, not a handler.
      if (!options.targets().some((wc) => wc.id === event.sender.id)) {
        return {
          ok: false,
          error: { code: 'BRIDGE_FORBIDDEN_SENDER', message: 'This window may not use the station.' },
        };
      }
      return dispatch(name, rawInput);
    });
  }
  const unsubscribe = options.subscribe((message) => {
    for (const wc of options.targets()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
  };
}
