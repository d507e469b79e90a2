import type { PhoneAppSimulator } from '../phone-app-simulator';
import { capture } from './profiles/capture-store';
import type { DeviceProfile } from './profiles/device-profiles';
import { broughtToFront, classNotFound, startingLine, unresolved } from './render/render-am-start';
import { renderDeviceIdle } from './render/render-deviceidle';
import { getpropValue, renderGetprop } from './render/render-getprop';
import { renderNotification } from './render/render-notification';
import { renderPmPath } from './render/render-pm-path';
import { renderPower } from './render/render-power';
import { renderProcNetTcp } from './render/render-proc-net-tcp';
import { renderWindow } from './render/render-window';
import { runCareCommand } from './care-commands';

/** What a simulated phone's shell reads and changes. */
export interface PhoneShellState {
  /** The real captures the shell answers from. */
  profile: DeviceProfile;
  /** Properties replaced in (or added to) the profile's getprop capture, e.g. a test's model name. */
  propOverrides: Record<string, string>;
  /** Installed packages. */
  packages: Set<string>;
  appPackage: string;
  /** As in `am start -n pkg/<activity>`, e.g. `.MainActivity`. */
  appActivity: string;
  /** Class name of the app's NotificationListenerService, e.g. `.PayNotificationListener`. */
  listenerClass: string;
  appPort: number;
  /** The app's Linux uid (the `uid` column of /proc/net/tcp6, the app id of the whitelist). */
  appUid: number;
  /** The cashier granted the app notification access. */
  listenerEnabled: boolean;
  /** The listener is bound (live) while access is granted. */
  listenerBound: boolean;
  /** Identity hash of the listener's binder proxy, as the dump prints it. */
  listenerBinderHash: string;
  screenOn: boolean;
  locked: boolean;
  batteryWhitelisted: boolean;
  /** URIs opened with `am start -a android.intent.action.VIEW -d`. */
  launchedUris: string[];
  /** Replaces the output of any command starting with the key (for unparseable-output tests). */
  outputOverrides: Map<string, string>;
  /** Commands starting with one of these never answer, as on a wedged adbd. */
  hangingCommands: Set<string>;
  /** A PIN, pattern or password is set: `wm dismiss-keyguard` cannot unlock. */
  secureLock: boolean;
  /** `svc power stayon <value>`, '' until one ran. */
  stayOn: string;
  /** The care commands that changed something, in order (`allow_listener <cmp>`, `wakeup`…). */
  careLog: string[];
  /** What `svc power reboot` does to the phone (set by the simulated phone). */
  reboot?: () => void;
}

/** Splits a shell command line the way `sh` would for the simple quoting adb clients use. */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        cur += line[j];
      }
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** `pkg/.Cls` or `pkg/Cls` → the long `pkg/pkg.Cls` that ComponentName prints. */
export function fullComponent(pkg: string, cls: string): string {
  return cls.startsWith('.') ? `${pkg}/${pkg}${cls}` : `${pkg}/${cls}`;
}

function getprop(s: PhoneShellState): string {
  return renderGetprop(capture(s.profile.captures.getprop), s.propOverrides);
}

function dumpsys(
  service: string | undefined,
  s: PhoneShellState,
  app: PhoneAppSimulator,
  filterPkg: string | null = null,
): string {
  const installed = s.packages.has(s.appPackage);
  switch (service) {
    case 'notification': {
      const full = renderNotification(capture(s.profile.captures.notification), {
        component: fullComponent(s.appPackage, s.listenerClass),
        enabled: installed && s.listenerEnabled,
        live: installed && s.listenerBound,
        binderHash: s.listenerBinderHash,
      });
      return filterPkg === null ? full : filterListeners(full, filterPkg);
    }
    case 'power':
      return renderPower(capture(s.profile.captures.power), s.screenOn, s.profile.screenOffWakefulness);
    case 'window':
      return renderWindow(capture(s.profile.captures.window), s.locked);
    case 'deviceidle':
      return renderDeviceIdle(
        capture(s.profile.captures.deviceidle),
        installed && s.batteryWhitelisted ? { pkg: s.appPackage, appId: s.appUid } : null,
      );
    default:
      // cmds/dumpsys: `aerr << "Can't find service: " << serviceName << endl`.
      void app;
      return `Can't find service: ${service ?? ''}\n`;
  }
}

/**
 * Answers one `shell:` command from the phone's state, changing it where the command would
 * (force-stop, start). Every answer is a real capture of the profile with our app's lines
 * put in, in the capture's own format (see `render/`). There is no exit status in `shell:`.
 */
