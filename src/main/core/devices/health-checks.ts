import type { AdbPort } from '../adb/adb-port';
import type { HealthCheckName, HealthCheckResult } from './device-types';
import {
  parseBatteryWhitelisted,
  parseListenerBound,
  parseLocked,
  parsePmPath,
  parseProcNetListening,
  parseScreenOn,
} from './health-parsers';

export interface HealthCheckConfig {
  appPackage: string;
  appPort: number;
  alipayPackage: string;
  checkBatteryWhitelist: boolean;
}

/** Checks whose `fail` takes the phone out of rotation (the others are shown only). */
export const BLOCKING_CHECKS: readonly HealthCheckName[] = [
  'app_installed',
  'app_port_listening',
  'notification_listener',
  'alipay_installed',
  'screen_unlocked',
];

function result(
  name: HealthCheckName,
  verdict: boolean | null,
  at: number,
  failDetail: string,
): HealthCheckResult {
  if (verdict === null) return { name, status: 'warn', detail: 'output not understood', checkedAt: at };
  return verdict
    ? { name, status: 'ok', checkedAt: at }
    : { name, status: 'fail', detail: failDetail, checkedAt: at };
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
): Promise<HealthCheckResult[]> {
  const sh = (cmd: string) => adb.shell(serial, cmd);
  const [appPath, alipayPath, tcp, notif, power, window, whitelist] = await Promise.all([
    sh(`pm path ${config.appPackage}`),
    sh(`pm path ${config.alipayPackage}`),
    sh('cat /proc/net/tcp /proc/net/tcp6'),
    sh('dumpsys notification'),
    sh('dumpsys power'),
    sh('dumpsys window'),
    config.checkBatteryWhitelist ? sh('dumpsys deviceidle whitelist') : Promise.resolve(null),
  ]);
  const at = now();
  const installed = parsePmPath(appPath);
  const screenOn = parseScreenOn(power);
  const locked = parseLocked(window);
  // One known bad half is enough to fail; only then does an unreadable half make it a warning.
  const screenOk =
    screenOn === false || locked === true ? false : screenOn === null || locked === null ? null : true;
  const checks: HealthCheckResult[] = [
    result('app_installed', installed, at, `${config.appPackage} is not installed`),
    result(
      'app_port_listening',
      installed === false ? false : parseProcNetListening(tcp, config.appPort),
      at,
      `nothing listens on tcp:${config.appPort}`,
    ),
    result('notification_listener', parseListenerBound(notif, config.appPackage), at, 'listener not bound'),
    result('alipay_installed', parsePmPath(alipayPath), at, `${config.alipayPackage} is not installed`),
    result('screen_unlocked', screenOk, at, screenOn === false ? 'screen is off' : 'screen is locked'),
  ];
  if (whitelist !== null) {
    checks.push(
      result(
        'battery_whitelist',
        parseBatteryWhitelisted(whitelist, config.appPackage),
        at,
        'app is not exempt from battery optimisation',
      ),
    );
  }
  return checks;
}
