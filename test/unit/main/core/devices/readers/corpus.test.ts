import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { healthCommands } from '../../../../../../src/main/core/devices/health-checks';
import { readAmStart } from '../../../../../../src/main/core/devices/readers/read-am-start';
import { readDeviceIdleWhitelist } from '../../../../../../src/main/core/devices/readers/read-deviceidle-whitelist';
import { readGetprop, romOf } from '../../../../../../src/main/core/devices/readers/read-getprop';
import { readKeyguard } from '../../../../../../src/main/core/devices/readers/read-keyguard';
import type { ListenerSection } from '../../../../../../src/main/core/devices/readers/read-notification-listeners';
import { readNotificationListeners } from '../../../../../../src/main/core/devices/readers/read-notification-listeners';
import { readPmPath } from '../../../../../../src/main/core/devices/readers/read-pm-path';
import { readListeningPorts } from '../../../../../../src/main/core/devices/readers/read-proc-net-tcp';
import { readWakefulness } from '../../../../../../src/main/core/devices/readers/read-wakefulness';
import type { CareCommand } from '../../../../../../src/main/core/devices/readers/read-care';
import { readCareOutput, readSecureLock } from '../../../../../../src/main/core/devices/readers/read-care';
import type { Reading } from '../../../../../../src/main/core/devices/readers/reading';
import { DEVICE_PROFILES } from '../../../../../../src/sim/adb-device/profiles/device-profiles';
import { CORPUS_DIR, corpusFiles, readCapture, readCorpusTable } from './corpus-table';

/**
 * Every reader over every capture of the corpus, checked against the verdict the corpus README
 * records for that file (its `expected` column, in the vocabulary the README defines per
 * command). The README was written from the captures, not from these readers.
 */

function orNotUnderstood<T>(r: Reading<T>, say: (v: T) => string): string {
  return r.understood ? say(r.value) : 'not understood';
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '(none)' : items.join(', ');
}

function listenerSection(s: ListenerSection | null): string {
  return s === null ? '(no block)' : list(s.components);
}

/** A care command's verdict: ok, or the line it failed or was not there with. */
const care =
  (cmd: CareCommand) =>
  (o: string): string =>
    orNotUnderstood(readCareOutput(cmd, o), (v) => (v.kind === 'ok' ? 'ok' : `${v.kind}: ${v.message}`));

const VERDICTS: Record<string, (output: string) => string> = {
  'care-cmd-notification': care('allow_listener'),
  'care-svc-power': care('stay_on_usb'),
  'care-input': care('wake_up'),
  'care-wm': care('dismiss_keyguard'),
  'care-deviceidle-add': care('whitelist_add'),
  'lock-settings': (o) => orNotUnderstood(readSecureLock(o), (v) => `secure: ${v.secure}`),
  getprop: (o) =>
    orNotUnderstood(readGetprop(o), (p) => {
      const f = (k: string) => p[k] ?? '-';
      const rom = romOf(p);
      return (
        `release=${f('ro.build.version.release')}; sdk=${f('ro.build.version.sdk')}; ` +
        `brand=${f('ro.product.brand')}; manufacturer=${f('ro.product.manufacturer')}; ` +
        `model=${f('ro.product.model')}` +
        (rom ? `; rom=${rom}` : '')
      );
    }),
  'pm-path': (o) => orNotUnderstood(readPmPath(o), (v) => (v.installed ? 'installed' : 'not installed')),
  'proc-net-tcp': (o) => {
    const r = readListeningPorts(o);
    if (!r.understood) return /Permission denied/.test(r.why) ? 'permission denied' : 'not understood';
    return `listening: ${r.value.ports.length === 0 ? 'none' : r.value.ports.join(', ')}`;
  },
  deviceidle: (o) =>
    orNotUnderstood(readDeviceIdleWhitelist(o), (v) => {
      const user = v.entries.filter((e) => e.tier === 'user').map((e) => e.pkg);
      return `user: ${list(user)}; entries: ${v.entries.length}`;
    }),
  'am-start': (o) =>
    orNotUnderstood(readAmStart(o), (v) => {
      if (v.kind === 'error') return `error: ${v.message}`;
      if (v.kind === 'brought-to-front') return 'brought to front';
      return v.status ? `started; status: ${v.status}` : 'started';
    }),
  // The station ignores what force-stop prints; the simulator answers exactly this.
  'am-force-stop': (o) => (o === '' ? 'no output' : 'output'),
  notification: (o) =>
    orNotUnderstood(
      readNotificationListeners(o),
      (v) => `enabled: ${listenerSection(v.enabled)}; live: ${listenerSection(v.live)}`,
    ),
  window: (o) =>
    orNotUnderstood(readKeyguard(o), (v) => {
      const showing = v.showing === null ? 'unknown' : v.showing ? 'showing' : 'not showing';
      const secure = v.secure === null ? 'unknown' : v.secure ? 'yes' : 'no';
      return `keyguard: ${showing}; secure: ${secure}`;
    }),
  power: (o) =>
    orNotUnderstood(
      readWakefulness(o),
      (v) => `wakefulness: ${v.wakefulness ?? 'unknown'}; display: ${v.display ?? 'unknown'}`,
    ),
};

