import type { Session, WebContents, WebPreferences } from 'electron';

/**
 * The window's Content-Security-Policy, sent as a header as well as the page's meta tag: only
 * the app's own scripts, no plugins, no frames, no form posts, no `<base>` tricks. Styles allow
 * inline because React sets `style` attributes; media allows `blob:`/`data:` for howler.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Permissions the window may have. Playing sound needs none; picking the output device
 * (`speaker-selection`, for `setSinkId`) is the one audio-related request we grant. Camera,
 * microphone, geolocation, notifications from the page and the rest are refused.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['speaker-selection']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** The station window's webPreferences: isolated, sandboxed, no Node, sound without a click. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // A new order must be announced even if nobody has clicked the window since it opened.
    autoplayPolicy: 'no-user-gesture-required',
    spellcheck: false,
  };
}

/**
 * Applies the CSP header and the permission policy to a session. The built page is loaded from
 * `file://`, which has no response headers: there the page's own meta CSP (the same policy,
 * minus `frame-ancestors`) is what applies, and the header covers anything fetched over HTTP.
 * In development (a dev server URL) the header is left out: Vite's client needs inline scripts
 * and a socket.
 */
export function hardenSession(session: Session, options: { cspHeader: boolean }): void {
  if (options.cspHeader) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        },
      });
    });
  }
  session.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  );
  session.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
}

/**
 * The window never leaves the app's page: navigation, `window.open` and `<webview>` are refused.
 * A link to the web is not opened either; the station has nothing the cashier should browse to.
 */
export function hardenWebContents(wc: WebContents): void {
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-navigate', (event) => event.preventDefault());
  wc.on('will-redirect', (event) => event.preventDefault());
  wc.on('will-attach-webview', (event) => event.preventDefault());
}
