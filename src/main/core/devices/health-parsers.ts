/**
 * Pure readers of the shell output the health checks collect. Each answers true/false, or
 * null when the output is not what it expects: the caller turns null into `warn`, which never
 * blocks payments (phones differ, and an unreadable dump must not take a phone out of service).
 */

/** `pm path <pkg>`: `package:/data/app/…/base.apk` when installed, nothing when not. */
export function parsePmPath(output: string): boolean | null {
  const text = output.trim();
  if (text === '') return false;
  if (/^package:\S+/m.test(text)) return true;
  return null;
}

/**
 * `cat /proc/net/tcp /proc/net/tcp6`: is anything in state 0A (LISTEN) on `port`?
 * Java's ServerSocket usually binds the IPv6 wildcard, so both tables are read.
 */
export function parseProcNetListening(output: string, port: number): boolean | null {
  if (!/local_address/.test(output)) return null;
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of output.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || !/^\d+:$/.test(cols[0])) continue;
    const local = cols[1];
    const state = cols[3];
    if (state === '0A' && local.toUpperCase().endsWith(`:${hex}`)) return true;
  }
  return false;
}

/**
 * `dumpsys notification`: is a listener of `pkg` among the live (bound) ones? Android prints
 * `Live notification listeners (N):` followed by `ManagedServiceInfo[component=ComponentInfo{pkg/cls}…]`.
 */
export function parseListenerBound(output: string, pkg: string): boolean | null {
  const start = output.search(/Live notification listeners \(\d+\):/);
  if (start < 0) return null;
  const lines = output.slice(start).split('\n').slice(1);
  for (const line of lines) {
    if (!/^\s+\d+: /.test(line)) break;
    if (line.includes(`ComponentInfo{${pkg}/`)) return true;
  }
  return false;
}

/** `dumpsys power`: `mWakefulness=Awake` when the screen is on. */
export function parseScreenOn(output: string): boolean | null {
  const m = /mWakefulness=(\w+)/.exec(output);
  if (m) return m[1] === 'Awake';
  const d = /Display Power: state=(\w+)/.exec(output);
  return d ? d[1] === 'ON' : null;
}

/**
 * `dumpsys window`: is the keyguard showing? The field moved between Android versions, so any
 * of the known ones counts; none of them means we cannot tell.
 */
export function parseLocked(output: string): boolean | null {
  const re = /\b(mShowingLockscreen|mDreamingLockscreen|isStatusBarKeyguard|mKeyguardShowing)=(true|false)/g;
  let seen = false;
  for (const m of output.matchAll(re)) {
    seen = true;
    if (m[2] === 'true') return true;
  }
  return seen ? false : null;
}

/** `dumpsys deviceidle whitelist`: lines `user,<pkg>,<uid>` or `system,<pkg>,<uid>`. */
export function parseBatteryWhitelisted(output: string, pkg: string): boolean | null {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return false;
  if (!lines.every((l) => /^[\w-]+,[\w.]+,\d+$/.test(l.trim()))) return null;
  return lines.some((l) => l.trim().split(',')[1] === pkg);
}
