import { describe, expect, it } from 'vitest';
import { readAmStart } from '../../../../src/main/core/devices/readers/read-am-start';
import { readDeviceIdleWhitelist } from '../../../../src/main/core/devices/readers/read-deviceidle-whitelist';
import { readGetprop } from '../../../../src/main/core/devices/readers/read-getprop';
import { readKeyguard } from '../../../../src/main/core/devices/readers/read-keyguard';
import { readNotificationListeners } from '../../../../src/main/core/devices/readers/read-notification-listeners';
import { readPmPath } from '../../../../src/main/core/devices/readers/read-pm-path';
import { readListeningPorts } from '../../../../src/main/core/devices/readers/read-proc-net-tcp';
import { readWakefulness } from '../../../../src/main/core/devices/readers/read-wakefulness';
import { capture } from '../../../../src/sim/adb-device/profiles/capture-store';
import type { DeviceProfile } from '../../../../src/sim/adb-device/profiles/device-profiles';
import { DEVICE_PROFILES, deviceProfile } from '../../../../src/sim/adb-device/profiles/device-profiles';
import { runShellCommand } from '../../../../src/sim/adb-device/shell-services';
import { createSimulatedPhone } from '../../../../src/sim/adb-device/simulated-phone';
import { readCorpusTable } from '../../main/core/devices/readers/corpus-table';

const APP = 'com.cashier.phone';
const OUR_COMPONENT = `${APP}/${APP}.PayNotificationListener`;

function phone(profile: DeviceProfile) {
  // Never listened on: only its shell is used.
  const { app, state } = createSimulatedPhone({ profile });
  const sh = (line: string) => runShellCommand(line, state, app);
  return { app, state, sh };
}

/** The lines of `capture` appear in `output` in order, except headers whose count changed. */
function keepsCapture(captured: string, output: string): void {
  const out = output.split('\n');
  let i = 0;
  for (const line of captured.split('\n')) {
    const counted = line.replace(/\(\d+\)/, '(N)');
    while (i < out.length && out[i] !== line && out[i].replace(/\(\d+\)/, '(N)') !== counted) i++;
    expect(i, `captured line missing: ${line}`).toBeLessThan(out.length);
    i++;
  }
}

const corpus = new Set(readCorpusTable().map((r) => r.file));

