export type { ApiStatus, BridgeCore, HistoryPort, SettingsPort, StatusPort } from './bridge-core';
export type { BridgeHandlers } from './bridge-handlers';
export { buildStationStatus, createBridgeHandlers } from './bridge-handlers';
export { createCommandDispatcher } from './command-dispatch';
export type { CommandDispatcher } from './command-dispatch';
export { subscribeBridgeEvents } from './bridge-events';
export { createSessionToken } from './session-token';
export { attachWsBridgeServer, WS_BRIDGE_PATH } from './ws-bridge-server';
export { createUiStaticHandler } from './ui-static-handler';
