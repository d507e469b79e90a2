import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isPermissionAllowed,
  secureWebPreferences,
} from '../../../../src/main/electron/window-security';

// Only types come from electron here; the module under test must not need its runtime.
vi.mock('electron', () => ({}));

describe('window security', () => {
  it('builds isolated, sandboxed webPreferences without Node and with autoplay', () => {
    expect(secureWebPreferences('/p/index.js')).toMatchObject({
      preload: '/p/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('has a strict CSP: own scripts only, no objects, frames, forms or base', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"])
      expect(CONTENT_SECURITY_POLICY).toContain(d);
  });

  it('denies every permission except output-device selection for audio', () => {
    expect(isPermissionAllowed('speaker-selection')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'unknown'])
      expect(isPermissionAllowed(p)).toBe(false);
  });

  it('sets the CSP header and the permission handlers on the session', () => {
    let headers: ((d: unknown, cb: (r: unknown) => void) => void) | null = null;
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, p: string) => boolean) | null = null;
    const session = {
      webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
    };
    hardenSession(session as unknown as Session, { cspHeader: true });
    let answer: unknown;
    headers!({ responseHeaders: { 'X-A': ['1'] } }, (r) => (answer = r));
    expect(answer).toEqual({
      responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    const granted: boolean[] = [];
    request!({}, 'media', (ok) => granted.push(ok));
    request!({}, 'speaker-selection', (ok) => granted.push(ok));
    expect(granted).toEqual([false, true]);
    expect(check!({}, 'geolocation')).toBe(false);
  });

  it('leaves the header to the dev server in development', () => {
    const onHeadersReceived = vi.fn();
    hardenSession(
      {
        webRequest: { onHeadersReceived },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      } as unknown as Session,
      { cspHeader: false },
    );
    expect(onHeadersReceived).not.toHaveBeenCalled();
  });

  it('blocks window.open, navigation, redirects and webviews', () => {
    const listeners = new Map<string, (e: { preventDefault: () => void }) => void>();
    let openHandler: ((d: { url: string }) => unknown) | null = null;
    const wc = {
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (name: string, fn: (e: { preventDefault: () => void }) => void) => listeners.set(name, fn),
    };
    hardenWebContents(wc as unknown as WebContents);
    expect(openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners.get(name)!({ preventDefault });
      expect(preventDefault).toHaveBeenCalledOnce();
    }
  });
});
