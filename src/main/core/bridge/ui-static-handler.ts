import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { tokenMatches } from './session-token';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export const SESSION_COOKIE = 'station_session';

export interface UiStaticHandlerOptions {
  /** The built renderer, e.g. `out/renderer`. */
  rootDir: string;
  token: string;
}

function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === SESSION_COOKIE && v) return v;
  }
  return null;
}

const ERROR_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>收银站 Cashier Station</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;color:#333">
<h1>需要会话令牌 · Session token required</h1>
<p>请使用收银站启动时打印的完整地址（以 <code>station ui</code> 开头的那一行）。</p>
<p>Open the full address the station printed at start (the line beginning with <code>station ui</code>).</p>
</body></html>`;

/**
 * Serves the built renderer for `npm run serve`, only to a browser that holds the session
 * token: in the URL (`?token=`) for the page, then in an HttpOnly SameSite cookie for the assets
 * the page loads. Anything else gets the error page and nothing of the UI.
 */
export function createUiStaticHandler(options: UiStaticHandlerOptions) {
  const root = resolve(options.rootDir);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://station.invalid');
    const queryOk = tokenMatches(options.token, url.searchParams.get('token'));
    if (!queryOk && !tokenMatches(options.token, cookieToken(req))) {
      res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(ERROR_PAGE);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = resolve(root, `.${relative}`);
    if (!file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      };
      if (queryOk)
        headers['set-cookie'] = `${SESSION_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  };
}
