import { EventEmitter } from 'node:events';
import type { UpdaterPort } from '../../../../src/main/electron/updater';

/**
 * electron-updater's `autoUpdater` as the shell sees it, following what electron-updater 6.8
 * does (node_modules/electron-updater/out/AppUpdater.js and BaseUpdater.js):
 * - `checkForUpdates` emits `update-available` (or `update-not-available`); a failed check emits
 *   `error` and then rejects with the same error; the result carries the download's promise,
 *   which rejects on its own when the download fails (after `error`);
 * - once downloaded, with `autoInstallOnAppQuit`, it installs on the app's `quit` event (exit
 *   code 0, and only if `quitAndInstall` was not called), silently and without running the app;
 * - `quitAndInstall` starts the installer, then quits the app on the next turn; without a
 *   downloaded update, or when the installer cannot start, it emits `error` and does not quit.
 */
export interface FakeUpdaterOptions {
  /** The app's `quit` event, as the library's `ElectronAppAdapter.onQuit` uses it. */
  onceQuit: (fn: (event: unknown, exitCode: number) => void) => void;
  quitApp: () => void;
}

export type FakeServer =
  { kind: 'down'; message: string } | { kind: 'none' } | { kind: 'update'; version: string };

export interface Install {
  via: 'quitAndInstall' | 'quit';
  silent: boolean;
  runAfter: boolean;
}

export class FakeUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: UpdaterPort['logger'] = null;
  readonly feeds: { provider: 'generic'; url: string }[] = [];
  readonly installs: Install[] = [];
  checks = 0;
  server: FakeServer = { kind: 'none' };
  /** The installer fails to start (say, the AppImage file cannot be replaced). */
  installerFails = false;
  private downloaded: string | null = null;
  private download: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private quitAndInstallCalled = false;
  private quitHandlerAdded = false;

  constructor(private readonly app: FakeUpdaterOptions) {
    super();
  }

  // The port's listener types, which the library's typed overloads also fit.
  override on(event: string, listener: (...args: never[]) => void): this {
    return super.on(event, listener as (...args: unknown[]) => void);
  }

  override removeListener(event: string, listener: (...args: never[]) => void): this {
    return super.removeListener(event, listener as (...args: unknown[]) => void);
  }

  setFeedURL(options: { provider: 'generic'; url: string }): void {
    this.feeds.push(options);
  }

  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null> {
    this.checks++;
    const server = this.server;
    if (server.kind === 'down') {
      const err = new Error(`${server.message}\n"method: GET url: http://updates.test/latest.yml"`);
      this.emit('error', err, err.stack);
      return Promise.reject(err);
    }
    if (server.kind === 'none') {
      this.emit('update-not-available', { version: '0.1.0' });
      return Promise.resolve({ downloadPromise: null });
    }
    this.emit('update-available', { version: server.version });
    const downloadPromise = new Promise<unknown>((resolve, reject) => {
      this.download = { resolve: () => resolve([`/cache/${server.version}.exe`]), reject };
    });
    return Promise.resolve({ downloadPromise });
  }

  /** The download started by the last check ends well. */
  finishDownload(): void {
    const version = this.server.kind === 'update' ? this.server.version : '?';
    this.emit('download-progress', { percent: 42.4 });
    this.emit('download-progress', { percent: 100 });
    this.downloaded = version;
    this.emit('update-downloaded', { version });
    this.addQuitHandler();
    this.download?.resolve();
    this.download = null;
  }

  /** The download started by the last check breaks off (the server went away). */
  failDownload(message: string): void {
    const err = new Error(message);
    this.emit('error', err, err.stack);
    this.download?.reject(err);
    this.download = null;
  }

  quitAndInstall(isSilent = false, isForceRunAfter = false): void {
    if (this.install('quitAndInstall', isSilent, isForceRunAfter)) setImmediate(() => this.app.quitApp());
    else this.quitAndInstallCalled = false;
  }

  private install(via: Install['via'], silent: boolean, runAfter: boolean): boolean {
    if (this.quitAndInstallCalled) return false;
    if (this.downloaded === null) {
      this.emit('error', new Error("No update filepath provided, can't quit and install"));
      return false;
    }
    this.quitAndInstallCalled = true;
    if (this.installerFails) {
      this.emit('error', new Error('APPIMAGE env is not defined'));
      return false;
    }
    this.installs.push({ via, silent, runAfter });
    return true;
  }

  private addQuitHandler(): void {
    if (this.quitHandlerAdded || !this.autoInstallOnAppQuit) return;
    this.quitHandlerAdded = true;
    this.app.onceQuit((_event, exitCode) => {
      if (this.quitAndInstallCalled || !this.autoInstallOnAppQuit || exitCode !== 0) return;
      this.install('quit', true, false);
    });
  }
}
