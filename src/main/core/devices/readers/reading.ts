/**
 * What a reader made of one shell output. A reader answers only for shapes it has seen in the
 * corpus of real captures (`test/fixtures/android/README.md`); anything else is `understood:
 * false` with the reason, which the health checks turn into a warning that never blocks a phone.
 */
export type Reading<T> =
  | { understood: true; value: T; /** The lines the value rests on, for the device view. */ evidence: string }
  | { understood: false; why: string };

export function understood<T>(value: T, evidenceLines: readonly string[]): Reading<T> {
  return { understood: true, value, evidence: evidenceLines.join('\n') };
}

export function notUnderstood(why: string): Reading<never> {
  return { understood: false, why };
}

/** Lines without their `\r` (adb's legacy `shell:` may turn `\n` into `\r\n` on old phones). */
export function outputLines(output: string): string[] {
  return output.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Leading spaces of a line (tabs never appear in the dumps this reads). */
export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
