import type { UpdateState } from '../../shared/contract/update-schemas';
import type { Clock, TimerHandle } from '../core/util/clock';

/** What the payment engine tells about itself; `Core['payments']` fits as is. */
export interface PaymentActivitySource {
  stats(): { queued: number; inFlight: number };
  phoneMode(serial: string): { kind: string };
}

/**
 * Phone modes that belong to a payment: paying, the quick check before one, and the restart and
 * settle that follow a payment that wedged the phone. A restart then would leave that payment's
 * phone half-recovered, so they count as a payment still going on.
 */
const PAYMENT_PHONE_MODES: ReadonlySet<string> = new Set(['busy', 'checking', 'restarting', 'settling']);

/** True while a payment is queued, in flight, or settling on one of `serials`' phones. */
export function paymentsBusy(payments: PaymentActivitySource, serials: readonly string[]): boolean {
  const { queued, inFlight } = payments.stats();
  if (queued > 0 || inFlight > 0) return true;
  return serials.some((serial) => PAYMENT_PHONE_MODES.has(payments.phoneMode(serial).kind));
}

export interface UpdatePolicyOptions {
  /** Whether a payment is queued, in flight or settling right now ({@link paymentsBusy}). */
  isBusy: () => boolean;
  /** Quits and installs (electron-updater's `quitAndInstall`); called once per downloaded update. */
  install: () => void;
  onChange: (state: UpdateState) => void;
  clock: Clock;
  /**
   * An update installs by itself only after this long without any payment activity, so that a
   * gap of a few seconds in a lunch rush does not become a restart. "Install now" skips it.
   * @default 120_000 (2 min)
   */
  quietMs?: number;
  /** How often a waiting update looks again; catches a settle that ends without an event. @default 5_000 */
  pollMs?: number;
  /**
   * After a payment or phone event the engine still counts the payment until its own bookkeeping
   * ends, so the next look waits this long.
   * @default 1_000
   */
  afterActivityMs?: number;
}

export interface UpdatePolicy {
  state(): UpdateState;
  /** electron-updater found a newer version and downloads it (`update-available`). */
  found(version: string): void;
  progress(percent: number): void;
  /** The download is complete and verified (`update-downloaded`): wait for an idle moment. */
  downloaded(version: string): void;
  /** A check found nothing newer: the status says when, and that it worked. */
  upToDate(): void;
  /**
   * A check, download or install failed (logged by the caller): the status keeps why, and a
   * download in progress is dropped; a ready update stays ready.
   */
  failed(reason: string): void;
  /** The cashier's "install now": at the first idle moment, never during a payment. */
  requestInstall(): UpdateState;
  /** A payment or a phone changed: whatever idle spell there was starts over. */
  activity(): void;
  stop(): void;
}

/**
 * When a downloaded update may restart the station. Plain logic over an injected clock and an
 * idle predicate, so it is tested without Electron; `updater.ts` feeds it electron-updater's events.
 */
export function createUpdatePolicy(options: UpdatePolicyOptions): UpdatePolicy {
  const { clock } = options;
  const quietMs = options.quietMs ?? 120_000;
  const pollMs = options.pollMs ?? 5_000;
  const afterActivityMs = options.afterActivityMs ?? 1_000;
  let state: UpdateState = {
    phase: 'idle',
    version: null,
    percent: null,
    installRequested: false,
    waitingForPayments: false,
    lastError: null,
    checkedAt: null,
  };
  let idleSince: number | null = null;
  let timer: TimerHandle | null = null;
  let stopped = false;

  const set = (patch: Partial<UpdateState>): void => {
    const next = { ...state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    options.onChange(state);
  };
  const lookIn = (ms: number): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = stopped ? null : clock.setTimeout(look, ms);
  };

  function look(): void {
    timer = null;
    if (state.phase !== 'ready' || stopped) return;
    const busy = options.isBusy();
    set({ waitingForPayments: busy });
    if (busy) {
      idleSince = null;
      lookIn(pollMs);
      return;
    }
    const now = clock.now();
    idleSince ??= now;
    const left = state.installRequested ? 0 : idleSince + quietMs - now;
    if (left > 0) {
      lookIn(Math.min(pollMs, left));
      return;
    }
    set({ phase: 'installing', waitingForPayments: false });
    options.install();
  }

  return {
    state: () => state,
    found(version) {
      if (state.phase === 'ready' || state.phase === 'installing') return;
      set({ phase: 'downloading', version, percent: 0, lastError: null, checkedAt: clock.now() });
    },
    progress(percent) {
      if (state.phase !== 'downloading') return;
      set({ percent: Math.max(0, Math.min(100, Math.round(percent))) });
    },
    downloaded(version) {
      if (state.phase === 'installing') return;
      set({ phase: 'ready', version, percent: null });
      idleSince = null;
      look();
    },
    upToDate() {
      set({ lastError: null, checkedAt: clock.now() });
    },
    failed(reason) {
      const problem = { lastError: reason, checkedAt: clock.now() };
      // A failed check or download keeps a ready update; a failed install drops it, so that it is
      // not retried in a loop (the next check downloads it again).
      if (state.phase === 'ready') {
        set(problem);
        return;
      }
      set({
        ...problem,
        phase: 'idle',
        version: null,
        percent: null,
        installRequested: false,
        waitingForPayments: false,
      });
    },
    requestInstall() {
      if (state.phase === 'ready') {
        set({ installRequested: true });
        look();
      }
      return state;
    },
    activity() {
      if (state.phase !== 'ready') return;
      idleSince = null;
      lookIn(afterActivityMs);
    },
    stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
