#!/usr/bin/env node
// `npm run demo -- [options]`: the station with 3 simulated phones and a simulated backend.
// Prepares the station like `npm start` / `npm run serve` would (native module ABI, a fresh
// build unless --no-build), then runs src/demo/demo-main.ts, which starts and stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const demoArgs = args.filter((a) => a !== '--no-build');

function electronPath() {
  try {
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' ? p : null;
  } catch {
    return null;
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function run(cmd, cmdArgs) {
  // Output to stderr so stdout carries only the demo's own lines.
  const r = spawnSync(cmd, cmdArgs, { stdio: ['ignore', 2, 2], cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const help = demoArgs.includes('--help') || demoArgs.includes('-h');
// --fleet runs its stations in serve mode, under Node.
const electron =
  !help && !demoArgs.includes('--serve') && !demoArgs.includes('--fleet') && electronPath() !== null;
// The station's SQLite module must match the runtime that loads it: Electron or Node.
if (!help) run(process.execPath, [path.join(root, 'scripts/native-abi.mjs'), electron ? 'electron' : 'node']);

const entry = path.join(root, 'out/main/headless.js');
let built = existsSync(entry) && newestMtime(path.join(root, 'src')) <= statSync(entry).mtimeMs;
if (!help && !noBuild && !built) {
  console.error('demo: building the station and its window (once; a few seconds)…');
  run(path.join(root, 'node_modules/.bin/electron-vite'), ['build']);
  built = true;
}

const child = spawn(
  path.join(root, 'node_modules/.bin/vite-node'),
  [path.join(root, 'src/demo/demo-main.ts'), '--', ...demoArgs],
  {
    stdio: 'inherit',
    cwd: root,
    // A current build is what `npm run serve` runs; otherwise the station runs from source.
    env: { ...process.env, CASHIER_DEMO_STATION: built ? 'built' : 'source' },
  },
);
// Ctrl-C reaches the demo through the terminal as well; forwarding is for signals sent to us alone.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
