import type { Reading } from './reading';
import { notUnderstood, outputLines, understood } from './reading';

/**
 * The shell commands of phone care (`care-runner.ts`), and what they print. The corpus holds
 * the outputs (`test/fixtures/android/`, folders `care-*` and `lock-settings`, with the AOSP print
 * statements in `_research/care.md`). Most of them print nothing when they work; what they print
 * when they do not is read here, and anything else is *not understood*: the health read that
 * follows every action decides then whether it worked.
 */
export const CARE_COMMANDS = [
  'allow_listener',
  'disallow_listener',
  'stay_on_usb',
  'wake_up',
  'dismiss_keyguard',
  'whitelist_add',
  'reboot',
] as const;
export type CareCommand = (typeof CARE_COMMANDS)[number];

export interface CareOutcome {
  /** `unsupported`: this Android has no such command (or shell program). */
  kind: 'ok' | 'unsupported' | 'failed';
  message: string;
}

/**
 * The first Android API level with each command, as far as `_research/care.md` could establish
 * it. Where it could not (marked), the figure is the version the command is known to be in. The
 * station runs a command on an older phone anyway (a vendor may have it) and reads the answer;
 * the table is for the device view and the notes, never a reason to refuse a phone.
 */
export const CARE_SUPPORT: Record<CareCommand, { minSdk: number; established: boolean }> = {
  // NotificationShellCmd; the oldest copy found is in a MIUI 10.2 tree (Android 8.1 or 9).
  allow_listener: { minSdk: 26, established: false },
  disallow_listener: { minSdk: 26, established: false },
  // `svc power stayon [true|false|usb|ac]` is in a real Android 4.2 `svc help power`.
  stay_on_usb: { minSdk: 17, established: true },
  // KeyEvent.KEYCODE_WAKEUP (224): API 20 (developer.android.com API diff 20).
  wake_up: { minSdk: 20, established: true },
  // The 4.3/4.4 `wm` has only size, density and overscan; the first version with the verb is not known.
  dismiss_keyguard: { minSdk: 24, established: false },
  // DeviceIdleController's whitelist came with Doze; the Android 6 copy prints `Added:`.
  whitelist_add: { minSdk: 23, established: true },
  // When `svc power reboot` appeared is not established.
  reboot: { minSdk: 23, established: false },
};

export function careCommandLine(cmd: CareCommand, p: { pkg: string; component: string }): string {
  switch (cmd) {
    case 'allow_listener':
      return `cmd notification allow_listener ${p.component}`;
    case 'disallow_listener':
      return `cmd notification disallow_listener ${p.component}`;
    case 'stay_on_usb':
      return 'svc power stayon usb';
    case 'wake_up':
      return 'input keyevent KEYCODE_WAKEUP';
    case 'dismiss_keyguard':
      return 'wm dismiss-keyguard';
    case 'whitelist_add':
      return `dumpsys deviceidle whitelist +${p.pkg}`;
    case 'reboot':
      return 'svc power reboot';
  }
}

/*
 * What the care commands print when they do not work, in the order they are looked for (each
 * line is in the corpus; `_research/care.md` quotes the print statements):
 * - mksh for a missing program: `/system/bin/sh: cmd: not found` (an API 23 capture) or
 *   `… inaccessible or not found` (newer mksh, real sessions);
 * - Binder.onShellCommand where a service has no shell command: `No shell command implementation.`;
 * - an old `wm` without the verb: its usage, then `Error: unknown command 'dismiss-keyguard'`;
 * - `svc power` without the verb: its usage (`usage: svc power stayon [true|false|usb|…]`);
 * - NotificationShellCmd for a component it cannot parse: `Invalid listener - must be a ComponentName`,
 *   and for an exception `Error occurred. Check logcat for details. <message>`;
 * - DeviceIdleController: `Unknown package: <pkg>`, `Package must be prefixed with +, -, or =: <arg>`;
 * - PowerCommand on a RemoteException: `Faild to set setting: …` (sic) and `Failed to reboot.`.
 */
