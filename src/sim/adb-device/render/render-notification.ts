/** Our app's notification listener as the simulated phone's NotificationManagerService sees it. */
export interface OurListener {
  /** `pkg/cls`, as ComponentName prints it inside `ComponentInfo{…}`. */
  component: string;
  /** The cashier granted notification access. */
  enabled: boolean;
  /** The listener service is bound right now. */
  live: boolean;
  /** The hex identity hash of its binder proxy, as `Object.toString()` prints it. */
  binderHash: string;
}

const ENABLED_HEADER = /All notification listeners \((\d+)\) enabled for current profiles:\s*$/;
const LIVE_HEADER = /Live notification listeners \((\d+)\):\s*$/;
const ITEM = /^\s+ComponentInfo\{/;
// ManagedServices.dump prints every entry with the literal prefix "      " (six spaces).
const AOSP_ITEM_INDENT = '      ';

/**
 * Appends `entry` to the block under the header matching `header` and raises the header's count
 * by one, keeping the capture's own indentation (a block with no entry gets AOSP's).
 */
function appendToBlock(lines: string[], header: RegExp, entry: (indent: string) => string): void {
  const at = lines.findIndex((l) => header.test(l));
  if (at < 0) return;
  let end = at + 1;
  while (end < lines.length && ITEM.test(lines[end])) end++;
  const indent = end > at + 1 ? /^\s*/.exec(lines[at + 1])![0] : AOSP_ITEM_INDENT;
  lines.splice(end, 0, entry(indent));
  lines[at] = lines[at].replace(/\((\d+)\)/, (_, n: string) => `(${Number(n) + 1})`);
}

/**
 * `dumpsys notification` of a profile: the captured dump with our app's listener added where
 * the phone would list it, in AOSP ManagedServices.dump's exact shapes:
 * `"      " + cmpt` under "All notification listeners (N) enabled for current profiles:", and
 * `"      " + info.component + " (user " + info.userid + "): " + info.service` under
 * "Live notification listeners (N):" (the binder of an app's listener prints as
 * `android.service.notification.INotificationListener$Stub$Proxy@<hash>`, as every third-party
 * entry of the corpus does). Our app registers last, so it is listed last.
 */
export function renderNotification(base: string, ours: OurListener | null): string {
  const lines = base.split('\n');
  if (ours?.enabled) appendToBlock(lines, ENABLED_HEADER, (i) => `${i}ComponentInfo{${ours.component}}`);
  if (ours?.enabled && ours.live) {
    appendToBlock(
      lines,
      LIVE_HEADER,
      (i) =>
        `${i}ComponentInfo{${ours.component}} (user 0): android.service.notification.INotificationListener$Stub$Proxy@${ours.binderHash}`,
    );
  }
  return lines.join('\n');
}
