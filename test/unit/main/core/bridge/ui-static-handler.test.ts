import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiStaticHandler, SESSION_COOKIE } from '../../../../../src/main/core/bridge/ui-static-handler';

describe('the UI page for serve', () => {
  const root = mkdtempSync(join(tmpdir(), 'ui-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<html>station</html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'nope');
  const token = 'T'.repeat(43);
  const server = createServer((req, res) => void createUiStaticHandler({ rootDir: root, token })(req, res));
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('serves only an error page without the token', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('station ui');
    expect(text).not.toContain('<html>station');
    expect((await fetch(`${base}/assets/app.js?token=wrong`)).status).toBe(403);
  });

  it('serves the page with the token and its assets with the cookie it sets', async () => {
    const page = await fetch(`${base}/?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<html>station</html>');
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${SESSION_COOKIE}=${token}`);
    expect(cookie).toContain('HttpOnly');
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('does not leave its folder', async () => {
    const res = await fetch(`${base}/..%2Foutside-secret.txt?token=${token}`);
    expect(res.status).toBe(404);
  });
});
