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
  checkForUpdates(): Promise<unknown>;
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
        `installing ${policy.state().version ?? '?'}: no payment in flight, settling or queued`,
      );
      // Silent, and the station starts again in the new version.
      updater.quitAndInstall(true, true);
    },
  });

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
    ['download-progress', (p: { percent: number }) => policy.progress(p.percent)],
    [
      'update-downloaded',
      (e: { version: string }) => {
        log.info(SCOPE, `${e.version} downloaded; it installs when no payment is going on, or at quit`);
        policy.downloaded(e.version);
      },
    ],
    [
      'error',
      (err: Error) => {
        log.warn(SCOPE, `update failed (${err?.message ?? String(err)}); tried again at the next check`);
        policy.failed();
      },
    ],
  ];
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
    // The library reports a failed check through 'error' too; that listener's warning is enough.
    port.checkForUpdates().catch((err: unknown) => log.debug(SCOPE, 'check failed', err));
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
    },
  };
}
