import type { Reading } from './reading';
import { indentOf, notUnderstood, outputLines, understood } from './reading';

export interface KeyguardSignal {
  field: string;
  showing: boolean;
}

export interface Keyguard {
  /** True or false when every field that says agrees; null when they disagree. */
  showing: boolean | null;
  /** Whether a PIN, pattern or password is set, where the dump says (a cached value; see below). */
  secure: boolean | null;
  signals: KeyguardSignal[];
}

/*
 * `dumpsys window`. Which field tells whether the lock screen shows depends on the version;
 * the shapes (corpus: test/fixtures/android/window/, AOSP print statements in its README):
 * - `mShowingLockscreen=` (PhoneWindowManager, ≤ 7);
 * - `mShowingDream=… mDreamingLockscreen=…` (PhoneWindowManager ≤ 9, DisplayPolicy from 10):
 *   while no dream shows, it is refreshed at each layout to isKeyguardShowingAndNotOccluded();
 * - `mStatusBar=Window{…} isStatusBarKeyguard=` (8–12), `isKeyguardShowing=` (DisplayPolicy, 13+);
 * - the `KeyguardServiceDelegate` block (every version): `showing=`, and up to 14 the nested
 *   `KeyguardStateMonitor` with `mIsShowing=`. Its `showingAndNotOccluded=` is not read: an
 *   Android 9 capture shows it `true` beside `showing=false` on an unlocked phone (a stale cache).
 *   Its `secure=` starts `true` until the keyguard service answers, so it is only a hint.
 */
const LINE_FIELDS: Array<{ field: string; re: RegExp }> = [
  { field: 'mShowingLockscreen', re: /(?:^|\s)mShowingLockscreen=(true|false)\b/ },
  { field: 'isStatusBarKeyguard', re: /\sisStatusBarKeyguard=(true|false)\b/ },
  { field: 'isKeyguardShowing', re: /^\s*isKeyguardShowing=(true|false)$/ },
];
const DREAM = /(?:^|\s)mShowingDream=(true|false) mDreamingLockscreen=(true|false)\b/;

/** The lines of the block that starts at `at`: those indented deeper than its header. */
function block(lines: string[], at: number): string[] {
  const head = indentOf(lines[at]);
  const out: string[] = [];
  for (let i = at + 1; i < lines.length && lines[i].trim() !== '' && indentOf(lines[i]) > head; i++) {
    out.push(lines[i]);
  }
  return out;
}

export function readKeyguard(output: string): Reading<Keyguard> {
  const lines = outputLines(output);
  const signals: KeyguardSignal[] = [];
  const evidence: string[] = [];
  let secure: boolean | null = null;
  lines.forEach((line, i) => {
    for (const { field, re } of LINE_FIELDS) {
      const m = re.exec(line);
      if (m) {
        signals.push({ field, showing: m[1] === 'true' });
        evidence.push(line);
      }
    }
    const dream = DREAM.exec(line);
    // While a dream shows, mDreamingLockscreen is the state when it started: not read then.
    if (dream && dream[1] === 'false') {
      signals.push({ field: 'mDreamingLockscreen', showing: dream[2] === 'true' });
      evidence.push(line);
    }
    if (line.trim() === 'KeyguardServiceDelegate') {
      const body = block(lines, i);
      const depth = body.length > 0 ? indentOf(body[0]) : 0;
      for (const b of body) {
        const own = indentOf(b) === depth;
        const showing = /^\s*showing=(true|false)$/.exec(b);
        if (own && showing) {
          signals.push({ field: 'KeyguardServiceDelegate.showing', showing: showing[1] === 'true' });
          evidence.push(line, b);
        }
        const sec = /^\s*secure=(true|false)$/.exec(b);
        if (own && sec) secure = sec[1] === 'true';
        const monitor = /^\s*mIsShowing=(true|false)$/.exec(b);
        if (monitor) {
          signals.push({ field: 'KeyguardStateMonitor.mIsShowing', showing: monitor[1] === 'true' });
          evidence.push(b);
        }
      }
    }
  });
  if (signals.length === 0) return notUnderstood('no keyguard field of a known shape');
  const first = signals[0].showing;
  const showing = signals.every((s) => s.showing === first) ? first : null;
  return understood({ showing, secure, signals }, [...new Set(evidence)]);
}