describe.each(DEVICE_PROFILES.map((p) => [p.id, p] as const))('device profile %s', (_id, profile) => {
  it('answers only from files of the corpus', () => {
    for (const file of Object.values(profile.captures)) expect(corpus.has(file), file).toBe(true);
  });

  it('its dumps read as the state the profile starts in', () => {
    const { sh } = phone(profile);
    const n = readNotificationListeners(sh('dumpsys notification'));
    expect(n.understood).toBe(true);
    if (!n.understood) return;
    expect(n.value.enabled?.components).toContain(OUR_COMPONENT);
    expect(n.value.live.components.includes(OUR_COMPONENT)).toBe(profile.starts.listenerLive);
    const k = readKeyguard(sh('dumpsys window'));
    expect(k.understood && k.value.showing).toBe(profile.starts.locked);
    const w = readWakefulness(sh('dumpsys power'));
    expect(w.understood && w.value.wakefulness).toBe(
      profile.starts.screenOn ? 'awake' : profile.screenOffWakefulness.toLowerCase(),
    );
    const t = readListeningPorts(sh('cat /proc/net/tcp /proc/net/tcp6'));
    expect(t.understood && t.value.ports).toContain(10010);
    expect(t.understood && t.value.tables).toEqual(['tcp', 'tcp6']);
    const d = readDeviceIdleWhitelist(sh('dumpsys deviceidle whitelist'));
    expect(d.understood && d.value.entries.filter((e) => e.tier === 'user').map((e) => e.pkg)).toContain(APP);
    expect(readPmPath(sh(`pm path ${APP}`))).toMatchObject({ understood: true, value: { installed: true } });
    expect(readPmPath(sh('pm path com.not.there'))).toMatchObject({
      understood: true,
      value: { installed: false },
    });
  });

  it('keeps every captured line, adding only our app in the capture’s own shape', () => {
    const { sh, state } = phone(profile);
    const dump = sh('dumpsys notification');
    keepsCapture(capture(profile.captures.notification), dump);
    const ours = dump.split('\n').filter((l) => l.includes(APP));
    const itemIndent = /^(\s*)ComponentInfo\{/.exec(
      capture(profile.captures.notification)
        .split('\n')
        .find((l) => /^\s+ComponentInfo\{/.test(l)) ?? '      ComponentInfo{',
    )![1];
    expect(ours[0]).toBe(`${itemIndent}ComponentInfo{${OUR_COMPONENT}}`);
    if (profile.starts.listenerLive) {
      expect(ours[1]).toBe(
        `${itemIndent}ComponentInfo{${OUR_COMPONENT}} (user 0): android.service.notification.INotificationListener$Stub$Proxy@${state.listenerBinderHash}`,
      );
    }
    keepsCapture(capture(profile.captures.deviceidle).trimEnd(), sh('dumpsys deviceidle whitelist'));
    expect(sh('getprop')).toBe(capture(profile.captures.getprop));
    expect(readGetprop(sh('getprop')).understood).toBe(true);
  });

  it('follows the phone: lock, screen, listener and app', () => {
    const { state, sh, app } = phone(profile);
    for (const locked of [true, false]) {
      state.locked = locked;
      const k = readKeyguard(sh('dumpsys window'));
      expect(k.understood && k.value.showing).toBe(locked);
    }
    state.screenOn = false;
    expect(readWakefulness(sh('dumpsys power'))).toMatchObject({
      value: { wakefulness: profile.screenOffWakefulness.toLowerCase() },
    });
    state.listenerBound = false;
    const n = readNotificationListeners(sh('dumpsys notification'));
    expect(n.understood && n.value.live.components).not.toContain(OUR_COMPONENT);
    app.stopApp();
    const t = readListeningPorts(sh('cat /proc/net/tcp /proc/net/tcp6'));
    expect(t.understood && t.value.ports).not.toContain(10010);
    expect(readAmStart(sh(`am start -n ${APP}/.MainActivity`))).toMatchObject({ value: { kind: 'started' } });
    expect(readAmStart(sh(`am start -n ${APP}/.MainActivity`))).toMatchObject({
      value: { kind: 'brought-to-front' },
    });
  });
});

describe('simulated shell answers', () => {
  const profile = deviceProfile('android11-miui');

  it('am force-stop prints exactly what the captured phone printed: nothing', () => {
    const { sh, app } = phone(profile);
    expect(sh(`am force-stop ${APP}`)).toBe(capture('am-force-stop/a17-emulator-rover-forcestop-empty.txt'));
    expect(app.running).toBe(false);
  });

  it('an activity that does not exist, and a URI nothing handles, answer as the captures do', () => {
    const { sh, state } = phone(profile);
    expect(readAmStart(sh('am start -n com.gone/.Main'))).toMatchObject({
      value: { kind: 'error', message: 'Error: Activity class {com.gone/com.gone.Main} does not exist.' },
    });
    state.packages.delete('com.eg.android.AlipayGphone');
    const r = readAmStart(
      sh("am start -a android.intent.action.VIEW -d 'alipays://platformapi/startapp?appId=20000001'"),
    );
    expect(r).toMatchObject({
      value: {
        kind: 'error',
        message: expect.stringMatching(/^Error: Activity not started, unable to resolve Intent/),
      },
    });
  });

  it('IPv4 lines carry the kernel’s padding to 149 characters', () => {
    const { sh } = phone(profile);
    const v4 = sh('cat /proc/net/tcp /proc/net/tcp6')
      .split('\n')
      .filter((l) => /rem_address|^\s*\d+: [0-9A-F]{8}:/.test(l));
    expect(v4.length).toBeGreaterThan(1);
    for (const l of v4) expect(l.length).toBe(149);
  });

  it('says so plainly for a command no capture covers', () => {
    const { sh } = phone(profile);
    expect(sh('dumpsys deviceidle')).toBe('[simulated phone: no real capture of "dumpsys deviceidle"]\n');
    expect(sh('sudo ls')).toBe('/system/bin/sh: sudo: inaccessible or not found\n');
  });
});
