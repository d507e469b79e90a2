import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The README and the docs name commands and files; each must exist, so a rename cannot leave a
// newcomer typing a command that is not there.

const ROOT = path.resolve(__dirname, '../../..');
const DOCS = [
  'README.md',
  'docs/API.md',
  'docs/ARCHITECTURE.md',
  'docs/PHONE-PROTOCOL.md',
  'docs/UI-BRIDGE.md',
  'docs/UPDATES.md',
];
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe.each(DOCS)('%s', (doc) => {
  const text = readFileSync(path.join(ROOT, doc), 'utf8');

  it('names only npm scripts that exist', () => {
    const named = [...text.matchAll(/npm run ([a-z][\w-]*(?::[\w-]+)*)/g)].map((m) => m[1]);
    for (const name of named) expect(scripts, `npm run ${name} in ${doc}`).toHaveProperty(name);
  });

  it('links only to files that exist', () => {
    const links = [...text.matchAll(/\]\(((?!https?:|#)[^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]);
    for (const link of links)
      expect(existsSync(path.resolve(ROOT, path.dirname(doc), link)), `${link} in ${doc}`).toBe(true);
  });
});

describe('README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  it('keeps the commands and both quick starts', () => {
    for (const cmd of ['npm start', 'npm run serve', 'npm run demo', 'npm test'])
      expect(readme).toContain(cmd);
    expect(readme).toMatch(/## Quick start for the cashier/);
    expect(readme).toMatch(/## Quick start for the backend developer/);
    expect(readme).toContain('STATION_API_KEY');
  });
});
