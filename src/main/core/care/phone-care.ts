import type { DeviceService, DeviceSnapshot } from '../devices/device-types';
import type { AuditRepository } from '../storage/audit-repository';
import type { Clock, TimerHandle } from '../util/clock';
import { createTypedEmitter } from '../util/typed-emitter';
import type { TypedEmitter } from '../util/typed-emitter';
import type { CareAction, CareEvent, CareResultKind, PhoneCare } from '../../../shared/domain/care';
import { NO_CARE, RECENT_CARE_EVENTS } from '../../../shared/domain/care';
import type { CareSettings } from '../../../shared/settings/care-settings';
import { careStop } from './care-stops';
import type { CareStop } from './care-stops';

/** What care needs of the payment engine: taking a phone out of rotation, and giving it back. */
export interface CareTender {
  /** False while the phone pays, restarts or settles: care waits, the engine's rules stay in charge. */
  tend(serial: string, action: CareAction): boolean;
  untend(serial: string): void;
  /** Called with a phone whenever the engine may have let go of it, so waiting care can run. */
  onReleased(listener: (serial: string) => void): () => void;
}

export interface PhoneCareOptions {
  devices: Pick<DeviceService, 'list' | 'get' | 'on' | 'care'>;
  tender: CareTender;
  /** Read at every decision, so a change in Settings applies at once. */
  settings: () => CareSettings;
  audit: Pick<AuditRepository, 'append' | 'recent'>;
  clock: Clock;
  onError: (err: unknown) => void;
  /** How often waiting and backed-off actions are looked at again. @default 1000 */
  tickMs?: number;
}

export interface PhoneCareEvents extends Record<string, unknown> {
  changed: { serial: string; care: PhoneCare };
}

export interface PhoneCareService extends TypedEmitter<PhoneCareEvents> {
  start(): void;
  stop(): Promise<void>;
  /** What care did for the phone and where it stopped, as the device view shows it. */
  view(serial: string): PhoneCare;
  /**
   * Runs `action` now, on the cashier's request (the one-click battery exemption, "try again").
   * It still waits for a free phone; resolves with how it went, or `busy` when the phone is not
   * free now.
   */
  runNow(serial: string, action: CareAction): Promise<CareResultKind | 'busy'>;
}

/** Waits after a failed action: 5 s, 30 s, 2 min; after the third failure in a row the station stops. */
export const CARE_BACKOFF_MS = [5_000, 30_000, 120_000] as const;
const REVIVAL_WINDOW_MS = 60 * 60 * 1000;
/** A rebooted phone that is not ready again by then is reported. */
const REBOOT_RETURN_MS = 5 * 60 * 1000;

interface PhoneState {
  recent: CareEvent[];
  /** When each revival ran, for the hourly limit and today's count. */
  revivals: number[];
  failures: Map<CareAction, { count: number; retryAt: number }>;
  stopped: CareStop | null;
  running: CareAction | null;
  /** The rebind command does not exist here: the listener is rebound by restarting the app. */
  rebindByRestart: boolean;
  reboot: { sentAt: number } | null;
  /** The local day (YYYY-MM-DD) of the last scheduled reboot. */
  rebootedOn: string | null;
}

const localDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
};