export function runShellCommand(line: string, s: PhoneShellState, app: PhoneAppSimulator): string {
  for (const [prefix, output] of s.outputOverrides) if (line.startsWith(prefix)) return output;
  const parts = splitCommands(line);
  if (parts.length > 1) return parts.map((p) => runShellCommand(p, s, app)).join('');
  const w = splitShellWords(line);
  const [prog, sub] = w;
  // mksh's builtin echo: its words joined by one space, and a newline.
  if (prog === 'echo') return `${w.slice(1).join(' ')}\n`;
  const care = runCareCommand(w, s, app);
  if (care !== null) return care;
  // DumpFilter: `p`, `pkg` or `--package <name>` (see health-checks.ts quickCheckCommand).
  if (
    prog === 'dumpsys' &&
    sub === 'notification' &&
    w.length === 4 &&
    ['p', 'pkg', '--package'].includes(w[2])
  ) {
    return dumpsys(sub, s, app, w[3]);
  }
  if (prog === 'getprop') {
    if (w.length > 1) return `${getpropValue(getprop(s), w[1]) ?? ''}\n`;
    return getprop(s);
  }
  if (prog === 'pm' && sub === 'path')
    return renderPmPath(w[2] ?? '', s.packages.has(w[2] ?? ''), s.profile.apkLayout);
  if (prog === 'am' && sub === 'force-stop') {
    // Prints nothing, for a running app and for a missing package alike (am-force-stop capture).
    if (w[2] === s.appPackage) app.stopApp();
    return '';
  }
  if (prog === 'am' && sub === 'start') return amStart(w.slice(2), s, app);
  if (prog === 'cat' && w.includes('/proc/net/tcp') && w.includes('/proc/net/tcp6')) {
    const listening = app.running && s.packages.has(s.appPackage);
    return renderProcNetTcp(
      capture(s.profile.captures.tcp),
      capture(s.profile.captures.tcp6),
      listening ? { port: s.appPort, uid: s.appUid, inode: 41234 } : null,
    );
  }
  if (prog === 'dumpsys' && (sub !== 'deviceidle' || (w[2] === 'whitelist' && w.length === 3))) {
    return dumpsys(sub, s, app);
  }
  if (prog === 'dumpsys' || prog === 'am' || prog === 'pm' || prog === 'cat' || prog === 'getprop') {
    return noCapture(line);
  }
  // mksh, Android's /system/bin/sh, for a program it cannot find: the line of real sessions on
  // a Huawei (HWPCT), a OnePlus 7T and an RK3568 board, e.g. `/system/bin/sh: adb: inaccessible or not found`.
  return `/system/bin/sh: ${prog ?? ''}: inaccessible or not found\n`;
}

/** The commands of a line joined by `;` outside quotes, as `sh` runs them one after another. */
function splitCommands(line: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === ';') {
      parts.push(line.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(line.slice(start).trim());
  return parts.filter((p) => p !== '');
}

/*
 * `dumpsys notification p <pkg>`: only the app's listener entries are kept under each block's
 * header. What is firm: DumpFilter's `p <pkg>` (services.jar of a OnePlus 6, see
 * health-checks.ts quickCheckCommand) and the corpus's filtered Android 10 captures
 * (notification/a10-google-emulator-kachi-*.txt, `dumpsys notification p com.byd.launcher` on a
 * real emulator), which list only the filtered app's entries.
 * The same capture shows each header keeping the full count
 * (`All notification listeners (3)…`, `Live notification listeners (4):`) above one entry.
 */
const LISTENER_HEADER =
  /(?:All notification listeners \(\d+\) enabled for current profiles:|Live notification listeners \(\d+\)):\s*$/;
function filterListeners(dump: string, pkg: string): string {
  const lines = dump.split('\n');
  const out: string[] = [];
  let inBlock = false;
  for (const line of lines) {
    if (LISTENER_HEADER.test(line)) {
      inBlock = true;
      out.push(line);
      continue;
    }
    const item = /^\s+ComponentInfo\{([^/}]+)\//.exec(line);
    if (inBlock && item) {
      if (item[1].includes(pkg)) out.push(line);
      continue;
    }
    inBlock = false;
    out.push(line);
  }
  return out.join('\n');
}

/**
 * A command the station does not run, whose output the corpus has no capture of. The simulator
 * says so plainly instead of making up what a phone would print.
 */
function noCapture(line: string): string {
  return `[simulated phone: no real capture of "${line}"]\n`;
}

function amStart(args: string[], s: PhoneShellState, app: PhoneAppSimulator): string {
  const n = args.indexOf('-n');
  if (n >= 0) {
    const cmp = args[n + 1] ?? '';
    const [pkg, cls] = cmp.split('/');
    const intent = `cmp=${cmp}`;
    const long = fullComponent(pkg, cls ?? '');
    if (!s.packages.has(pkg)) return classNotFound(intent, long);
    if (pkg === s.appPackage) {
      if (long !== fullComponent(pkg, s.appActivity)) return classNotFound(intent, long);
      if (app.running) return broughtToFront(intent);
      app.startApp();
    }
    return startingLine(intent);
  }
  const d = args.indexOf('-d');
  if (d >= 0) {
    const uri = args[d + 1] ?? '';
    const intent = `act=android.intent.action.VIEW dat=${uri}`;
    // Only Alipay handles `alipays://` on these phones.
    if (uri.startsWith('alipays:') && !s.packages.has('com.eg.android.AlipayGphone'))
      return unresolved(intent);
    s.launchedUris.push(uri);
    return startingLine(intent);
  }
  return noCapture(`am start ${args.join(' ')}`);
}
