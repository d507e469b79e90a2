import { spawn, spawnSync } from 'node:child_process';

/**
 * The command that opens a URL in the desktop's browser, or null when there is no desktop to
 * open it on (a server, a CI machine, an SSH session): the demo then prints the URL instead.
 */
export function browserOpener(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): { cmd: string; args: (url: string) => string[] } | null {
  if (platform === 'win32') return { cmd: 'cmd', args: (url) => ['/c', 'start', '""', url] };
  if (platform === 'darwin') return { cmd: 'open', args: (url) => [url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  const found = spawnSync('sh', ['-c', 'command -v xdg-open'], { stdio: 'ignore' });
  return found.status === 0 ? { cmd: 'xdg-open', args: (url) => [url] } : null;
}

/** Opens the URL; true when an opener was started. Never waits for the browser. */
export function openInBrowser(url: string): boolean {
  const opener = browserOpener();
  if (!opener) return false;
  const child = spawn(opener.cmd, opener.args(url), { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return true;
}