/** Local midnight before `ms`. */
function midnight(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Phone care: the station keeps its phones payable on its own. It watches each phone's
 * readiness, picks the one action that answers its reason (revive the app, rebind the listener,
 * wake the screen, dismiss a keyguard without a secure lock, exempt it from battery
 * optimisation), takes the phone from the engine for it, and records what it did.
 * A failed action backs off and then stops with a reason a person can act on; nothing loops.
 */
export function createPhoneCare(o: PhoneCareOptions): PhoneCareService {
  const { clock, devices } = o;
  const emitter = createTypedEmitter<PhoneCareEvents>();
  const phones = new Map<string, PhoneState>();
  const running = new Set<Promise<unknown>>();
  const unsubscribe: (() => void)[] = [];
  let timer: TimerHandle | null = null;
  let stopped = true;

  function state(serial: string): PhoneState {
    let s = phones.get(serial);
    if (!s) {
      s = {
        recent: [],
        revivals: [],
        failures: new Map(),
        stopped: null,
        running: null,
        rebindByRestart: false,
        reboot: null,
        rebootedOn: null,
      };
      phones.set(serial, s);
    }
    return s;
  }

  function view(serial: string): PhoneCare {
    const s = phones.get(serial);
    if (!s) return NO_CARE;
    const since = midnight(clock.now());
    const retry = [...s.failures.values()].map((f) => f.retryAt).filter((t) => t > clock.now());
    let shownStop: PhoneCare['stopped'] = null;
    if (s.stopped) {
      const { forReason: _forReason, ...shown } = s.stopped;
      shownStop = shown;
    }
    return {
      recent: s.recent,
      revivalsToday: s.revivals.filter((t) => t >= since).length,
      stopped: shownStop,
      retryAt: retry.length > 0 ? Math.min(...retry) : null,
    };
  }

  function changed(serial: string): void {
    emitter.emit('changed', { serial, care: view(serial) });
  }

  function record(
    serial: string,
    action: CareAction,
    result: CareResultKind,
    why: string,
    detail: string,
  ): void {
    const s = state(serial);
    const at = clock.now();
    s.recent = [{ action, result, why, detail, at }, ...s.recent].slice(0, RECENT_CARE_EVENTS);
    try {
      o.audit.append({
        at,
        actor: 'station',
        action: `care.${action}`,
        subject: `device:${serial}`,
        detail: { why, result, detail },
      });
    } catch (err) {
      // The audit log is the record of last resort; losing a line must not stop the care.
      o.onError(err);
    }
  }

  /** The action that answers the phone's state now, and why; null when there is nothing to do. */
  function plan(
    d: DeviceSnapshot,
    s: PhoneState,
    c: CareSettings,
  ): { action: CareAction; why: string } | null {
    const why = d.reason?.code ?? d.state;
    switch (d.reason?.code) {
      case 'APP_DOWN':
        return c.reviveApp ? { action: 'revive_app', why } : null;
      case 'NOTIFICATION_LISTENER_UNBOUND':
        if (!c.rebindListener) return null;
        return { action: s.rebindByRestart ? 'revive_app' : 'rebind_listener', why };
      case 'SCREEN_OFF':
        return c.keepAwake ? { action: 'keep_awake', why } : null;
      case 'SCREEN_LOCKED':
        return c.dismissKeyguard ? { action: 'dismiss_keyguard', why } : null;
    }
    if (d.state !== 'ready') return null;
    if (c.autoWhitelist && d.health.some((h) => h.name === 'battery_whitelist' && h.status === 'fail')) {
      return { action: 'whitelist', why: 'BATTERY_NOT_EXEMPT' };
    }
    if (c.scheduledReboot.enabled && s.reboot === null && rebootDue(s, c))
      return { action: 'reboot', why: 'schedule' };
    return null;
  }

  /** Today's reboot time has passed and this phone was not rebooted today. */
  function rebootDue(s: PhoneState, c: CareSettings): boolean {
    const now = clock.now();
    const [h, m] = c.scheduledReboot.at.split(':').map(Number);
    const at = midnight(now) + (h * 60 + m) * 60_000;
    // Only within the hour after the set time: a station started at noon does not reboot then.
    return now >= at && now < at + 60 * 60_000 && s.rebootedOn !== localDay(now);
  }

  /** Whether a stop still holds: it is about the phone's state, which may have moved on. */
  function stopHolds(s: PhoneState, d: DeviceSnapshot): boolean {
    if (!s.stopped) return false;
    if (d.reason?.code === s.stopped.forReason) return true;
    s.stopped = null;
    s.failures.clear();
    return false;
  }

  function consider(serial: string): void {
    if (stopped) return;
    const d = devices.get(serial);
    if (!d) return;
    const s = state(serial);
    if (s.running) return;
    if (s.reboot) {
      if (d.state === 'ready') {
        record(
          serial,
          'reboot',
          'done',
          'schedule',
          `back ready ${Math.round((clock.now() - s.reboot.sentAt) / 1000)} s after the reboot`,
        );
        s.reboot = null;
        changed(serial);
      } else if (clock.now() - s.reboot.sentAt > REBOOT_RETURN_MS) {
        record(
          serial,
          'reboot',
          'failed',
          'schedule',
          `not ready again ${REBOOT_RETURN_MS / 60_000} min after the reboot`,
        );
        s.reboot = null;
        changed(serial);
      }
      return;
    }
    const hadStop = s.stopped !== null;
    if (stopHolds(s, d)) return;
    if (hadStop) changed(serial);
    const c = o.settings();
    const next = plan(d, s, c);
    if (!next) return;
    const failure = s.failures.get(next.action);
    if (failure && clock.now() < failure.retryAt) return;
    if (next.action === 'revive_app') {
      const now = clock.now();
      s.revivals = s.revivals.filter((t) => now - t < 24 * REVIVAL_WINDOW_MS);
      const lastHour = s.revivals.filter((t) => now - t < REVIVAL_WINDOW_MS).length;
      if (lastHour >= c.reviveLimitPerHour) {
        stop(
          serial,
          careStop('APP_KEEPS_DYING', 'revive_app', d.reason?.code ?? null, now, { count: lastHour }),
        );
        return;
      }
    }
    if (!o.tender.tend(serial, next.action)) return;
    s.running = next.action;
    changed(serial);
    const run = act(serial, d, next.action, next.why).catch(o.onError);
    running.add(run);
    void run.finally(() => running.delete(run));
  }

  /** Stops an action until the phone's state moves on; recorded with `detail` when it comes from a run. */
  function stop(serial: string, why: CareStop, detail?: string): void {
    const s = state(serial);
    s.stopped = why;
    record(
      serial,
      why.action,
      why.code === 'UNSUPPORTED' ? 'unsupported' : 'needs_person',
      why.forReason ?? 'state',
      detail ?? why.code,
    );
    changed(serial);
  }

  async function act(serial: string, before: DeviceSnapshot, action: CareAction, why: string): Promise<void> {
    const s = state(serial);
    let result: CareResultKind = 'failed';
    let detail = '';
    try {
      if (action === 'revive_app') s.revivals.push(clock.now());
      const r = await devices.care(serial, action);
      result = r.result;
      detail = r.detail;
    } catch (err) {
      detail = (err as Error).message;
    }
    try {
      if (!stopped) settle(serial, before, action, why, result, detail);
    } finally {
      // Only now is the phone given back: giving it back looks at it again at once, which must
      // see this run's stop or backoff.
      s.running = null;
      o.tender.untend(serial);
    }
    if (stopped) return;
    changed(serial);
    // The next problem, if any (a revived app whose screen is off), at once.
    consider(serial);
  }

  /** Records how a run went, and stops or backs off where it did not work. */
  function settle(
    serial: string,
    before: DeviceSnapshot,
    action: CareAction,
    why: string,
    ran: CareResultKind,
    ranDetail: string,
  ): void {
    const s = state(serial);
    let result = ran;
    let detail = ranDetail;
    const after = devices.get(serial);
    if (action === 'reboot' && result === 'done') {
      s.reboot = { sentAt: clock.now() };
      s.rebootedOn = localDay(clock.now());
      record(serial, action, result, why, detail);
      return;
    }
    // Done means the problem is gone, not only that the command ran.
    if (result === 'done' && after && before.reason && after.reason?.code === before.reason.code) {
      result = 'failed';
      detail = `${detail ? `${detail}; ` : ''}the phone still shows ${before.reason.code}`;
    }
    const forReason = before.reason?.code ?? null;
    if (result === 'unsupported' && action === 'rebind_listener') {
      // Where the command does not exist, a fresh app process binds its listener again.
      record(serial, action, result, why, detail);
      s.rebindByRestart = true;
    } else if (result === 'unsupported') {
      stop(serial, careStop('UNSUPPORTED', action, forReason, clock.now(), { action }), detail);
    } else if (result === 'needs_person') {
      const code = action === 'dismiss_keyguard' ? 'SECURE_LOCK' : 'NEEDS_PERSON';
      stop(serial, careStop(code, action, forReason, clock.now()), detail);
    } else if (result === 'done') {
      record(serial, action, result, why, detail);
      s.failures.delete(action);
    } else {
      record(serial, action, result, why, detail);
      const f = s.failures.get(action) ?? { count: 0, retryAt: 0 };
      f.count++;
      if (f.count > CARE_BACKOFF_MS.length) {
        s.failures.delete(action);
        stop(serial, careStop('GAVE_UP', action, forReason, clock.now(), { action, count: f.count - 1 }));
      } else {
        f.retryAt = clock.now() + CARE_BACKOFF_MS[f.count - 1];
        s.failures.set(action, f);
      }
    }
  }

  function tick(): void {
    timer = null;
    if (stopped) return;
    for (const d of devices.list()) consider(d.serial);
    timer = clock.setTimeout(tick, o.tickMs ?? 1_000);
  }

  /** Revivals of the last day from the audit log, so the hourly limit and today's count survive a restart. */
  function loadHistory(): void {
    const since = clock.now() - 24 * REVIVAL_WINDOW_MS;
    for (const e of o.audit.recent(2_000).reverse()) {
      if (e.at < since || e.actor !== 'station' || !e.subject.startsWith('device:')) continue;
      if (!e.action.startsWith('care.')) continue;
      const serial = e.subject.slice('device:'.length);
      const action = e.action.slice('care.'.length) as CareAction;
      const s = state(serial);
      const detail = e.detail as { why?: string; result?: CareResultKind; detail?: string };
      if (action === 'revive_app' && detail.result !== 'needs_person') s.revivals.push(e.at);
      if (action === 'reboot') s.rebootedOn = localDay(e.at);
      s.recent = [
        {
          action,
          result: detail.result ?? 'failed',
          why: detail.why ?? '',
          detail: detail.detail ?? '',
          at: e.at,
        },
        ...s.recent,
      ].slice(0, RECENT_CARE_EVENTS);
    }
  }

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    start() {
      if (!stopped) return;
      stopped = false;
      loadHistory();
      unsubscribe.push(
        devices.on('added', (d) => consider(d.serial)),
        devices.on('changed', (d) => consider(d.serial)),
        devices.on('removed', (d) => {
          // Unplugged: what was stopped may be different once it is back.
          const s = phones.get(d.serial);
          if (s) {
            s.stopped = null;
            s.failures.clear();
            s.rebindByRestart = false;
          }
        }),
        o.tender.onReleased((serial) => consider(serial)),
      );
      timer = clock.setTimeout(tick, o.tickMs ?? 1_000);
    },
    async stop() {
      stopped = true;
      if (timer) clock.clearTimeout(timer);
      timer = null;
      for (const off of unsubscribe.splice(0)) off();
      await Promise.allSettled([...running]);
    },
    view,
    async runNow(serial, action) {
      const d = devices.get(serial);
      const s = state(serial);
      if (!d || s.running || !o.tender.tend(serial, action)) return 'busy';
      s.stopped = null;
      s.failures.delete(action);
      s.running = action;
      changed(serial);
      await act(serial, d, action, 'cashier');
      return s.recent[0]?.action === action ? s.recent[0].result : 'failed';
    },
  };
}
