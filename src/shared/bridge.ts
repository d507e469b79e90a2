/**
 * The one object the window gets (as `window.station`). The contract in `./contract` defines it;
 * this module stays as the short import path.
 */
export type { StationBridge } from './contract/bridge-types';
export { BRIDGE_VERSION } from './contract/bridge-types';
