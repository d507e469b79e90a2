import type { DeviceService, DeviceSnapshot } from '../devices/device-types';
import type { CareAction } from '../../../shared/domain/care';
import type { Clock, TimerHandle } from '../util/clock';
import { createTypedEmitter } from '../util/typed-emitter';
import { activityReason } from './activity-reasons';
import type {
  PhoneActivity,
  PhoneActivityEvents,
  PhoneActivityReport,
  PhoneActivitySource,
} from './phone-activity';
import { IDLE_ACTIVITY } from './phone-activity';

/** What the engine is doing with one phone. Only `idle` phones take payments. */
export type PhoneMode =
  | { kind: 'idle' }
  | { kind: 'busy'; orderNo: string; since: number }
  /** Nothing reached the app (port closed?): wait a little before trying it again. */
  | { kind: 'cooldown'; until: number }
  | { kind: 'restarting'; round: 1 | 2 }
  | { kind: 'settling'; until: number }
  /** A restart failed (phone unplugged, adb down): it is tried again later. */
  | { kind: 'restart_failed'; retryAt: number }
  /** Phone care is running an action on it (reviving the app, waking the screen…). */
  | { kind: 'caring'; action: CareAction; since: number }
  /** The quick check before a payment is running. */
  | { kind: 'checking'; since: number };

export interface PhoneRotationOptions {
  devices: Pick<DeviceService, 'list' | 'get' | 'restartApp'>;
  clock: Clock;
  /** Read at each wedge, so a settings change applies to the next one. */
  settle: () => { settleMs: number; secondRestart: boolean };
  /**
   * Called whenever a phone may have become free: its mode went back to idle, or an idle phone
   * became ready. Never for the rotation's other changes, which can only take phones away.
   */
  onAvailable: () => void;
  /** @default 10000 */
  restartRetryMs?: number;
  onWedgeStep?: (serial: string, step: string, detail?: string) => void;
}

/**
 * The engine's side of each phone: its mode, decided here alone, and what that mode shows
 * (the {@link PhoneActivitySource} half). Eligibility is the device manager's raw readiness
 * plus an idle mode.
 */
export interface PhoneRotation extends PhoneActivitySource {
  /** The phone for a payment: the pinned one if it is free, else the least recently used free one. */
  pick(pinned: string | null): string | null;
  hasIdle(): boolean;
  markBusy(serial: string, orderNo: string): void;
  /** The payment ended; `verified` when it succeeded, which proves the app and its listener alive. */
  release(serial: string, verified?: boolean): void;
  /**
   * Takes an idle (or cooling down) phone for phone care; false when it is paying, restarting or
   * settling, whose own rules stay in charge. {@link untend} gives it back.
   */
  tend(serial: string, action: CareAction): boolean;
  untend(serial: string): void;
  /**
   * Whether a payment may go to the phone without a quick check first: one passed, or a payment
   * succeeded on it, within `freshMs`.
   */
  verifiedWithin(serial: string, freshMs: number): boolean;
  /** Takes an idle phone for its quick check; false when it is not idle. */
  startCheck(serial: string): boolean;
  /** The quick check ended: passed (the phone is free again) or failed (it cools down). */
  endCheck(serial: string, passed: boolean, cooldownMs: number): void;
  cooldown(serial: string, ms: number): void;
  /** Restart the app, settle, restart again; the phone is out until all is done. */
  wedge(serial: string): void;
  mode(serial: string): PhoneMode;
  /** A phone (re)appeared: a restart that failed while it was away is tried at once. */
  deviceAdded(device: DeviceSnapshot): void;
  /** The device manager's view of a phone changed; only becoming ready matters here. */
  deviceChanged(device: DeviceSnapshot): void;
  deviceRemoved(serial: string): void;
  stop(): void;
}

/** The device manager says the phone can take a payment: ready, with a forward to its app. */
export function isReady(d: DeviceSnapshot | undefined): d is DeviceSnapshot & { localPort: number } {
  return d !== undefined && d.state === 'ready' && d.localPort !== null;
}

