import type { StationBridge } from '../../../shared/contract/bridge-types';
import { createWsBridge } from './ws-bridge';

/** The one door from the window to the station; views get it from `StationProvider`. */
export interface StationClient {
  bridge: StationBridge;
  transport: 'electron' | 'websocket';
  /** Only the WebSocket can drop and come back; Electron IPC is always there. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  isConnected(): boolean;
}

export class NoStationError extends Error {
  readonly code = 'NO_STATION';
  constructor() {
    super('This page was opened without its session token. Open the address the station printed at start.');
    this.name = 'NoStationError';
  }
}

/**
 * Electron's preload provides `window.station`; in a browser (`npm run serve`) the session token
 * in the page's URL opens the WebSocket bridge on the same host.
 */
export function createStationClient(win: Window): StationClient {
  if (win.station) {
    return {
      bridge: win.station,
      transport: 'electron',
      onConnectionChange: () => () => {},
      isConnected: () => true,
    };
  }
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) throw new NoStationError();
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  const bridge = createWsBridge({
    url: `${scheme}://${win.location.host}/station-ws?token=${encodeURIComponent(token)}`,
    createSocket: (url) => new WebSocket(url),
  });
  return {
    bridge,
    transport: 'websocket',
    onConnectionChange: (l) => bridge.onConnectionChange(l),
    isConnected: () => bridge.connected,
  };
}
