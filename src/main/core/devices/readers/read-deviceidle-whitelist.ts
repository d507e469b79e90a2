import type { Reading } from './reading';
import { notUnderstood, outputLines, understood } from './reading';

export interface WhitelistEntry {
  /** `system-excidle`, `system` or `user` (the cashier's own exemptions). */
  tier: string;
  pkg: string;
  appId: number;
}

/**
 * `dumpsys deviceidle whitelist`. AOSP's DeviceIdleController prints three blocks of
 * `<tier>,<package>,<appId>` lines (`system-excidle,`, `system,`, `user,`), with no header and
 * no indentation; the app id can be below 10000 (`com.android.updater,9802` on MIUI). Corpus:
 * `test/fixtures/android/deviceidle/` (Android 10, MIUI 11, 13, HyperOS 16).
 */
export function readDeviceIdleWhitelist(output: string): Reading<{ entries: WhitelistEntry[] }> {
  const lines = outputLines(output).filter((l) => l.trim() !== '');
  const entries: WhitelistEntry[] = [];
  for (const line of lines) {
    const m = /^(system-excidle|system|user),([A-Za-z][\w.]*),(\d+)$/.exec(line);
    if (!m) return notUnderstood(`unexpected line: ${line.slice(0, 120)}`);
    entries.push({ tier: m[1], pkg: m[2], appId: Number(m[3]) });
  }
  // Every phone exempts some system package; an empty answer is not a whitelist we know.
  if (entries.length === 0) return notUnderstood('empty output');
  return understood(
    { entries },
    lines.filter((l) => l.startsWith('user,')),
  );
}
