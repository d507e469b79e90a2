import type { Reading } from './reading';
import { notUnderstood, outputLines, understood } from './reading';

export interface ListenerSection {
  /** Components (`pkg/cls`, as printed inside `ComponentInfo{…}`) in the order listed. */
  components: string[];
  /** The header's count equals the lines listed; a filtered dump lists fewer. */
  complete: boolean;
}

export interface NotificationListeners {
  /** "All notification listeners (N) enabled for current profiles:", or null where not printed. */
  enabled: ListenerSection | null;
  /** "Live notification listeners (N):": the ones bound right now. */
  live: ListenerSection;
}

// AOSP ManagedServices.dump (services/core/java/com/android/server/notification/), for
// getCaption() = "notification listener":
//   "    All " + caption + "s (" + n + ") enabled for current profiles:"  then  "      " + cmpt
//   "    Live " + caption + "s (" + mServices.size() + "):"  then
//   "      " + info.component + " (user " + info.userid + "): " + info.service
//     + (info.isSystem ? " SYSTEM" : "") + (info.isGuest(this) ? " GUEST" : "")
// ComponentName.toString() is `ComponentInfo{pkg/cls}`. Corpus: test/fixtures/android/notification/
// (Android 7 360OS, 10, 13 One UI, 15 HyperOS, 16). HyperOS prints `(user 0):   ` before the
// "All …" header, so headers are found anywhere in the line. A dump filtered by package keeps
// the header's count but lists only the matching components, hence `complete`.
const ENABLED_HEADER = /All notification listeners \((\d+)\) enabled for current profiles:\s*$/;
const LIVE_HEADER = /Live notification listeners \((\d+)\):\s*$/;
const ITEM = /^\s+ComponentInfo\{([^/{}\s]+\/[^{}\s]+)\}/;

function section(lines: string[], at: number, count: number): { section: ListenerSection; shown: string[] } {
  const components: string[] = [];
  const shown = [lines[at]];
  for (let i = at + 1; i < lines.length; i++) {
    const m = ITEM.exec(lines[i]);
    if (!m) break;
    components.push(m[1]);
    shown.push(lines[i]);
  }
  return { section: { components, complete: components.length === count }, shown };
}

/** `dumpsys notification`: which listeners are enabled, and which are live (bound). */
export function readNotificationListeners(output: string): Reading<NotificationListeners> {
  const lines = outputLines(output);
  let enabled: ListenerSection | null = null;
  let live: ListenerSection | null = null;
  const evidence: string[] = [];
  lines.forEach((line, i) => {
    const e = ENABLED_HEADER.exec(line);
    if (e && !enabled) {
      const s = section(lines, i, Number(e[1]));
      enabled = s.section;
      evidence.push(...s.shown);
    }
    const l = LIVE_HEADER.exec(line);
    if (l && !live) {
      const s = section(lines, i, Number(l[1]));
      live = s.section;
      evidence.push(...s.shown);
    }
  });
  if (!live) return notUnderstood('no "Live notification listeners (N):" section');
  return understood({ enabled, live }, evidence);
}
