#!/usr/bin/env node
console.error(
  'npm run serve: the headless station (core + browser UI) arrives with the engine issue; it is not built yet.',
);
process.exit(1);
