import type { AdbPort } from '../adb/adb-port';
import type { HealthCheckName, HealthCheckResult, ShellCapture } from './device-types';
import { readDeviceIdleWhitelist } from './readers/read-deviceidle-whitelist';
import { readKeyguard } from './readers/read-keyguard';
import { readNotificationListeners } from './readers/read-notification-listeners';
import { readPmPath } from './readers/read-pm-path';
import { readListeningPorts } from './readers/read-proc-net-tcp';
import { awakeness, readWakefulness } from './readers/read-wakefulness';
import type { Reading } from './readers/reading';
import { HEALTH_CHECK_NAMES } from '../../../shared/domain/device-state';

export interface HealthCheckConfig {
  appPackage: string;
  appPort: number;
  alipayPackage: string;
  checkBatteryWhitelist: boolean;
}

/**
 * Checks whose `fail` takes the phone out of rotation; the others are shown only. A check
 * fails only when its output positively shows the bad state: output a reader does not know
 * is `warn`, and `warn` never blocks.
 */
export const BLOCKING_CHECKS: readonly HealthCheckName[] = HEALTH_CHECK_NAMES.filter(
  (name) => name !== 'battery_whitelist',
);

/**
 * Every shell command the health checks run, by what it is for. The corpus test checks that
 * each has real captures under `test/fixtures/android/`.
 */
export function healthCommands(config: HealthCheckConfig) {
  return {
    appPath: `pm path ${config.appPackage}`,
    alipayPath: `pm path ${config.alipayPackage}`,
    tcp: 'cat /proc/net/tcp /proc/net/tcp6',
    notification: 'dumpsys notification',
    power: 'dumpsys power',
    window: 'dumpsys window',
    whitelist: 'dumpsys deviceidle whitelist',
  } as const;
}

/** Evidence goes out with every device event: the whole output is one click away instead. */
const MAX_EVIDENCE_CHARS = 2000;

/**
 * Raw outputs are kept for the device view; a dump larger than this keeps its beginning. A real
 * HyperOS `dumpsys notification` runs to 750,000 characters with its listener section near the
 * end (the corpus's captures give the offsets), so the limit is well above that.
 */
export const MAX_CAPTURE_CHARS = 1024 * 1024;

export interface HealthRun {
  checks: HealthCheckResult[];
  /** What each command printed, for the device view and for support. */
  outputs: ShellCapture[];
}

function ofPackage(component: string, pkg: string): boolean {
  return component.split('/')[0] === pkg;
}

/**
 * Runs every health check through adb shell. A shell that fails because the phone or the
 * server went away rejects (the probe is retried); output that cannot be read is `warn`.
 */
