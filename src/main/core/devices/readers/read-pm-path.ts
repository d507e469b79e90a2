import type { Reading } from './reading';
import { notUnderstood, outputLines, understood } from './reading';

/**
 * `pm path <package>`. AOSP's PackageManagerShellCommand `runPath` prints `package:` + the path
 * of each APK (base first, then splits) and nothing at all, exit status 1, for a package that
 * is not installed. Layouts in the corpus (`test/fixtures/android/pm-path/`): `/data/app/<pkg>-1/`
 * (Android 5–7), `/data/app/<pkg>-<hash>==/` (8–10), `/data/app/~~<hash>==/<pkg>-<hash>==/`
 * (11+), `/system/priv-app/…` for system apps.
 */
export function readPmPath(output: string): Reading<{ installed: boolean; paths: string[] }> {
  const lines = outputLines(output).filter((l) => l.trim() !== '');
  if (lines.length === 0) return understood({ installed: false, paths: [] }, ['(no output)']);
  const apks = lines.filter((l) => /^package:\/\S+$/.test(l));
  // A `package:` line is proof enough that it is installed, whatever else was printed with it;
  // only a wholly empty answer proves that it is not.
  if (apks.length === 0) return notUnderstood(`no package:<path> line: ${lines[0].slice(0, 120)}`);
  return understood({ installed: true, paths: apks.map((l) => l.slice('package:'.length)) }, apks);
}
