import type { StationBridge } from '../shared/bridge';

declare global {
  interface Window {
    station?: StationBridge;
  }
}
