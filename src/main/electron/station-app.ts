import path from 'node:path';
import type { ServeArgs } from '../core/config/serve-args';
import { coreOptionsFromFlags } from '../core/config/core-options-from-flags';
import type { BrowserWindow } from 'electron';
import { app, crashReporter, dialog, Notification, session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { EVENT_CHANNEL } from '../../shared/contract/bridge-types';
import type { DesktopSettings } from '../../shared/settings/desktop-settings';
import type { EventMessage } from '../../shared/contract/bridge-types';
import { subscribeBridgeEvents } from '../core/bridge/bridge-events';
import { createBridgeHandlers } from '../core/bridge/bridge-handlers';
import type { Core, CoreOptions } from '../core/create-core';
import { readLogTail } from '../core/logging/log-tail';
import type { Logger } from '../core/logging/rotating-log';
import { createRotatingLog } from '../core/logging/rotating-log';
import { resolveAppPaths } from './app-paths';
import { decideClose } from './close-policy';
import {
  crashDumpsDir,
  crashReporterOptions,
  followCrashUploadUrl,
  readCrashUploadUrl,
} from './crash-reports';
import { createDesktopFeed } from './desktop-feed';
import { registerIpcBridge } from './ipc-bridge';
import { createMainWindow } from './main-window';
import { createStationTray } from './station-tray';
import { createSystemPrinter } from './system-printer';
import { trayView } from './tray-view';
import { startDesktopUpdates } from './updater';
import { hardenSession } from './window-security';

export interface StationAppOptions {
  createCore: (options: CoreOptions) => Promise<Core>;
  /** The main bundle's folder (`__dirname` of out/main/index.js). */
  mainDir: string;
  /** electron-vite dev server, when running under `electron-vite dev`. @default none */
  rendererUrl?: string | null;
  /**
   * How long the tray's "mute" silences the announcer.
   * @default 1_800_000 (30 min)
   */
  muteMs?: number;
  /** @default Date.now */
  now?: () => number;
  /**
   * The station's flags from the command line (`--data-dir`, `--http-port`, `--adb-port`…, as
   * for `npm run serve`), already picked out of Electron's own arguments. @default none
   */
  stationArgs?: ServeArgs;
}

export interface StationApp {
  /** Resolves once the core stopped (forwards removed, database closed); then the app exits. */
  readonly stopped: Promise<void>;
}

/**
 * The Electron shell around the core: one instance, one window, a tray, OS notifications and a
 * clean stop. Returns null in a second instance, which only wakes the first one and quits.
 */
export function startStationApp(options: StationAppOptions): StationApp | null {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const now = options.now ?? Date.now;
  const muteMs = options.muteMs ?? 30 * 60_000;
  // Announcements must play without a click; the switch covers pages the webPreference misses.
  app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
  // Before any other process exists, so that the GPU and the window are watched too.
  const dumpsDir = crashDumpsDir(options.stationArgs?.dataDir ?? app.getPath('userData'));
  app.setPath('crashDumps', dumpsDir);
  crashReporter.start(crashReporterOptions(readCrashUploadUrl(dumpsDir)));

  let core: Core | null = null;
  let win: BrowserWindow | null = null;
  let log: Logger | null = null;
  let quitting = false;
  let cleanup: (() => void)[] = [];
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | null = null;

  const showWindow = (): void => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  // A second launch (a double click on the desktop shortcut) brings this window forward.
  app.on('second-instance', showWindow);
  // macOS: a click on the dock icon of a hidden station.
  app.on('activate', showWindow);

  const stop = (): Promise<void> => {
    if (!stopping) {
      stopping = (async () => {
        // A quit during start-up waits for the core to exist, so that it is stopped too.
        await booted.catch(() => undefined);
        for (const undo of cleanup.reverse()) {
          try {
            undo();
          } catch (err) {
            log?.error('shell', 'cleanup failed', err);
          }
        }
        cleanup = [];
        try {
          if (core) await core.stop();
          log?.info('shell', 'stopped: forwards removed, database closed');
        } catch (err) {
          log?.error('shell', 'stop failed', err);
        }
      })().finally(resolveStopped);
    }
    return stopping;
  };

  let stoppedForGood = false;
  /** Set by a quit for an update: starts the installer once the core has stopped. */
  let installAfterStop: (() => boolean) | null = null;
  const startInstaller = (install: () => boolean): boolean => {
    // An AppImage starts the new version before this one exits: it must get the lock, not quit.
    app.releaseSingleInstanceLock();
    if (install()) return true;
    log?.warn('updates', 'the installer did not start; starting this version again');
    app.relaunch();
    return false;
  };
  app.on('before-quit', (event) => {
    quitting = true;
    if (stoppedForGood) return;
    // Electron does not wait for promises: hold the quit until the core has stopped, then quit again.
    event.preventDefault();
    void stop().then(() => {
      stoppedForGood = true;
      // Once, even when two quits waited for the same stop; electron-updater then quits by itself.
      const install = installAfterStop;
      installAfterStop = null;
      if (install && startInstaller(install)) return;
      app.quit();
    });
  });
  // With "close to tray" the window hides rather than closes, so this means the cashier closed it.
  app.on('window-all-closed', () => app.quit());

  const booted = app.whenReady().then(async () => {
    const paths = resolveAppPaths({
      userData: app.getPath('userData'),
      mainDir: options.mainDir,
      isPackaged: app.isPackaged,
      processResources: process.resourcesPath,
    });
    const logger = createRotatingLog({ dir: paths.logsDir });
    log = logger;
    logger.info('shell', `starting ${app.getVersion()} in ${paths.userData}`);
    // Logged and survived: the station keeps serving phones rather than dying on one bad callback.
    const onProcessError = (err: unknown) => logger.error('main', 'uncaught', err);
    app.on('child-process-gone', (_event, details) =>
      logger.error('shell', `${details.type} process gone (${details.reason}, exit ${details.exitCode})`),
    );
    process.on('uncaughtException', onProcessError);
    process.on('unhandledRejection', onProcessError);
    // `kill`, a service manager or Ctrl+C in a terminal: the same clean stop as the tray's quit.
    const onSignal = () => app.quit();
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    cleanup.push(() => {
      process.off('uncaughtException', onProcessError);
      process.off('unhandledRejection', onProcessError);
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    });

    try {
      const flags = options.stationArgs;
      core = await options.createCore({
        ...(flags ? coreOptionsFromFlags(flags) : {}),
        dataDir: flags?.dataDir ?? paths.userData,
        resourcesPath: paths.resourcesPath,
        version: app.getVersion(),
        logError: (scope, err) => logger.error(scope, 'error', err),
        logs: { tail: (maxLines) => readLogTail(logger.file, maxLines) },
        // The core's print queue decides; this shell only renders and prints to OS printers.
        systemPrinter: createSystemPrinter(),
      });
    } catch (err) {
      logger.error('shell', 'could not open the station', err);
      dialog.showErrorBox(
        '收银站无法启动 Cashier Station cannot start',
        `${(err as Error).message}\n\nLog: ${logger.file}`,
      );
      app.exit(1);
      return;
    }
    const station = core;
    const prefs = (): DesktopSettings => station.settings.get().desktop;
    const applyLoginItem = (p: DesktopSettings): void => {
      // Only an installed app should register itself; a checkout would start a dev build at login.
      if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: p.startWithSystem });
    };
    applyLoginItem(prefs());
    cleanup.push(followCrashUploadUrl(dumpsDir, station.settings, logger));

    hardenSession(session.defaultSession, { cspHeader: !options.rendererUrl });
    const windows = () => (win && !win.isDestroyed() ? [win.webContents] : []);
    const sendToWindow = (message: EventMessage): void => {
      for (const wc of windows()) wc.send(EVENT_CHANNEL, message);
    };
    // Only an installed app updates itself; a checkout has no app-update.yml to update from.
    const updates = startDesktopUpdates({
      updater: app.isPackaged ? autoUpdater : null,
      feedUrl: prefs().updateUrl,
      station,
      log: logger,
      onChange: (state) => sendToWindow({ name: 'updates:changed', payload: state }),
      quitToInstall: (install) => {
        installAfterStop = install;
        app.quit();
      },
    });
    cleanup.push(() => updates.stop());
    cleanup.push(
      registerIpcBridge({
        handlers: { ...createBridgeHandlers(station.bridge), ...updates.handlers },
        subscribe: (sink) => subscribeBridgeEvents(station.bridge, sink),
        targets: windows,
      }),
    );

    const tray = createStationTray({
      onShow: showWindow,
      onToggleMute: () => {
        const until = feed.state().mutedUntil;
        setMute(until !== null && until > now() ? null : now() + muteMs);
      },
      onPrefs: (patch) => {
        applyLoginItem(station.settings.update({ desktop: patch }).desktop);
        renderTray();
      },
      onQuit: () => app.quit(),
    });
    cleanup.push(() => tray.destroy());
    let muteTimer: NodeJS.Timeout | null = null;
    const setMute = (mutedUntil: number | null): void => {
      if (muteTimer) clearTimeout(muteTimer);
      muteTimer = null;
      feed.setMutedUntil(mutedUntil);
      sendToWindow({ name: 'voice:mute', payload: { mutedUntil } });
      // The announcer ends the mute by itself; the tray is redrawn then so it stops saying "muted".
      if (mutedUntil !== null) {
        muteTimer = setTimeout(() => setMute(null), Math.max(0, mutedUntil - now()));
        muteTimer.unref();
      }
    };
    cleanup.push(() => {
      if (muteTimer) clearTimeout(muteTimer);
    });
    const renderTray = (): void => tray.render(trayView(feed.state(), now(), feed.language()), prefs());
    const feed = createDesktopFeed({
      language: station.settings.get().language,
      isWindowVisible: () => !!win && !win.isDestroyed() && win.isVisible() && !win.isMinimized(),
      isWindowFocused: () => !!win && !win.isDestroyed() && win.isFocused(),
      onChange: () => renderTray(),
      notify: (notice) => {
        if (!Notification.isSupported()) return;
        const n = new Notification({ title: notice.title, body: notice.body });
        n.on('click', showWindow);
        n.show();
      },
    });
    cleanup.push(subscribeBridgeEvents(station.bridge, (m) => feed.handle(m)));
    renderTray();

    win = createMainWindow({
      preloadPath: paths.preload,
      rendererUrl: options.rendererUrl ?? null,
      rendererFile: paths.rendererFile,
      iconPath: path.join(paths.iconsDir, 'icon.png'),
      log: logger,
      now,
    });
    win.on('focus', () => feed.markRead());
    // A reloaded page (after a crash) has a fresh announcer: tell it about a mute still running.
    win.webContents.on('did-finish-load', () => {
      const until = feed.state().mutedUntil;
      if (until !== null && until > now())
        sendToWindow({ name: 'voice:mute', payload: { mutedUntil: until } });
    });
    win.on('close', (event) => {
      if (decideClose({ quitting, closeToTray: prefs().closeToTray }) === 'hide') {
        event.preventDefault();
        win?.hide();
      }
    });

    try {
      const { apiUrl } = await station.start();
      logger.info('shell', `API listening on ${apiUrl}`);
      // The same line as serve's, for scripts (the demo) that start the desktop app.
      console.log(`station ready ${apiUrl}`);
    } catch (err) {
      // The window still opens: it shows the API as stopped, and Settings can change the port.
      logger.error('shell', 'could not start the API', err);
    }
  });

  return { stopped };
}