const ANSWERS: Array<{ kind: 'unsupported' | 'failed'; re: RegExp }> = [
  { kind: 'unsupported', re: /^\/system\/bin\/sh: [^:]+: (?:inaccessible or )?not found$/ },
  { kind: 'unsupported', re: /^No shell command implementation\.$/ },
  { kind: 'unsupported', re: /^Error: unknown command '/ },
  { kind: 'unsupported', re: /^usage: svc power / },
  { kind: 'failed', re: /^Invalid listener - must be a ComponentName$/ },
  { kind: 'failed', re: /^Error occurred\. Check logcat for details\./ },
  { kind: 'failed', re: /^Unknown package: / },
  { kind: 'failed', re: /^Package must be prefixed with / },
  { kind: 'failed', re: /^Faild to set setting: / },
  { kind: 'failed', re: /^Failed to reboot\.$/ },
];

export function readCareOutput(cmd: CareCommand, output: string): Reading<CareOutcome> {
  const lines = outputLines(output).filter((l) => l.trim() !== '');
  if (lines.length === 0) {
    // DeviceIdleController always answers `Added:` or `Unknown package:`; nothing at all is not
    // an answer there. Every other care command prints nothing when it works (and `input
    // keyevent` prints nothing for a key name an old Android does not know either).
    if (cmd === 'whitelist_add') return notUnderstood('no output, where the whitelist answers Added:');
    return understood({ kind: 'ok', message: '' }, []);
  }
  if (cmd === 'whitelist_add') {
    const added = lines.find((l) => /^Added: \S+$/.test(l.trim()));
    if (added !== undefined) return understood({ kind: 'ok', message: added.trim() }, [added]);
  }
  for (const { kind, re } of ANSWERS) {
    const line = lines.find((l) => re.test(l.trim()));
    if (line !== undefined) return understood({ kind, message: line.trim() }, [line]);
  }
  return notUnderstood(`unexpected output: ${lines[0].trim().slice(0, 120)}`);
}

/** What the lock settings dump says about the phone owner's credential. */
export interface SecureLock {
  /** A PIN, pattern or password is set: only a person can unlock. */
  secure: boolean;
  /** As printed: NONE, PIN, PATTERN, PASSWORD… */
  credentialType: string;
}

export const SECURE_LOCK_COMMAND = 'dumpsys lock_settings';

/*
 * `dumpsys lock_settings` (LockSettingsService.dump, `_research/care.md`): per user, `  User <id>`
 * and under it `    CredentialType: <type>`. The type is `None|Pattern|Pin|Password` from
 * LockSettingsService's own credentialTypeToString (an Android 11 capture, AOSP's 14-era source)
 * and `NONE|PATTERN|PIN|PASSWORD` from LockPatternUtils' (Android 15, 16 and 17 captures), where
 * Samsung adds `SMARTCARDNUMERIC`. An `Unknown N` / `UNKNOWN_N` type is not read. The phone's
 * owner is user 0; where the dump shows no `User 0` line, the first CredentialType is read.
 */
const CREDENTIAL = /^\s*CredentialType: (\S+)$/;
const KNOWN_TYPES = ['NONE', 'PATTERN', 'PIN', 'PASSWORD', 'SMARTCARDNUMERIC'];
const USER = /^\s*User (\d+)$/;

export function readSecureLock(output: string): Reading<SecureLock> {
  const lines = outputLines(output);
  let user: string | null = null;
  let first: { type: string; line: string } | null = null;
  for (const line of lines) {
    const u = USER.exec(line);
    if (u) {
      user = u[1];
      continue;
    }
    const c = CREDENTIAL.exec(line);
    if (!c) continue;
    if (user === '0') return verdict(c[1], [`  User 0`, line]);
    first ??= { type: c[1], line };
  }
  if (first) return verdict(first.type, [first.line]);
  return notUnderstood('no CredentialType line');
}

function verdict(type: string, evidence: string[]): Reading<SecureLock> {
  const upper = type.toUpperCase();
  if (!KNOWN_TYPES.includes(upper))
    return notUnderstood(`CredentialType ${type} is not one the corpus shows`);
  return understood({ secure: upper !== 'NONE', credentialType: upper }, evidence);
}
