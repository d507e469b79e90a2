import type { PhoneAppSimulator } from '../phone-app-simulator';
import { capture } from './profiles/capture-store';
import { getpropValue } from './render/render-getprop';
import type { PhoneShellState } from './shell-services';
import { fullComponent } from './shell-services';

/*
 * The phone-care commands (station: `readers/read-care.ts`), answered from the phone's state and
 * changing it as Android would. What each prints is in the corpus (`test/fixtures/android/`,
 * folders `care-*` and `lock-settings`, sources and AOSP print statements in `_research/care.md`):
 * - `cmd notification allow_listener|disallow_listener <cmp>`: nothing (NotificationShellCommand
 *   writes nothing on success); Android 7 has `cmd` but NotificationManagerService has no shell
 *   command there (inferred, not verified): Binder.onShellCommand's `No shell command
 *   implementation.`; below Android 7 there is no `cmd` program;
 * - `svc power stayon usb` (which also wakes the screen), `input keyevent KEYCODE_WAKEUP`,
 *   `wm dismiss-keyguard`: nothing; an old `wm` prints its usage and `Error: unknown command`;
 * - `dumpsys deviceidle whitelist +<pkg>`: `Added: <pkg>` or `Unknown package: <pkg>`;
 * - `dumpsys lock_settings`: the lock-settings capture with its `CredentialType:` set to the state;
 * - `svc power reboot`: nothing; the phone goes away and comes back.
 */

/** The profile's API level, from its getprop capture; null where the excerpt lacks the line. */
export function sdkOf(s: PhoneShellState): number | null {
  const v = getpropValue(capture(s.profile.captures.getprop), 'ro.build.version.sdk');
  return v && /^\d+$/.test(v) ? Number(v) : null;
}

/** True where the phone's Android has the command (null sdk: a new phone is assumed). */
function has(s: PhoneShellState, minSdk: number): boolean {
  const sdk = sdkOf(s);
  return sdk === null || sdk >= minSdk;
}

// The shell of an API 23 phone on a program it cannot find (care-cmd-notification/a6-api23-cmd-not-found.txt).
const notFound = (prog: string) => `/system/bin/sh: ${prog}: not found\n`;

/** The answer to a care command, or null when `w` is not one. */
export function runCareCommand(w: string[], s: PhoneShellState, app: PhoneAppSimulator): string | null {
  const [prog, sub, arg] = w;
  if (prog === 'cmd' && sub === 'notification') {
    if (!has(s, 24)) return notFound('cmd');
    if (!has(s, 26)) return 'No shell command implementation.\n';
    if (w[2] !== 'allow_listener' && w[2] !== 'disallow_listener') return null;
    const cmp = w[3] ?? '';
    if (!/^[\w.]+\/[\w.$]+$/.test(cmp)) return 'Invalid listener - must be a ComponentName\n';
    const [pkg, cls] = cmp.split('/');
    if (fullComponent(pkg, cls) !== fullComponent(s.appPackage, s.listenerClass)) return '';
    if (w[2] === 'allow_listener') {
      s.listenerEnabled = true;
      // ManagedServices rebinds every approved service that is not bound.
      s.listenerBound = app.running;
    } else {
      s.listenerEnabled = false;
      s.listenerBound = false;
    }
    s.careLog.push(`${w[2]} ${cmp}`);
    return '';
  }
  if (prog === 'svc' && sub === 'power' && arg === 'stayon') {
    if (!has(s, 17)) return null;
    s.stayOn = w[3] ?? '';
    // PowerCommand calls pm.wakeUp before setStayOnSetting.
    s.screenOn = true;
    s.careLog.push(`stayon ${s.stayOn}`);
    return '';
  }
  if (prog === 'svc' && sub === 'power' && arg === 'reboot') {
    if (!has(s, 23)) return null;
    s.careLog.push('reboot');
    s.reboot?.();
    return '';
  }
  if (prog === 'input' && sub === 'keyevent' && arg === 'KEYCODE_WAKEUP') {
    if (!has(s, 20)) return null;
    s.screenOn = true;
    s.careLog.push('wakeup');
    return '';
  }
  if (prog === 'wm' && sub === 'dismiss-keyguard') {
    if (!has(s, 24)) return capture('care-wm/aosp-a4-wm-unknown-command-print.txt');
    // With a PIN, pattern or password the keyguard asks for it: the phone stays locked.
    if (!s.secureLock) s.locked = false;
    s.careLog.push('dismiss-keyguard');
    return '';
  }
  if (prog === 'dumpsys' && sub === 'deviceidle' && arg === 'whitelist' && w[3]?.startsWith('+')) {
    const pkg = w[3].slice(1);
    if (!s.packages.has(pkg)) return `Unknown package: ${pkg}\n`;
    if (pkg === s.appPackage) s.batteryWhitelisted = true;
    s.careLog.push(`whitelist +${pkg}`);
    return `Added: ${pkg}\n`;
  }
  if (prog === 'dumpsys' && sub === 'lock_settings') {
    const base = capture('lock-settings/a15-ifp-credentialtype-pin-excerpt.txt');
    return base.replace(/CredentialType: \S+/, `CredentialType: ${s.secureLock ? 'PIN' : 'NONE'}`);
  }
  return null;
}
