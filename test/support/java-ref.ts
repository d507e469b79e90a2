import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const JAVA_DIR = path.join(__dirname, 'java');

/** Thrown (never skipped) when the JDK is missing: the conformance test must run against a real JVM. */
export class JdkMissingError extends Error {
  constructor(tool: string) {
    super(
      `${tool} not found on PATH. The frame codec conformance test needs a real JVM: ` +
        'install a JDK (Debian: apt-get install -y openjdk-17-jdk-headless) and run the tests again.',
    );
    this.name = 'JdkMissingError';
  }
}

function requireTool(tool: string): void {
  const r = spawnSync(tool, ['-version'], { stdio: 'ignore' });
  if (r.error) throw new JdkMissingError(tool);
}

/** Compiles `<dir>/<className>.java` once per content hash; returns the class path. */
export function compileJava(className: string, dir = JAVA_DIR): string {
  requireTool('javac');
  requireTool('java');
  const source = path.join(dir, `${className}.java`);
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const outDir = path.join(tmpdir(), `cashier-station-java-${className}-${hash}`);
  if (!existsSync(path.join(outDir, `${className}.class`))) {
    mkdirSync(outDir, { recursive: true });
    execFileSync('javac', ['-d', outDir, source], { stdio: 'pipe' });
  }
  return outDir;
}

/** Runs the Mutf8Ref helper over request lines in one JVM; returns one answer line per request. */
export function runMutf8Ref(requests: string[]): string[] {
  const cp = compileJava('Mutf8Ref');
  const r = spawnSync('java', ['-cp', cp, 'Mutf8Ref'], {
    input: requests.join('\n') + '\n',
    maxBuffer: 1 << 30,
    encoding: 'ascii',
  });
  if (r.status !== 0) throw new Error(`Mutf8Ref failed (${r.status}): ${r.stderr}`);
  const lines = r.stdout.split('\n').filter((l) => l.length > 0);
  if (lines.length !== requests.length) {
    throw new Error(`Mutf8Ref answered ${lines.length} lines for ${requests.length} requests`);
  }
  return lines;
}

export function utf16Hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

export function fromUtf16Hex(h: string): string {
  let out = '';
  for (let i = 0; i < h.length; i += 4) out += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
  return out;
}