/** The directory holding the captures of each shell command the station runs. */
const COMMAND_DIRS: Record<string, string> = {
  'pm path': 'pm-path',
  'cat /proc/net/tcp /proc/net/tcp6': 'proc-net-tcp',
  'dumpsys notification': 'notification',
  'dumpsys power': 'power',
  'dumpsys window': 'window',
  'dumpsys deviceidle whitelist': 'deviceidle',
  getprop: 'getprop',
  'am start': 'am-start',
  'am force-stop': 'am-force-stop',
};

const rows = readCorpusTable();

describe('the corpus of real Android outputs', () => {
  it('lists every capture file in its README, and every README row has its file', () => {
    expect(rows.map((r) => r.file).sort()).toEqual(corpusFiles());
    expect(new Set(rows.map((r) => r.file)).size).toBe(rows.length);
  });

  it('records the kind of every capture: real, real excerpt, or aosp', () => {
    for (const r of rows) expect(r.kind, r.file).toMatch(/^(real|real excerpt|aosp)\b/);
  });

  it('has a real capture of every command the station runs', () => {
    const run = Object.values(
      healthCommands({ appPackage: 'p', alipayPackage: 'q', appPort: 1, checkBatteryWhitelist: true }),
    );
    const commands = new Set(run.map((c) => c.replace(/^pm path .*/, 'pm path')));
    for (const c of ['getprop', 'am start', 'am force-stop']) commands.add(c);
    for (const c of commands) {
      const dir = COMMAND_DIRS[c];
      expect(dir, `no corpus folder for "${c}"`).toBeDefined();
      expect(
        rows.filter((r) => r.dir === dir && r.kind.startsWith('real')).map((r) => r.file),
        `no real capture of "${c}"`,
      ).not.toEqual([]);
    }
  });

  describe.each(rows.map((r) => [r.file, r] as const))('%s', (_file, row) => {
    it(`reads as "${row.expected}"`, () => {
      const verdict = VERDICTS[row.dir];
      expect(verdict, `no reader for ${row.dir}`).toBeDefined();
      expect(verdict(readCapture(row.file))).toBe(row.expected);
      // Older adbd ran `shell:` commands in a pseudo-terminal, which ends lines with \r\n.
      expect(verdict(readCapture(row.file).replace(/\n/g, '\r\n'))).toBe(row.expected);
    });
  });
});

describe('the device profiles table of the corpus README', () => {
  it('names every profile of the simulator with the captures it answers from', () => {
    const text = readFileSync(path.join(CORPUS_DIR, 'README.md'), 'utf8');
    const stem = (f: string) => f.split('/')[1].replace(/\.txt$/, '');
    for (const p of DEVICE_PROFILES) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${p.id}\` |`));
      expect(row, `no README row for ${p.id}`).toBeDefined();
      for (const file of Object.values(p.captures)) expect(row, `${p.id}: ${file}`).toContain(stem(file));
    }
  });
});
