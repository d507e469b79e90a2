import { parseServeArgs, pickStationFlags } from './core/config/serve-args';
import { createCore } from './core/create-core';
import { startStationApp } from './electron/station-app';

// Electron entry: everything with logic lives in the core (plain Node) and in the shell's small
// modules under ./electron, so that both are tested without an Electron binary.
startStationApp({
  createCore,
  mainDir: __dirname,
  rendererUrl: process.env['ELECTRON_RENDERER_URL'] ?? null,
  // A bad station flag stops the start with its message, as it does for serve.
  stationArgs: parseServeArgs(pickStationFlags(process.argv.slice(1))),
});
