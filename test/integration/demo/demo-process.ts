import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// What the demo tests share: `npm run demo` as a child process (scripts/demo.mjs, as a newcomer
// runs it), and the checks that it left nothing behind.

const ROOT = path.resolve(__dirname, '../../..');

export interface DemoRun {
  code: number | null;
  out: string;
}

export function runDemo(args: string[], timeoutMs: number): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/demo.mjs'), ...args], {
      cwd: ROOT,
      // No desktop here: the demo must print the URL rather than try to open a browser.
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo did not finish within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line mentions `needle` (Linux /proc). */
export function processesMentioning(needle: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes(needle)) found.push(`${entry}: ${cmd}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** `name=N` from a summary line; 0 when absent. */
export function count(summary: string, name: string): number {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.]/g, '\\.')}=([0-9]+)`).exec(summary);
  return m ? Number(m[1]) : 0;
}
