import type { AdbPort } from '../adb/adb-port';
import type { CareAction } from '../../../shared/domain/care';
import type { CareRun, DeviceSnapshot, ShellCapture } from './device-types';
import { MAX_CAPTURE_CHARS } from './health-checks';
import type { CareCommand, CareOutcome } from './readers/read-care';
import { careCommandLine, readCareOutput, readSecureLock, SECURE_LOCK_COMMAND } from './readers/read-care';
import { readNotificationListeners } from './readers/read-notification-listeners';

export interface CareRunnerDeps {
  adb: Pick<AdbPort, 'shell'>;
  appPackage: string;
  /** `pkg/full.Class` or `pkg/.Class` from Settings; empty: the app's own enabled listener. */
  appListener: string;
  now: () => number;
  /** The phone's last raw outputs (the notification dump names the app's enabled listener). */
  outputs: (serial: string) => ShellCapture[];
  /** Reads the phone's health again and answers its fresh snapshot. */
  recheck: (serial: string) => Promise<DeviceSnapshot | undefined>;
  /** `am force-stop` then `am start -n`, waiting for the app's port. */
  restartApp: (serial: string) => Promise<void>;
}

/** What the action was for: the reason that must be gone for it to count as done. */
const CURES: Partial<Record<CareAction, string>> = {
  revive_app: 'APP_DOWN',
  rebind_listener: 'NOTIFICATION_LISTENER_UNBOUND',
  keep_awake: 'SCREEN_OFF',
  dismiss_keyguard: 'SCREEN_LOCKED',
};

/**
 * Runs one phone-care action: its commands (`readers/read-care.ts` has each command and what it
 * prints), then a fresh health read, which decides whether it worked. Output a reader does not
 * know is not a failure by itself: the health read after it says.
 */
export function createCareRunner(d: CareRunnerDeps) {
  function capture(command: string, output: string): ShellCapture {
    return {
      command,
      output: output.slice(0, MAX_CAPTURE_CHARS),
      truncated: output.length > MAX_CAPTURE_CHARS,
      at: d.now(),
    };
  }

  /** The app's listener: from Settings, else its entry in the phone's last notification dump. */
  function listenerOf(serial: string): string | null {
    const fromSettings = d.appListener.trim();
    if (fromSettings) {
      const [pkg, cls] = fromSettings.split('/');
      return cls.startsWith('.') ? `${pkg}/${pkg}${cls}` : fromSettings;
    }
    const dump = d.outputs(serial).find((c) => c.command.startsWith('dumpsys notification'));
    if (!dump) return null;
    const r = readNotificationListeners(dump.output);
    if (!r.understood) return null;
    const mine = (c: string) => c.split('/')[0] === d.appPackage;
    return r.value.enabled?.components.find(mine) ?? r.value.live.components.find(mine) ?? null;
  }

  return async function run(serial: string, action: CareAction): Promise<CareRun> {
    const outputs: ShellCapture[] = [];
    const notes: string[] = [];

    /** Runs one command; its reading, or null where the output is not one the corpus knows. */
    async function command(cmd: CareCommand, component = ''): Promise<CareOutcome | null> {
      const line = careCommandLine(cmd, { pkg: d.appPackage, component });
      const output = await d.adb.shell(serial, line);
      outputs.push(capture(line, output));
      const r = readCareOutput(cmd, output);
      if (r.understood) return r.value;
      notes.push(`${line}: output not understood (${r.why})`);
      return null;
    }

    /** The command refused or does not exist here: that is the action's answer. */
    const refusal = (o: CareOutcome | null): CareRun | null => {
      if (o?.kind === 'unsupported') return { result: 'unsupported', detail: o.message, outputs };
      if (o?.kind === 'failed') return { result: 'failed', detail: o.message, outputs };
      return null;
    };

    /** Whether the phone still shows what the action was for, after a fresh read. */
    async function verdict(): Promise<CareRun> {
      const after = await d.recheck(serial);
      const cures = CURES[action];
      const still =
        cures === undefined
          ? action === 'whitelist' &&
            !!after?.health.some((h) => h.name === 'battery_whitelist' && h.status === 'fail')
          : after?.reason?.code === cures;
      const detail = [
        still ? `the phone still shows ${cures ?? 'the app as not exempt'}` : 'ok',
        ...notes,
      ].join('; ');
      return { result: still ? 'failed' : 'done', detail, outputs };
    }

    switch (action) {
      case 'revive_app':
        try {
          await d.restartApp(serial);
        } catch (err) {
          return { result: 'failed', detail: (err as Error).message, outputs };
        }
        return verdict();
      case 'rebind_listener': {
        const component = listenerOf(serial);
        if (!component) {
          return {
            result: 'failed',
            detail: `the listener of ${d.appPackage} is not known: set it in Settings (phone app → listener)`,
            outputs,
          };
        }
        const first = await command('allow_listener', component);
        const stop = refusal(first);
        if (stop) return stop;
        const once = await verdict();
        if (once.result === 'done') return once;
        // Allowing an allowed listener may leave it as it was: take the grant back and give it again.
        const off = refusal(await command('disallow_listener', component));
        if (off) return off;
        const again = refusal(await command('allow_listener', component));
        if (again) return again;
        return verdict();
      }
      case 'keep_awake': {
        // `svc power stayon usb` also wakes the screen; the wake-up key covers a phone where it
        // does not (and does nothing to an awake one).
        const stay = refusal(await command('stay_on_usb'));
        if (stay) return stay;
        const wake = refusal(await command('wake_up'));
        if (wake) return wake;
        return verdict();
      }
      case 'dismiss_keyguard': {
        const output = await d.adb.shell(serial, SECURE_LOCK_COMMAND);
        outputs.push(capture(SECURE_LOCK_COMMAND, output));
        const lock = readSecureLock(output);
        if (!lock.understood) {
          return {
            result: 'needs_person',
            detail: `cannot tell whether a PIN, pattern or password is set (${lock.why}); unlock the phone by hand`,
            outputs,
          };
        }
        if (lock.value.secure) {
          return {
            result: 'needs_person',
            detail: 'a PIN, pattern or password is set; only a person can unlock',
            outputs,
          };
        }
        const dismissed = refusal(await command('dismiss_keyguard'));
        if (dismissed) return dismissed;
        return verdict();
      }
      case 'whitelist': {
        const added = refusal(await command('whitelist_add'));
        if (added) return added;
        return verdict();
      }
      case 'reboot': {
        try {
          const o = await command('reboot');
          const stop = refusal(o);
          if (stop) return stop;
        } catch (err) {
          // The phone goes away while the command runs: that is the reboot.
          notes.push(`the connection ended: ${(err as Error).message}`);
        }
        return { result: 'done', detail: ['sent', ...notes].join('; '), outputs };
      }
    }
  };
}
