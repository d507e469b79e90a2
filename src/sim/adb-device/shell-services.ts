import type { PhoneAppSimulator } from '../phone-app-simulator';

/** What a simulated phone's shell reads and changes. */
export interface PhoneShellState {
  props: Record<string, string>;
  /** Installed packages. */
  packages: Set<string>;
  appPackage: string;
  /** As in `am start -n pkg/<activity>`, e.g. `.MainActivity`. */
  appActivity: string;
  /** Class name of the app's NotificationListenerService, e.g. `.PayNotificationListener`. */
  listenerClass: string;
  appPort: number;
  listenerBound: boolean;
  screenOn: boolean;
  locked: boolean;
  batteryWhitelisted: boolean;
  /** URIs opened with `am start -a android.intent.action.VIEW -d`. */
  launchedUris: string[];
  /** Replaces the output of any command starting with the key (for unparseable-output tests). */
  outputOverrides: Map<string, string>;
  /** Commands starting with one of these never answer, as on a wedged adbd. */
  hangingCommands: Set<string>;
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

function fullComponent(pkg: string, cls: string): string {
  return cls.startsWith('.') ? `${pkg}/${pkg}${cls}` : `${pkg}/${cls}`;
}

const TCP4_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

function procNetTcp6(listeningPort: number | null): string {
  const header =
    '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  if (listeningPort === null) return header;
  const hex = listeningPort.toString(16).toUpperCase().padStart(4, '0');
  return (
    header +
    `   0: 00000000000000000000000000000000:${hex} 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 10123        0 41234 1 0000000000000000 100 0 0 10 0\n`
  );
}

function dumpsysNotification(s: PhoneShellState): string {
  const live = s.listenerBound && s.packages.has(s.appPackage);
  const lines = [
    'Current Notification Manager state:',
    '  Notification List:',
    '  Notification listeners:',
    '    Allowed user ids: 0',
    '    Live notification listeners (' + (live ? 2 : 1) + '):',
    '      0: ManagedServiceInfo[component=ComponentInfo{com.android.systemui/com.android.systemui.statusbar.NotificationListener},userid=0,isSystem=true,isGuest=false]',
  ];
  if (live) {
    lines.push(
      `      1: ManagedServiceInfo[component=ComponentInfo{${fullComponent(s.appPackage, s.listenerClass)}},userid=0,isSystem=false,isGuest=false]`,
    );
  }
  lines.push('    Snoozed notifications:', '  Policy access:');
  return lines.join('\n') + '\n';
}

/**
 * Answers one `shell:` command from the phone's state, changing it where the command would
 * (force-stop, start). Output is what the command prints; there is no exit status in `shell:`.
 */
export function runShellCommand(line: string, s: PhoneShellState, app: PhoneAppSimulator): string {
  for (const [prefix, output] of s.outputOverrides) if (line.startsWith(prefix)) return output;
  const w = splitShellWords(line);
  const [prog, sub] = w;
  if (prog === 'getprop') {
    if (w.length > 1) return `${s.props[w[1]] ?? ''}\n`;
    return Object.entries(s.props)
      .map(([k, v]) => `[${k}]: [${v}]\n`)
      .join('');
  }
  if (prog === 'pm' && sub === 'path') {
    return s.packages.has(w[2]) ? `package:/data/app/${w[2]}-1/base.apk\n` : '';
  }
  if (prog === 'pm' && sub === 'list' && w[2] === 'packages') {
    const filter = w[3] ?? '';
    return [...s.packages]
      .filter((p) => p.includes(filter))
      .map((p) => `package:${p}\n`)
      .join('');
  }
  if (prog === 'am' && sub === 'force-stop') {
    if (w[2] === s.appPackage) app.stopApp();
    return '';
  }
  if (prog === 'am' && sub === 'start') return amStart(w.slice(2), s, app);
  if (prog === 'cat' && w.slice(1).some((p) => p.startsWith('/proc/net/tcp'))) {
    const listening = app.running && s.packages.has(s.appPackage) ? s.appPort : null;
    // Java's ServerSocket binds the IPv6 wildcard, so the port shows in tcp6 only.
    let out = '';
    if (w.includes('/proc/net/tcp')) out += TCP4_HEADER;
    if (w.includes('/proc/net/tcp6')) out += procNetTcp6(listening);
    return out;
  }
  if (prog === 'dumpsys') {
    if (sub === 'notification') return dumpsysNotification(s);
    if (sub === 'power')
      return `POWER MANAGER (dumpsys power)\n  mWakefulness=${s.screenOn ? 'Awake' : 'Asleep'}\n`;
    if (sub === 'window') {
      return `WINDOW MANAGER POLICY STATE (dumpsys window policy)\n    mDreamingLockscreen=${s.locked} mDreamingSleepToken=null\n    mShowingLockscreen=${s.locked}\n`;
    }
    if (sub === 'deviceidle' && w[2] === 'whitelist') {
      return (
        'system-excidle,com.android.phone,1001\n' +
        (s.batteryWhitelisted ? `user,${s.appPackage},10123\n` : '')
      );
    }
  }
  return `/system/bin/sh: ${prog ?? ''}: not found\n`;
}

function amStart(args: string[], s: PhoneShellState, app: PhoneAppSimulator): string {
  const n = args.indexOf('-n');
  if (n >= 0) {
    const [pkg, cls] = (args[n + 1] ?? '').split('/');
    if (!s.packages.has(pkg)) {
      return `Starting: Intent { cmp=${args[n + 1]} }\nError type 3\nError: Activity class {${fullComponent(pkg, cls ?? '')}} does not exist.\n`;
    }
    if (pkg === s.appPackage) app.startApp();
    return `Starting: Intent { cmp=${args[n + 1]} }\n`;
  }
  const d = args.indexOf('-d');
  if (d >= 0) {
    s.launchedUris.push(args[d + 1] ?? '');
    return `Starting: Intent { act=android.intent.action.VIEW dat=${(args[d + 1] ?? '').split(':')[0]}:... }\n`;
  }
  return 'Error: no intent given\n';
}