export function createPhoneRotation(options: PhoneRotationOptions): PhoneRotation {
  const { devices, clock } = options;
  const retryMs = options.restartRetryMs ?? 10_000;
  const emitter = createTypedEmitter<PhoneActivityEvents>();
  const modes = new Map<string, PhoneMode>();
  const shown = new Map<string, PhoneActivityReport>();
  const lastUsed = new Map<string, number>();
  const verifiedAt = new Map<string, number>();
  const timers = new Map<string, TimerHandle>();
  /** Phones last reported ready, to tell a phone becoming ready from one that stays ready. */
  const readyNow = new Set<string>();
  let stopped = false;

  const mode = (serial: string): PhoneMode => modes.get(serial) ?? { kind: 'idle' };
  const step = (serial: string, s: string, detail?: string) => options.onWedgeStep?.(serial, s, detail);
  const free = (d: DeviceSnapshot | undefined): boolean =>
    !!d && mode(d.serial).kind === 'idle' && isReady(d);

  function show(serial: string, activity: PhoneActivity): void {
    const prev = shown.get(serial);
    if (prev && JSON.stringify(prev.activity) === JSON.stringify(activity)) return;
    const report = { serial, activity, at: clock.now() };
    shown.set(serial, report);
    emitter.emit('changed', report);
  }

  function enter(serial: string, next: PhoneMode, activity: PhoneActivity): void {
    modes.set(serial, next);
    show(serial, activity);
  }

  function clearTimer(serial: string): void {
    const t = timers.get(serial);
    if (t) clock.clearTimeout(t);
    timers.delete(serial);
  }

  function setTimer(serial: string, ms: number, fn: () => void): void {
    clearTimer(serial);
    timers.set(
      serial,
      clock.setTimeout(() => {
        timers.delete(serial);
        if (!stopped) fn();
      }, ms),
    );
  }

  function cooldown(serial: string, ms: number): void {
    const until = clock.now() + ms;
    enter(
      serial,
      { kind: 'cooldown', until },
      { kind: 'needs-attention', reason: activityReason('APP_NOT_ANSWERING'), until },
    );
    setTimer(serial, ms, () => becomeIdle(serial));
  }

  function becomeIdle(serial: string): void {
    enter(serial, { kind: 'idle' }, IDLE_ACTIVITY);
    options.onAvailable();
  }

  async function restart(serial: string, round: 1 | 2): Promise<boolean> {
    enter(
      serial,
      { kind: 'restarting', round },
      { kind: 'needs-attention', reason: activityReason('RESTARTING_APP', { round }), until: null },
    );
    step(serial, `restart-${round}`);
    try {
      await devices.restartApp(serial);
      return true;
    } catch (err) {
      if (stopped) return false;
      const retryAt = clock.now() + retryMs;
      const detail = (err as Error).message;
      enter(
        serial,
        { kind: 'restart_failed', retryAt },
        { kind: 'needs-attention', reason: activityReason('APP_RESTART_FAILED', { detail }), until: retryAt },
      );
      step(serial, 'restart-failed', detail);
      // Start over from the first restart: whatever happened meanwhile is as unsafe as a wedge.
      setTimer(serial, retryMs, () => void runWedge(serial));
      return false;
    }
  }

  function settleTick(serial: string, until: number): void {
    const left = until - clock.now();
    if (left <= 0) {
      void finishSettle(serial);
      return;
    }
    show(serial, {
      kind: 'needs-attention',
      reason: activityReason('SETTLING', { secondsLeft: Math.ceil(left / 1000) }),
      until,
    });
    // Refresh the "N s left" once a second; the last step lands exactly on `until`.
    setTimer(serial, Math.min(1000, left), () => settleTick(serial, until));
  }

  async function finishSettle(serial: string): Promise<void> {
    if (options.settle().secondRestart && !(await restart(serial, 2))) return;
    if (stopped) return;
    step(serial, 'ready');
    becomeIdle(serial);
  }

  async function runWedge(serial: string): Promise<void> {
    if (stopped) return;
    if (!(await restart(serial, 1)) || stopped) return;
    const { settleMs } = options.settle();
    const until = clock.now() + settleMs;
    modes.set(serial, { kind: 'settling', until });
    step(serial, 'settling');
    settleTick(serial, until);
  }

  function observe(d: DeviceSnapshot): void {
    const was = readyNow.has(d.serial);
    if (!isReady(d)) {
      readyNow.delete(d.serial);
      return;
    }
    readyNow.add(d.serial);
    // A full health read that found it ready checked all the quick check does (the port listens,
    // the listener is live), and more: it counts as a verification from when it was read.
    const readAt = d.health
      .filter((h) => h.name === 'app_port_listening' || h.name === 'notification_listener')
      .map((h) => h.checkedAt);
    if (readAt.length === 2) {
      const at = Math.min(...readAt);
      if (at > (verifiedAt.get(d.serial) ?? -Infinity)) verifiedAt.set(d.serial, at);
    }
    // A phone that stays ready (a health re-check, a new model name) frees nothing.
    if (!was && mode(d.serial).kind === 'idle') options.onAvailable();
  }

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    current: (serial) => shown.get(serial) ?? { serial, activity: IDLE_ACTIVITY, at: 0 },
    pick(pinned) {
      if (pinned !== null) return free(devices.get(pinned)) ? pinned : null;
      let best: string | null = null;
      let bestUsed = Infinity;
      for (const d of devices.list()) {
        if (!free(d)) continue;
        const used = lastUsed.get(d.serial) ?? -Infinity;
        if (used < bestUsed || (used === bestUsed && best !== null && d.serial < best)) {
          best = d.serial;
          bestUsed = used;
        }
      }
      return best;
    },
    hasIdle: () => devices.list().some(free),
    markBusy(serial, orderNo) {
      const since = clock.now();
      lastUsed.set(serial, since);
      enter(serial, { kind: 'busy', orderNo, since }, { kind: 'busy', orderNo, since });
    },
    release(serial, verified = false) {
      if (verified) verifiedAt.set(serial, clock.now());
      becomeIdle(serial);
    },
    tend(serial, action) {
      const kind = mode(serial).kind;
      if (kind !== 'idle' && kind !== 'cooldown') return false;
      clearTimer(serial);
      enter(
        serial,
        { kind: 'caring', action, since: clock.now() },
        { kind: 'needs-attention', reason: activityReason('CARING', { action }), until: null },
      );
      return true;
    },
    untend(serial) {
      if (mode(serial).kind === 'caring') becomeIdle(serial);
    },
    verifiedWithin(serial, freshMs) {
      const at = verifiedAt.get(serial);
      return at !== undefined && clock.now() - at <= freshMs;
    },
    startCheck(serial) {
      if (mode(serial).kind !== 'idle') return false;
      // Not shown: it lasts a shell call, and the window would only flicker.
      modes.set(serial, { kind: 'checking', since: clock.now() });
      return true;
    },
    endCheck(serial, passed, cooldownMs) {
      if (mode(serial).kind !== 'checking') return;
      if (!passed) {
        modes.set(serial, { kind: 'idle' });
        cooldown(serial, cooldownMs);
        return;
      }
      verifiedAt.set(serial, clock.now());
      modes.set(serial, { kind: 'idle' });
      options.onAvailable();
    },
    cooldown,
    wedge(serial) {
      clearTimer(serial);
      modes.set(serial, { kind: 'restarting', round: 1 });
      void runWedge(serial);
    },
    mode,
    deviceAdded(d) {
      observe(d);
      if (mode(d.serial).kind !== 'restart_failed') return;
      clearTimer(d.serial);
      void runWedge(d.serial);
    },
    deviceChanged: observe,
    deviceRemoved(serial) {
      readyNow.delete(serial);
      verifiedAt.delete(serial);
    },
    stop() {
      stopped = true;
      for (const t of timers.values()) clock.clearTimeout(t);
      timers.clear();
    },
  };
}
