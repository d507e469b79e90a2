import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './station-bridge';

// The renderer sees exactly one object, window.station, and never ipcRenderer itself.
contextBridge.exposeInMainWorld('station', createPreloadBridge(ipcRenderer));
