import { contextBridge } from 'electron';
import type { StationBridge } from '../shared/bridge';
import { BRIDGE_VERSION } from '../shared/bridge';

// The typed bridge grows from the contract in src/shared; the renderer sees only window.station.
const station: StationBridge = { version: BRIDGE_VERSION };

contextBridge.exposeInMainWorld('station', station);
