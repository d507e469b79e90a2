import type { RenderProcessGoneDetails } from 'electron';
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/logging/rotating-log';
import { decideCrash } from './close-policy';
import { hardenWebContents, secureWebPreferences } from './window-security';

export interface MainWindowOptions {
  preloadPath: string;
  /** The dev server (electron-vite dev), or null for the built page. */
  rendererUrl: string | null;
  /** The built page, `out/renderer/index.html`. */
  rendererFile: string;
  /** Window icon (Linux and Windows taskbar). */
  iconPath?: string;
  log: Logger;
  /**
   * Crashes counted together when deciding whether to reload again.
   * @default 60_000
   */
  crashWindowMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/** The cashier's window: secure webPreferences, no navigation, reloaded when its renderer dies. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const now = options.now ?? Date.now;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: '收银站 Cashier Station',
    icon: options.iconPath,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());

  const load = (): void => {
    const loading = options.rendererUrl
      ? win.loadURL(options.rendererUrl)
      : win.loadFile(options.rendererFile);
    loading.catch((err: unknown) => options.log.error('window', 'could not load the page', err));
  };

  let crashes: number[] = [];
  win.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    const at = now();
    crashes = crashes.filter((t) => at - t < crashWindowMs);
    const decision = decideCrash(details.reason, crashes.length);
    crashes.push(at);
    options.log.error('window', `renderer gone (${details.reason}, exit ${details.exitCode}); ${decision}`);
    if (decision === 'reload' && !win.isDestroyed()) load();
  });
  win.webContents.on('unresponsive', () => options.log.warn('window', 'renderer unresponsive'));
  win.webContents.on('console-message', (details) => {
    if (details.level === 'error') options.log.warn('renderer', details.message);
  });

  load();
  return win;
}
