import { describe, expect, it } from 'vitest';
import type { HealthCheckConfig } from '../../../../../src/main/core/devices/health-checks';
import { healthCommands, runHealthChecks } from '../../../../../src/main/core/devices/health-checks';
import type { HealthCheckName, HealthCheckResult } from '../../../../../src/main/core/devices/device-types';
import { createFakeAdbPort } from '../../../../support/adb-fake-port';
import { readCapture } from './readers/corpus-table';

// The verdict rules on real captures: a check fails only where the output positively shows the
// bad state. Each case feeds the health checks one real dump (test/fixtures/android/) and asks
// about a package that dump shows in a known state.

const BASE: HealthCheckConfig = {
  appPackage: 'com.cashier.phone',
  appPort: 10010,
  alipayPackage: 'com.eg.android.AlipayGphone',
  checkBatteryWhitelist: true,
};

async function checks(outputs: Record<string, string>, config: Partial<HealthCheckConfig> = {}) {
  const adb = createFakeAdbPort();
  for (const [command, output] of Object.entries(outputs)) adb.shellOutputs.set(command, output);
  const run = await runHealthChecks(adb, 'S1', { ...BASE, ...config }, () => 7);
  const by = (name: HealthCheckName): HealthCheckResult => run.checks.find((c) => c.name === name)!;
  return { run, by };
}

describe('health-check verdicts on real captures', () => {
  it('runs each command once, and keeps every raw output for the device view', async () => {
    const power = readCapture('power/a12-rockchip-projector-perfreport.txt');
    const { run } = await checks({ 'dumpsys power': power });
    const commands = Object.values(healthCommands(BASE));
    expect(run.outputs.map((o) => o.command)).toEqual(commands);
    expect(run.outputs.find((o) => o.command === 'dumpsys power')).toEqual({
      command: 'dumpsys power',
      output: power,
      truncated: false,
      at: 7,
    });
  });

  it('a live listener of the package is ok on both notification checks, with its line as evidence', async () => {
    const dump = readCapture('notification/a7-360os-qiku-blog.txt');
    const { by } = await checks({ 'dumpsys notification': dump }, { appPackage: 'com.qihoo.cleandroid_cn' });
    expect(by('notification_access').status).toBe('ok');
    expect(by('notification_listener')).toMatchObject({ status: 'ok', command: 'dumpsys notification' });
    expect(by('notification_listener').evidence).toContain(
      'ComponentInfo{com.qihoo.cleandroid_cn/com.qihoo360.mobilesafe.notifymanage.NotifyBlockerService} (user 0)',
    );
  });

  it('enabled but not live (One UI 13, Android Auto) fails the listener, not the access', async () => {
    const dump = readCapture('notification/a13-oneui-samsung-qapathway.txt');
    const { by } = await checks(
      { 'dumpsys notification': dump },
      { appPackage: 'com.google.android.projection.gearhead' },
    );
    expect(by('notification_access').status).toBe('ok');
    expect(by('notification_listener')).toMatchObject({ status: 'fail' });
  });

  it('a package in neither block has no access (HyperOS, whose header has a "(user 0):" prefix)', async () => {
    const dump = readCapture('notification/a15-hyperos-xiaomi-cn-radiodroid.txt');
    const { by } = await checks({ 'dumpsys notification': dump });
    expect(by('notification_access')).toMatchObject({
      status: 'fail',
      detail: 'notification access is not granted to com.cashier.phone',
    });
  });

  it('a package-filtered dump lists fewer entries than it counts: absence there is only a warning', async () => {
    const dump = readCapture('notification/a10-google-emulator-kachi-approved-not-live.txt');
    const { by } = await checks({ 'dumpsys notification': dump });
    expect(by('notification_access').status).toBe('warn');
    expect(by('notification_listener')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/names 0 of/),
    });
  });

  it('Dozing is a screen that is off; a lock screen fails only where the dump shows it', async () => {
    const { by } = await checks({
      'dumpsys power': readCapture('power/a16-hyperos-fyrwx-audit-dozing.txt'),
      'dumpsys window': readCapture('window/a14-unknown-tachiyomi-report-policy.txt'),
    });
    expect(by('screen_awake')).toMatchObject({ status: 'fail', detail: 'the screen is off (dozing)' });
    expect(by('screen_unlocked')).toMatchObject({
      status: 'fail',
      evidence: expect.stringContaining('mIsShowing=true'),
    });
  });

  it('keyguard fields that disagree make a warning that names them, never a failure', async () => {
    const both =
      readCapture('window/a8-aosp-emulator-appium9228-locked.txt') +
      readCapture('window/a8-aosp-emulator-appium9228-unlocked.txt');
    const { by } = await checks({ 'dumpsys window': both });
    expect(by('screen_unlocked')).toMatchObject({
      status: 'warn',
      detail: 'the keyguard fields disagree: mDreamingLockscreen=true, mDreamingLockscreen=false',
    });
  });

  it('an unreadable /proc/net table cannot prove the port closed', async () => {
    const tcp = readCapture('proc-net-tcp/a14-emulator-x86_64-tcp-excerpt.txt');
    const denied = readCapture('proc-net-tcp/a17-pixel7-runas-tcp6-denied.txt');
    const one = await checks({ 'cat /proc/net/tcp /proc/net/tcp6': tcp + denied });
    expect(one.by('app_port_listening')).toMatchObject({
      status: 'warn',
      detail: 'only /proc/net/tcp could be read',
    });
    const six = readCapture('proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt');
    const both = await checks({ 'cat /proc/net/tcp /proc/net/tcp6': tcp + six });
    expect(both.by('app_port_listening').status).toBe('fail');
    const open = await checks({ 'cat /proc/net/tcp /proc/net/tcp6': tcp + six }, { appPort: 45697 });
    expect(open.by('app_port_listening').status).toBe('ok');
  });

  it('pm path: a package line is installed, no output is not installed, anything else a warning', async () => {
    const { by } = await checks({
      'pm path com.cashier.phone': readCapture('pm-path/a11-emulator-trainmore-split.txt'),
      'pm path com.eg.android.AlipayGphone': '',
    });
    expect(by('app_installed').status).toBe('ok');
    expect(by('alipay_installed')).toMatchObject({
      status: 'fail',
      detail: 'com.eg.android.AlipayGphone is not installed',
    });
    // mksh's answer where the program is missing (a real line; see the simulator's shell).
    const odd = await checks({
      'pm path com.cashier.phone': '/system/bin/sh: pm: inaccessible or not found\n',
    });
    expect(odd.by('app_installed')).toMatchObject({
      status: 'warn',
      detail: 'output not understood: no package:<path> line: /system/bin/sh: pm: inaccessible or not found',
    });
  });

  it('the battery whitelist reads the user block (MIUI app ids below 10000 included)', async () => {
    const list = readCapture('deviceidle/a16-hyperos-xiaomi13tpro-excerpt.txt');
    const yes = await checks(
      { 'dumpsys deviceidle whitelist': list },
      { appPackage: 'com.ankama.dofustouch' },
    );
    expect(yes.by('battery_whitelist').status).toBe('ok');
    const no = await checks({ 'dumpsys deviceidle whitelist': list });
    expect(no.by('battery_whitelist').status).toBe('fail');
  });
});