export async function runHealthChecks(
  adb: AdbPort,
  serial: string,
  config: HealthCheckConfig,
  now: () => number,
): Promise<HealthRun> {
  const cmd = healthCommands(config);
  const wanted = Object.entries(cmd).filter(([k]) => k !== 'whitelist' || config.checkBatteryWhitelist);
  const printed = await Promise.all(wanted.map(([, c]) => adb.shell(serial, c)));
  const at = now();
  const out = Object.fromEntries(wanted.map(([k], i) => [k, printed[i]])) as Record<keyof typeof cmd, string>;
  const outputs: ShellCapture[] = wanted.map(([, command], i) => ({
    command,
    output: printed[i].length > MAX_CAPTURE_CHARS ? printed[i].slice(0, MAX_CAPTURE_CHARS) : printed[i],
    truncated: printed[i].length > MAX_CAPTURE_CHARS,
    at,
  }));

  function check<T>(
    name: HealthCheckName,
    command: string,
    reading: Reading<T>,
    judge: (v: T) => { ok: true } | { ok: false; detail: string } | { ok: null; detail: string },
    focus?: (line: string) => boolean,
  ): HealthCheckResult {
    if (!reading.understood) {
      return {
        name,
        status: 'warn',
        detail: `output not understood: ${reading.why}`,
        command,
        checkedAt: at,
      };
    }
    const v = judge(reading.value);
    let evidence = focus ? reading.evidence.split('\n').filter(focus).join('\n') : reading.evidence;
    if (evidence.length > MAX_EVIDENCE_CHARS) evidence = `${evidence.slice(0, MAX_EVIDENCE_CHARS - 1)}…`;
    const base = { name, command, evidence, checkedAt: at };
    if (v.ok === true) return { ...base, status: 'ok' };
    return { ...base, status: v.ok === false ? 'fail' : 'warn', detail: v.detail };
  }

  const notInstalled = `is not installed`;
  const listeners = readNotificationListeners(out.notification);
  const mine = (components: readonly string[]) => components.some((c) => ofPackage(c, config.appPackage));
  const noAccess = `notification access is not granted to ${config.appPackage}`;
  // A listener block lists every app's listeners: show its header and the app's own lines.
  const headersAndMine = (line: string) =>
    / notification listeners \(\d+\)/.test(line) || line.includes(`{${config.appPackage}/`);
  const checks: HealthCheckResult[] = [
    check('app_installed', cmd.appPath, readPmPath(out.appPath), (v) =>
      v.installed ? { ok: true } : { ok: false, detail: `${config.appPackage} ${notInstalled}` },
    ),
    check('app_port_listening', cmd.tcp, readListeningPorts(out.tcp), (v) => {
      if (v.ports.includes(config.appPort)) return { ok: true };
      // Java's ServerSocket binds the IPv6 wildcard: with one table unread, absence proves nothing.
      if (v.tables.length < 2)
        return { ok: null, detail: `only /proc/net/${v.tables.join('')} could be read` };
      return { ok: false, detail: `nothing listens on tcp:${config.appPort}` };
    }),
    // From the dump, not `settings get secure enabled_notification_listeners`: from Android 12
    // the setting is written back only when shouldReflectToSettings() allows, so a granted
    // listener can be missing from it. A live listener was granted, whatever the block says.
    check(
      'notification_access',
      cmd.notification,
      listeners,
      (v) => {
        if (mine(v.live.components) || (v.enabled && mine(v.enabled.components))) return { ok: true };
        if (!v.enabled) return { ok: null, detail: 'the dump has no "enabled" block' };
        if (!v.enabled.complete) return { ok: null, detail: 'the "enabled" block is incomplete' };
        return { ok: false, detail: noAccess };
      },
      headersAndMine,
    ),
    check(
      'notification_listener',
      cmd.notification,
      listeners,
      (v) => {
        if (mine(v.live.components)) return { ok: true };
        if (!v.live.complete) {
          return {
            ok: null,
            detail: `the live list names ${v.live.components.length} of the listeners it counts`,
          };
        }
        return { ok: false, detail: `the listener of ${config.appPackage} is not live (bound)` };
      },
      headersAndMine,
    ),
    check('alipay_installed', cmd.alipayPath, readPmPath(out.alipayPath), (v) =>
      v.installed ? { ok: true } : { ok: false, detail: `${config.alipayPackage} ${notInstalled}` },
    ),
    check('screen_awake', cmd.power, readWakefulness(out.power), (v) => {
      const w = awakeness(v);
      if (w === 'awake') return { ok: true };
      // A screen saver shows over the unlocked screen; Alipay's activity ends it when it starts.
      if (w === 'dreaming') return { ok: null, detail: 'a screen saver (dream) is showing' };
      return { ok: false, detail: `the screen is off (${w})` };
    }),
    check('screen_unlocked', cmd.window, readKeyguard(out.window), (v) => {
      if (v.showing === false) return { ok: true };
      if (v.showing === true) return { ok: false, detail: 'the lock screen is showing' };
      const said = v.signals.map((x) => `${x.field}=${x.showing}`).join(', ');
      return { ok: null, detail: `the keyguard fields disagree: ${said}` };
    }),
  ];
  if (config.checkBatteryWhitelist) {
    checks.push(
      check('battery_whitelist', cmd.whitelist, readDeviceIdleWhitelist(out.whitelist), (v) =>
        v.entries.some((e) => e.pkg === config.appPackage)
          ? { ok: true }
          : { ok: false, detail: 'the app is not exempt from battery optimisation' },
      ),
    );
  }
  return { checks, outputs };
}

/** Splits the quick check's output: mksh's `echo` prints this line between the two commands. */
const QUICK_CHECK_MARK = '--cashier-station-quick-check--';

/**
 * The quick check before a payment, in one shell call: the listening sockets, then the
 * notification dump filtered to the app. `dumpsys notification p <pkg>` is DumpFilter's
 * package filter (`p`, `pkg` or `--package`, matching package names that contain it: the
 * services.jar of a OnePlus 6, DeadlyMelqn/op6-ambientplay@21e208b2:…/NotificationManagerService$DumpFilter.smali
 * L6457–6464, and the corpus's filtered Android 10 captures); it keeps the app's own lines and
 * drops the other apps' records, which make a full dump run to 750 KB on HyperOS.
 */
export function quickCheckCommand(config: HealthCheckConfig): string {
  return `cat /proc/net/tcp /proc/net/tcp6; echo ${QUICK_CHECK_MARK}; dumpsys notification p ${config.appPackage}`;
}

/**
 * Reads the quick check. It fails only on positive evidence, like the health checks: nothing
 * listens on the app's port in both tables, or the app's listener is missing from a live list
 * that was read (filtered to the app, every one of its live listeners is listed).
 */
export function readQuickCheck(
  output: string,
  config: HealthCheckConfig,
): { passed: boolean; detail: string } {
  const at = output.indexOf(`${QUICK_CHECK_MARK}\n`);
  if (at < 0) return { passed: true, detail: 'the output has no split line; not understood' };
  const ports = readListeningPorts(output.slice(0, at));
  const listeners = readNotificationListeners(output.slice(at + QUICK_CHECK_MARK.length + 1));
  const notes: string[] = [];
  if (ports.understood) {
    if (!ports.value.ports.includes(config.appPort) && ports.value.tables.length >= 2)
      return { passed: false, detail: `nothing listens on tcp:${config.appPort}` };
  } else notes.push(`ports: ${ports.why}`);
  if (listeners.understood) {
    if (!listeners.value.live.components.some((c) => ofPackage(c, config.appPackage)))
      return { passed: false, detail: `the listener of ${config.appPackage} is not live (bound)` };
  } else notes.push(`listener: ${listeners.why}`);
  return { passed: true, detail: notes.length > 0 ? `not understood: ${notes.join('; ')}` : 'ok' };
}
