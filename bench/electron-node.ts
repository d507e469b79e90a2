import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The Node line that `npm start` and the installers run the station on. Electron embeds its own
 * Node, and Electron's binary cannot be downloaded here, so the bench runs the same code under a
 * plain Node of that line instead. Electron 40 ships Node 24.11.1 (electronjs.org/blog/electron-40-0,
 * "Stack Changes") and Electron 42 ships 24.15.0 (desktop/desktop#22104); the exact patch release in
 * Electron 41 could not be confirmed here, so the line's first release in Electron is used.
 */
export const ELECTRON_NODE_VERSION = '24.11.1';

/** Where fetched runtimes are kept between runs (git-ignored). */
const CACHE = path.join(__dirname, '..', '.cache', 'runtimes');

export type RuntimeLookup = { node: string; version: string } | { skipped: string };

/**
 * A Node binary of Electron's line: `BENCH_NODE` when set (a path, or `off` to skip), else
 * Node's own build published on the npm registry as `node-<os>-<arch>` (what the `node` package
 * installs), fetched once with `npm pack` into `.cache/runtimes/`. npm checks the tarball against
 * the registry's integrity hash.
 */
export function electronLineNode(): RuntimeLookup {
  const override = process.env.BENCH_NODE;
  if (override === 'off') return { skipped: 'BENCH_NODE=off' };
  if (override !== undefined && override !== '') return probe(override);

  const os = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${os}-${process.arch}`;
  const dir = path.join(CACHE, `${pkg}-${ELECTRON_NODE_VERSION}`);
  const binary = path.join(dir, 'package', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    console.log(
      `fetching ${pkg}@${ELECTRON_NODE_VERSION} from the npm registry into ${path.relative(process.cwd(), dir)} …`,
    );
    const packed = spawnSync('npm', ['pack', `${pkg}@${ELECTRON_NODE_VERSION}`, '--loglevel=error'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 300_000,
      shell: process.platform === 'win32', // npm is npm.cmd there
    });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (packed.status !== 0 || tarball === undefined) {
      rmSync(dir, { recursive: true, force: true });
      // npm's first error line says why (no such version, no network); the rest points at its log.
      const why =
        (packed.stderr ?? '')
          .split('\n')
          .find((l) => l.startsWith('npm error ') && !/^npm error (code |A complete log)/.test(l)) ??
        packed.error?.message ??
        `npm exited ${packed.status}`;
      return { skipped: `could not fetch ${pkg}@${ELECTRON_NODE_VERSION}: ${why.trim()}` };
    }
    const unpacked = spawnSync('tar', ['xzf', tarball], { cwd: dir, encoding: 'utf8' });
    rmSync(path.join(dir, tarball), { force: true });
    if (unpacked.status !== 0 || !existsSync(binary)) {
      rmSync(dir, { recursive: true, force: true });
      return {
        skipped: `could not unpack ${tarball}: ${(unpacked.stderr ?? '').trim() || 'no bin/node inside'}`,
      };
    }
  }
  return probe(binary);
}

/** The binary's own `--version`, so the table names what really ran. */
function probe(node: string): RuntimeLookup {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0)
    return { skipped: `${node} --version failed: ${(r.stderr || r.error?.message || '').trim()}` };
  return { node, version: r.stdout.trim() };
}
