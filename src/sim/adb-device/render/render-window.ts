/**
 * `dumpsys window` of a profile: the captured dump with every keyguard field set to the
 * simulated phone's lock state, in the capture's own lines (the field shapes and the versions
 * that print them are listed in test/fixtures/android/README.md under window). Only values
 * change: no line is added or removed.
 */
export function renderWindow(base: string, locked: boolean): string {
  const v = String(locked);
  return base
    .split('\n')
    .map((line) =>
      line
        .replace(/\b(mShowingLockscreen|isStatusBarKeyguard|isKeyguardShowing)=(true|false)\b/, `$1=${v}`)
        // mDreamingLockscreen follows the keyguard only while no dream shows (PhoneWindowManager /
        // DisplayPolicy refresh it at each layout then).
        .replace(/\b(mShowingDream=false mDreamingLockscreen)=(true|false)\b/, `$1=${v}`)
        // KeyguardServiceDelegate's `showing=` and KeyguardStateMonitor's `mIsShowing=` sit alone
        // on their lines.
        .replace(/^(\s+)(showing|mIsShowing)=(true|false)$/, `$1$2=${v}`),
    )
    .join('\n');
}
