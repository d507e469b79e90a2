import type { Reading } from './reading';
import { notUnderstood, outputLines, understood } from './reading';

export type AmStartOutcome =
  /** The activity was started, or the intent went to the running instance. */
  | { kind: 'started'; message: string; /** `-W`'s `Status:` (`ok`, `timeout`). */ status?: string }
  /** The app was already running: its task came to the front (MIUI prints this often). */
  | { kind: 'brought-to-front'; message: string }
  | { kind: 'error'; message: string };

/**
 * `am start …` (with or without `-W`). Shapes from AOSP's ActivityManagerShellCommand
 * `runStartActivity` and the corpus (`test/fixtures/android/am-start/`):
 * - `Starting: Intent { … }` first, before the outcome is known;
 * - `Warning: Activity not started, its current task has been brought to the front`;
 * - `Error type 3` + `Error: Activity class {…} does not exist.`, or
 *   `Error: Activity not started, unable to resolve Intent { … }`;
 * - a SecurityException: `Security exception: …` (Android 10) or
 *   `Exception occurred while executing 'start':` (Android 11+, BasicShellCommandHandler);
 * - with `-W`: `Status: ok|timeout`, `LaunchState:`/`ThisTime:`, `Complete` (a timeout still
 *   started the activity, only slowly).
 */
export function readAmStart(output: string): Reading<AmStartOutcome> {
  const lines = outputLines(output).filter((l) => l.trim() !== '');
  const errorLine = lines.find(
    (l) =>
      /^Error: /.test(l) ||
      /^Security exception: /.test(l) ||
      /^Exception occurred while executing /.test(l) ||
      /^java\.lang\.\w+(Exception|Error)\b/.test(l),
  );
  if (errorLine) {
    // After `Exception occurred…` the next line names the exception, which is what a person needs.
    const i = lines.indexOf(errorLine);
    const message = /^Exception occurred/.test(errorLine) && lines[i + 1] ? lines[i + 1] : errorLine;
    return understood({ kind: 'error', message }, lines.slice(0, i + 2));
  }
  if (lines.some((l) => /^Error type \d+$/.test(l))) {
    return understood({ kind: 'error', message: lines.join(' ') }, lines);
  }
  const front = lines.find((l) =>
    /^Warning: Activity not started, its current task has been brought to the front/.test(l),
  );
  if (front) return understood({ kind: 'brought-to-front', message: front }, lines);
  const starting = lines.find((l) => /^Starting: Intent \{/.test(l));
  const status = lines.find((l) => /^Status: \w+$/.test(l))?.slice('Status: '.length);
  if (starting)
    return understood({ kind: 'started', message: starting, ...(status ? { status } : {}) }, lines);
  return notUnderstood(lines.length === 0 ? 'no output' : `unexpected: ${lines[0].slice(0, 120)}`);
}
