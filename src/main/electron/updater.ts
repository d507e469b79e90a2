import type { UpdateState } from '../../shared/contract/update-schemas';
import { UPDATES_OFF } from '../../shared/contract/update-schemas';
import type { BridgeHandlers } from '../core/bridge/bridge-handlers';
import type { Logger } from '../core/logging/rotating-log';
import type { Clock } from '../core/util/clock';
import { systemClock } from '../core/util/clock';
import type { PaymentActivitySource } from './update-policy';
import { createUpdatePolicy, paymentsBusy } from './update-policy';

/**
 * The part of electron-updater's `autoUpdater` the shell uses, so that its types stay here and
 * tests hand in a fake.
 */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  /** Its result carries the download's own promise, which rejects apart when the download fails. */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

/** Where the payment engine's activity comes from; `Core` fits as is. */
export interface UpdateActivitySource {
  payments: PaymentActivitySource & {
    on(event: 'updated', listener: () => void): () => void;
    phones: { on(event: 'changed', listener: () => void): () => void };
  };
  devices: { list(): readonly { serial: string }[] };
}

export interface DesktopUpdatesOptions {
  /** electron-updater's `autoUpdater`, or null where updates are off (a development build). */
  updater: UpdaterPort | null;
  /** The `desktop.updateUrl` setting; empty: the build's `publish` address (app-update.yml). */
  feedUrl: string;
  station: UpdateActivitySource;
  log: Logger;
  /** The window's banner learns every change (`updates:changed`). */
  onChange: (state: UpdateState) => void;
  /**
   * The shell's quit for an update: it stops the core (payments, forwards, database) first and
   * only then calls `install`, so that the installer never finds the station still stopping (the
   * NSIS installer kills an app that is still running after about a second). `install` returns
   * false when the installer could not start; the shell then starts this version again.
   */
  quitToInstall: (install: () => boolean) => void;
  /** @default systemClock */
  clock?: Clock;
  /** First check after the start, once the station serves its phones. @default 60_000 */
  firstCheckMs?: number;
  /** @default 14_400_000 (4 h) */
  checkEveryMs?: number;
  /** Passed to the policy: how long without payments before an update installs by itself. @default 120_000 */
  quietMs?: number;
}

export interface DesktopUpdates {
  state(): UpdateState;
  /** The bridge commands the core leaves to the shell. */
  handlers: Pick<BridgeHandlers, 'updates:get' | 'updates:installNow'>;
  stop(): void;
}

const SCOPE = 'updates';

/**
 * The first line of the library's message, short: its HTTP errors append the whole response
 * (headers, an HTML error page), which is not for the status line.
 */
export function failureReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split('\n', 1)[0]?.trim() || 'unknown error';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * electron-updater with the `generic` provider, wired so that it never restarts the station
 * during a payment: downloads run in the background, and the install waits for the policy
 * (`update-policy.ts`) or for the station's own quit (`autoInstallOnAppQuit`, which runs after
 * the core has stopped). A server that cannot be reached is a warning in the log, nothing more.
 */
export function startDesktopUpdates(options: DesktopUpdatesOptions): DesktopUpdates {
  const { log } = options;
  const updater = options.updater;
  if (updater === null) {
    return {
      state: () => UPDATES_OFF,
      handlers: { 'updates:get': () => UPDATES_OFF, 'updates:installNow': () => UPDATES_OFF },
      stop: () => {},
    };
  }
  const port: UpdaterPort = updater;
  const clock = options.clock ?? systemClock;
  const { payments, devices } = options.station;
  const policy = createUpdatePolicy({
    clock,
    quietMs: options.quietMs,
    isBusy: () =>
      paymentsBusy(
        payments,
        devices.list().map((d) => d.serial),
      ),
    onChange: options.onChange,
    install: () => {
      log.info(
        SCOPE,
        `installing ${policy.state().version ?? '?'}: no payment in flight, settling or queued; stopping the station first`,
      );
      options.quitToInstall(runInstaller);
    },
  });

  /** Silent, and the station starts again in the new version; false when it did not start. */
  function runInstaller(): boolean {
    // electron-updater reports a failed start through 'error', synchronously, and does not quit.
    let failed = false;
    const onError = (): void => void (failed = true);
    port.on('error', onError);
    try {
      port.quitAndInstall(true, true);
    } catch (err) {
      failed = true;
      log.warn(SCOPE, 'the installer could not start', err);
    } finally {
      port.removeListener('error', onError);
    }
    // The library would try again at the quit that follows, against the version started again.
    if (failed) port.autoInstallOnAppQuit = false;
    return !failed;
  }

  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  // The library's own errors are about the network or the server: warnings, never alarms.
  updater.logger = {
    info: (m) => log.info(SCOPE, String(m)),
    warn: (m) => log.warn(SCOPE, String(m)),
    error: (m) => log.warn(SCOPE, String(m)),
  };
  const url = options.feedUrl.trim();
  if (url) updater.setFeedURL({ provider: 'generic', url });

  const listeners: [string, (...args: never[]) => void][] = [
    ['update-available', (info: { version: string }) => policy.found(info.version)],
    ['update-not-available', () => policy.upToDate()],
    ['download-progress', (p: { percent: number }) => policy.progress(p.percent)],
    [
      'update-downloaded',
      (e: { version: string }) => {
        log.info(SCOPE, `${e.version} downloaded; it installs when no payment is going on, or at quit`);
        policy.downloaded(e.version);
      },
    ],
    ['error', (err: unknown) => reportFailure(err)],
  ];
  // The library emits 'error' and then rejects checkForUpdates with the same error: one warning.
  let reported: unknown = null;
  function reportFailure(err: unknown): void {
    if (err === reported) return;
    reported = err;
    const reason = failureReason(err);
    log.warn(SCOPE, `update failed (${reason}); the station keeps running and tries again at the next check`);
    policy.failed(reason);
  }
  for (const [event, fn] of listeners) updater.on(event, fn);
  const offs = [
    payments.on('updated', () => policy.activity()),
    payments.phones.on('changed', () => policy.activity()),
  ];

  let timer = clock.setTimeout(check, options.firstCheckMs ?? 60_000);
  function check(): void {
    timer = clock.setTimeout(check, options.checkEveryMs ?? 4 * 3_600_000);
    // Nothing to look for while one waits to install.
    if (policy.state().phase === 'ready' || policy.state().phase === 'installing') return;
    port
      .checkForUpdates()
      // The download's promise rejects on its own when the server goes away mid-download; the
      // 'error' event has said so already, and unhandled it would be logged as a crash.
      .then((result) => result?.downloadPromise?.catch(() => undefined))
      .catch(reportFailure);
  }

  return {
    state: () => policy.state(),
    handlers: {
      'updates:get': () => policy.state(),
      'updates:installNow': () => {
        log.info(SCOPE, 'install now asked: waiting for the first moment without payments');
        return policy.requestInstall();
      },
    },
    stop() {
      clock.clearTimeout(timer);
      policy.stop();
      for (const off of offs) off();
      for (const [event, fn] of listeners) port.removeListener(event, fn);
      // The install at quit runs after this stop; an 'error' nobody listens to would throw there.
      port.on('error', (err: unknown) =>
        log.warn(SCOPE, `the update could not be installed at quit (${failureReason(err)})`),
      );
    },
  };
}
