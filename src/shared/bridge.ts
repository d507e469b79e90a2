/**
 * The one object the window gets (as `window.station`), from the Electron preload or, in
 * `npm run serve`, from the browser bridge. The command contract fills it in.
 */
export interface StationBridge {
  readonly version: number;
}

export const BRIDGE_VERSION = 1;
