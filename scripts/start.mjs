#!/usr/bin/env node
// `npm start`: build, then launch the Electron app. Where the Electron binary is not installed
// (it cannot be downloaded on every machine), say so and point at the browser mode.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let electronPath = null;
try {
  electronPath = require('electron');
} catch {
  electronPath = null;
}
if (typeof electronPath !== 'string') {
  console.error(
    [
      'Cashier Station: the Electron binary is not installed on this machine, so the desktop app cannot start.',
      '',
      '  Run the same station in your browser instead:   npm run serve',
      '',
      'To get the desktop app, install Electron where its download is reachable:',
      '  npm rebuild electron   (or remove ELECTRON_SKIP_BINARY_DOWNLOAD and run npm ci again)',
    ].join('\n'),
  );
  process.exit(1);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, ['scripts/native-abi.mjs', 'electron']);
run('npx', ['electron-vite', 'build']);
run('npx', ['electron-vite', 'preview']);
