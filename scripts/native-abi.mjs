#!/usr/bin/env node
// Makes sure better-sqlite3 is built for the runtime about to use it.
//   node scripts/native-abi.mjs node       tests, bench, serve: plain Node
//   node scripts/native-abi.mjs electron   start, package: Electron's ABI
// The module is built for Node by `npm ci`. Only the Electron scripts rebuild it for Electron,
// and the next Node run rebuilds it back, so tests and the app never disagree silently.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const target = process.argv[2];
if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native-abi.mjs node|electron');
  process.exit(2);
}

function loadsUnderNode() {
  const r = spawnSync(
    process.execPath,
    ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"],
    {
      encoding: 'utf8',
    },
  );
  return { ok: r.status === 0, err: r.stderr };
}

function run(cmd, args, env = {}) {
  console.error(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (target === 'node') {
  const first = loadsUnderNode();
  if (first.ok) process.exit(0);
  console.error(
    'better-sqlite3 does not load under Node (probably built for Electron); rebuilding it for Node…',
  );
  run('npm', ['rebuild', 'better-sqlite3'], {
    npm_config_runtime: '',
    npm_config_target: '',
    npm_config_disturl: '',
  });
  const again = loadsUnderNode();
  if (!again.ok) {
    console.error(`better-sqlite3 still does not load under Node:\n${again.err}`);
    process.exit(1);
  }
} else {
  const electronVersion = require('electron/package.json').version;
  console.error(`Rebuilding better-sqlite3 for Electron ${electronVersion}…`);
  run('npm', ['rebuild', 'better-sqlite3'], {
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
    npm_config_nodedir: '',
  });
}
