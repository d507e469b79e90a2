export type { ApiStatus, BridgeCore, HistoryPort, SettingsPort, StatusPort } from './bridge-core';
export type { BridgeHandlers } from './bridge-handlers';
export { buildStationStatus, createBridgeHandlers } from './bridge-handlers';
export { createCommandDispatcher } from './command-dispatch';
export type { CommandDispatcher } from './command-dispatch';
export { subscribeBridgeEvents } from './bridge-events';
export { createSessionToken } from './session-token';
export { attachWsBridgeServer, WS_BRIDGE_PATH } from './ws-bridge-server';
export { createUiStaticHandler } from './ui-static-handler';
export { startUiServer } from './ui-server';
export type { UiServer, UiServerOptions } from './ui-server';
export { createSettingsPort, DEFAULT_STATION_SETTINGS, STATION_SETTINGS_KEY } from './settings-port';
export type {
  CredentialsSource,
  EngineSettingsSource,
  KeyValueStore,
  SettingsPortOptions,
} from './settings-port';
export { createListHistoryPort } from './history-port';
export { createStatusTracker } from './status-tracker';
export type { StatusTracker } from './status-tracker';
