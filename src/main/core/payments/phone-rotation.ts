import type { DeviceReason, DeviceService, DeviceSnapshot } from '../devices/device-types';
import type { Clock, TimerHandle } from '../util/clock';

/** What the engine is doing with one phone. Only `idle` phones take payments. */
export type PhoneMode =
  | { kind: 'idle' }
  | { kind: 'busy'; orderNo: string }
  /** Nothing reached the app (port closed?): wait a little before trying it again. */
  | { kind: 'cooldown'; until: number }
  | { kind: 'restarting'; round: 1 | 2 }
  | { kind: 'settling'; until: number }
  /** A restart failed (phone unplugged, adb down): it is tried again later. */
  | { kind: 'restart_failed'; retryAt: number };

export interface PhoneRotationOptions {
  devices: DeviceService;
  clock: Clock;
  /** Read at each wedge, so a settings change applies to the next one. */
  settle: () => { settleMs: number; secondRestart: boolean };
  /** Called whenever a phone may have become free. */
  onAvailable: () => void;
  /** @default 10000 */
  restartRetryMs?: number;
  onWedgeStep?: (serial: string, step: string, detail?: string) => void;
}

export interface PhoneRotation {
  /** The phone for a payment: the pinned one if it is free, else the least recently used free one. */
  pick(pinned: string | null): string | null;
  hasIdle(): boolean;
  markBusy(serial: string, orderNo: string): void;
  release(serial: string): void;
  cooldown(serial: string, ms: number): void;
  /** Restart the app, settle, restart again (DESIGN §2); the phone is out until all is done. */
  wedge(serial: string): void;
  mode(serial: string): PhoneMode;
  /** A phone (re)appeared: a restart that failed while it was away is tried at once. */
  deviceAdded(serial: string): void;
  stop(): void;
}

/** A phone the device manager can reach, whose only non-ready state (if any) is our own doing. */
function reachable(d: DeviceSnapshot | undefined): d is DeviceSnapshot & { localPort: number } {
  if (!d || d.localPort === null) return false;
  if (d.state === 'ready') return true;
  if (d.state === 'busy') return d.activity.kind === 'busy';
  if (d.state === 'needs-attention') return d.activity.kind === 'needs-attention';
  return false;
}

/** Text keys follow the device manager's: `device.reason.<name>.message` / `.hint` (device-texts.ts). */
const TEXT_NAMES = {
  SETTLING: 'settling',
  RESTARTING_APP: 'restartingApp',
  APP_RESTART_FAILED: 'appRestartFailed',
  APP_NOT_ANSWERING: 'appNotAnswering',
} as const;

const reason = (code: keyof typeof TEXT_NAMES, params?: Record<string, string | number>): DeviceReason => ({
  code,
  messageKey: `device.reason.${TEXT_NAMES[code]}.message`,
  hintKey: `device.reason.${TEXT_NAMES[code]}.hint`,
  ...(params ? { params } : {}),
});

export function createPhoneRotation(options: PhoneRotationOptions): PhoneRotation {
  const { devices, clock } = options;
  const retryMs = options.restartRetryMs ?? 10_000;
  const modes = new Map<string, PhoneMode>();
  const lastUsed = new Map<string, number>();
  const timers = new Map<string, TimerHandle>();
  let stopped = false;

  const mode = (serial: string): PhoneMode => modes.get(serial) ?? { kind: 'idle' };
  const step = (serial: string, s: string, detail?: string) => options.onWedgeStep?.(serial, s, detail);

  function setTimer(serial: string, ms: number, fn: () => void): void {
    const old = timers.get(serial);
    if (old) clock.clearTimeout(old);
    timers.set(
      serial,
      clock.setTimeout(() => {
        timers.delete(serial);
        if (!stopped) fn();
      }, ms),
    );
  }

  function becomeIdle(serial: string): void {
    modes.set(serial, { kind: 'idle' });
    devices.setPaymentActivity(serial, { kind: 'idle' });
    options.onAvailable();
  }

  async function restart(serial: string, round: 1 | 2): Promise<boolean> {
    modes.set(serial, { kind: 'restarting', round });
    devices.setPaymentActivity(serial, {
      kind: 'needs-attention',
      reason: reason('RESTARTING_APP', { round }),
      until: null,
    });
    step(serial, `restart-${round}`);
    try {
      await devices.restartApp(serial);
      return true;
    } catch (err) {
      if (stopped) return false;
      const retryAt = clock.now() + retryMs;
      modes.set(serial, { kind: 'restart_failed', retryAt });
      devices.setPaymentActivity(serial, {
        kind: 'needs-attention',
        reason: reason('APP_RESTART_FAILED', { detail: (err as Error).message }),
        until: retryAt,
      });
      step(serial, 'restart-failed', (err as Error).message);
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
    devices.setPaymentActivity(serial, {
      kind: 'needs-attention',
      reason: reason('SETTLING', { secondsLeft: Math.ceil(left / 1000) }),
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

  return {
    pick(pinned) {
      if (pinned !== null) {
        return mode(pinned).kind === 'idle' && reachable(devices.get(pinned)) ? pinned : null;
      }
      let best: string | null = null;
      let bestUsed = Infinity;
      for (const d of devices.list()) {
        if (mode(d.serial).kind !== 'idle' || !reachable(d)) continue;
        const used = lastUsed.get(d.serial) ?? -Infinity;
        if (used < bestUsed || (used === bestUsed && best !== null && d.serial < best)) {
          best = d.serial;
          bestUsed = used;
        }
      }
      return best;
    },
    hasIdle: () => devices.list().some((d) => mode(d.serial).kind === 'idle' && reachable(d)),
    markBusy(serial, orderNo) {
      modes.set(serial, { kind: 'busy', orderNo });
      lastUsed.set(serial, clock.now());
      devices.setPaymentActivity(serial, { kind: 'busy', orderNo, since: clock.now() });
    },
    release: (serial) => becomeIdle(serial),
    cooldown(serial, ms) {
      const until = clock.now() + ms;
      modes.set(serial, { kind: 'cooldown', until });
      devices.setPaymentActivity(serial, {
        kind: 'needs-attention',
        reason: reason('APP_NOT_ANSWERING'),
        until,
      });
      setTimer(serial, ms, () => becomeIdle(serial));
    },
    wedge(serial) {
      const t = timers.get(serial);
      if (t) clock.clearTimeout(t);
      timers.delete(serial);
      modes.set(serial, { kind: 'restarting', round: 1 });
      void runWedge(serial);
    },
    mode,
    deviceAdded(serial) {
      if (mode(serial).kind !== 'restart_failed') return;
      const t = timers.get(serial);
      if (t) clock.clearTimeout(t);
      timers.delete(serial);
      void runWedge(serial);
    },
    stop() {
      stopped = true;
      for (const t of timers.values()) clock.clearTimeout(t);
      timers.clear();
    },
  };
}
