import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../../src/shared/contract/update-schemas';
import { updateStateSchema } from '../../../../src/shared/contract/update-schemas';
import type { Logger } from '../../../../src/main/core/logging/rotating-log';
import type { ManualClock } from '../../../../src/main/core/util/clock';
import { createManualClock } from '../../../../src/main/core/util/clock';
import type { DesktopUpdates } from '../../../../src/main/electron/updater';
import { failureReason, startDesktopUpdates } from '../../../../src/main/electron/updater';
import type { FakeActivity } from './fake-activity';
import { createFakeActivity } from './fake-activity';
import { FakeUpdater } from './fake-updater';

// electron-updater faked as electron-updater 6.8 behaves (fake-updater.ts), the payment engine's
// activity set by hand, time on a manual clock: when does a downloaded update restart the station?

const START = 1_800_000_000_000;
const FIRST_CHECK = 60_000;
const QUIET = 120_000;

interface Rig {
  clock: ManualClock;
  updater: FakeUpdater;
  station: FakeActivity;
  updates: DesktopUpdates;
  states: UpdateState[];
  lines: { level: string; message: string }[];
  /** Each quit the updater asked for; the test plays the shell and runs the installer. */
  quits: (() => boolean)[];
  appQuits: number;
}

let rig: Rig | null = null;
afterEach(() => rig?.updates.stop());

function start(feedUrl = ''): Rig {
  const clock = createManualClock(START);
  const lines: Rig['lines'] = [];
  const at = (level: string) => (_scope: string, message: string) => void lines.push({ level, message });
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  const r = {
    clock,
    station: createFakeActivity(),
    states: [],
    lines,
    quits: [],
    appQuits: 0,
  } as unknown as Rig;
  r.updater = new FakeUpdater({ onceQuit: () => {}, quitApp: () => void r.appQuits++ });
  r.updates = startDesktopUpdates({
    updater: r.updater,
    feedUrl,
    station: r.station,
    log,
    clock,
    onChange: (s) => r.states.push(updateStateSchema.parse(s)),
    quitToInstall: (install) => void r.quits.push(install),
  });
  rig = r;
  return r;
}

/** The first check runs, finds `version` and downloads it. */
function downloadUpdate(r: Rig, version = '0.2.0'): void {
  r.updater.server = { kind: 'update', version };
  r.clock.advance(FIRST_CHECK);
  r.updater.finishDownload();
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('startDesktopUpdates: setup', () => {
  it('downloads in the background, installs at quit, uses the update address from settings', () => {
    const r = start('  https://updates.example.com/station/  ');
    expect(r.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(r.updater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/station/' }]);
    expect(r.updates.state()).toMatchObject({ phase: 'idle', lastError: null, checkedAt: null });
    // No check at the very start, when the station has not served its phones yet.
    r.clock.advance(FIRST_CHECK - 1);
    expect(r.updater.checks).toBe(0);
    r.clock.advance(1);
    expect(r.updater.checks).toBe(1);
    expect(r.updates.state()).toMatchObject({
      phase: 'idle',
      lastError: null,
      checkedAt: START + FIRST_CHECK,
    });
  });

  it('keeps the build’s address when the setting is empty', () => {
    expect(start('').updater.feeds).toEqual([]);
  });

  it('is off without an updater (a development build), and install now does nothing', () => {
    const updates = startDesktopUpdates({
      updater: null,
      feedUrl: '',
      station: createFakeActivity(),
      log: { debug() {}, info() {}, warn() {}, error() {} },
      onChange: () => {},
      quitToInstall: () => {
        throw new Error('no quit without an updater');
      },
    });
    expect(updates.handlers['updates:installNow'](undefined as never)).toMatchObject({ phase: 'off' });
  });
});

describe('startDesktopUpdates: never during a payment', () => {
  it('an update downloaded while a payment is in flight and another queued installs only after both are final and a quiet spell', () => {
    const r = start();
    r.station.set({ inFlight: 1, queued: 1 });
    r.updater.server = { kind: 'update', version: '0.2.0' };
    r.clock.advance(FIRST_CHECK);
    expect(r.updates.state()).toMatchObject({ phase: 'downloading', version: '0.2.0', percent: 0 });
    r.updater.finishDownload();
    expect(r.states.map((s) => s.percent).filter((p) => p !== null)).toEqual([0, 42, 100]);
    expect(r.updates.state()).toMatchObject({ phase: 'ready', version: '0.2.0', waitingForPayments: true });

    r.clock.advance(30 * 60_000);
    r.station.set({ inFlight: 1, queued: 0 });
    r.clock.advance(30 * 60_000);
    expect(r.quits).toHaveLength(0);
    // The last payment ends; the install still waits for a quiet spell, in case the next one comes.
    r.station.set({ inFlight: 0 });
    r.clock.advance(QUIET - 1_000);
    expect(r.quits).toHaveLength(0);
    expect(r.updates.state()).toMatchObject({ phase: 'ready', waitingForPayments: false });
    r.station.set({ queued: 1 });
    r.clock.advance(QUIET);
    expect(r.quits).toHaveLength(0);
    r.station.set({ queued: 0 });
    r.clock.advance(QUIET + 1_000);
    expect(r.quits).toHaveLength(1);
    expect(r.updates.state()).toMatchObject({ phase: 'installing', version: '0.2.0' });
    expect(r.lines.some((l) => l.message.includes('installing 0.2.0'))).toBe(true);

    // The shell runs the installer once the core has stopped: silent, and the new version starts.
    expect(r.quits[0]()).toBe(true);
    expect(r.updater.installs).toEqual([{ via: 'quitAndInstall', silent: true, runAfter: true }]);
    // Nothing is asked twice, even if more time passes.
    r.clock.advance(10 * QUIET);
    expect(r.quits).toHaveLength(1);
  });

  it.each(['checking', 'restarting', 'settling', 'busy'])(
    'waits while a phone is %s, even with no payment counted',
    (kind) => {
      const r = start();
      r.station.mode('P2', kind);
      downloadUpdate(r);
      r.clock.advance(10 * QUIET);
      expect(r.quits).toHaveLength(0);
      expect(r.updates.state().waitingForPayments).toBe(true);
      r.station.mode('P2', 'idle');
      r.clock.advance(QUIET + 5_000);
      expect(r.quits).toHaveLength(1);
    },
  );

  it('does not wait for a phone that is only cooling down or being cared for', () => {
    const r = start();
    r.station.mode('P1', 'cooldown');
    r.station.mode('P2', 'caring');
    downloadUpdate(r);
    r.clock.advance(QUIET + 5_000);
    expect(r.quits).toHaveLength(1);
  });
});

describe('startDesktopUpdates: install now', () => {
  it('waits for the payments going on, then installs at once (no quiet spell)', () => {
    const r = start();
    r.station.set({ inFlight: 1 });
    downloadUpdate(r);
    const asked = r.updates.handlers['updates:installNow'](undefined as never);
    expect(asked).toMatchObject({ phase: 'ready', installRequested: true, waitingForPayments: true });
    r.clock.advance(10 * 60_000);
    expect(r.quits).toHaveLength(0);
    r.station.set({ inFlight: 0 });
    // The engine's bookkeeping after its event: the next look is a second later.
    r.clock.advance(999);
    expect(r.quits).toHaveLength(0);
    r.clock.advance(1);
    expect(r.quits).toHaveLength(1);
  });

  it('installs at once when nothing is going on', () => {
    const r = start();
    downloadUpdate(r);
    r.updates.handlers['updates:installNow'](undefined as never);
    expect(r.quits).toHaveLength(1);
    expect(r.updates.state().phase).toBe('installing');
  });

  it('does nothing before an update is ready', () => {
    const r = start();
    r.updater.server = { kind: 'update', version: '0.2.0' };
    r.clock.advance(FIRST_CHECK);
    expect(r.updates.handlers['updates:installNow'](undefined as never)).toMatchObject({
      phase: 'downloading',
      installRequested: false,
    });
    r.clock.advance(10 * QUIET);
    expect(r.quits).toHaveLength(0);
  });
});

describe('startDesktopUpdates: an update server that is down', () => {
  it('logs one warning, says so in the status, keeps the station running and tries again later', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const r = start('http://127.0.0.1:9/updates');
      r.updater.server = { kind: 'down', message: 'net::ERR_CONNECTION_REFUSED' };
      r.clock.advance(FIRST_CHECK);
      await flush();
      const warnings = r.lines.filter((l) => l.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0].message).toContain('net::ERR_CONNECTION_REFUSED');
      expect(warnings[0].message).toContain('keeps running');
      expect(r.lines.filter((l) => l.level === 'error')).toEqual([]);
      expect(r.updates.state()).toMatchObject({
        phase: 'idle',
        lastError: 'net::ERR_CONNECTION_REFUSED',
        checkedAt: START + FIRST_CHECK,
      });

      // The next check, four hours later, finds the server back and the status clears.
      r.updater.server = { kind: 'none' };
      r.clock.advance(4 * 3_600_000);
      expect(r.updater.checks).toBe(2);
      expect(r.updates.state()).toMatchObject({ phase: 'idle', lastError: null });
      await flush();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a download that breaks off is a warning, not an unhandled rejection, and nothing installs', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const r = start();
      r.updater.server = { kind: 'update', version: '0.2.0' };
      r.clock.advance(FIRST_CHECK);
      await flush();
      r.updater.failDownload('socket hang up');
      await flush();
      await flush();
      expect(unhandled).toEqual([]);
      expect(r.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
        expect.stringContaining('socket hang up'),
      ]);
      expect(r.updates.state()).toMatchObject({ phase: 'idle', version: null, lastError: 'socket hang up' });
      r.clock.advance(10 * QUIET);
      expect(r.quits).toHaveLength(0);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a failed check while an update is ready keeps it ready', () => {
    const r = start();
    r.station.set({ inFlight: 1 });
    downloadUpdate(r);
    r.updater.server = { kind: 'down', message: 'HttpError: 503' };
    r.updater.emit('error', new Error('HttpError: 503'));
    expect(r.updates.state()).toMatchObject({
      phase: 'ready',
      version: '0.2.0',
      lastError: 'HttpError: 503',
    });
  });

  it('an installer that cannot start tells the shell, and the update is dropped', () => {
    const r = start();
    downloadUpdate(r);
    r.updater.installerFails = true;
    r.clock.advance(QUIET + 5_000);
    expect(r.quits[0]()).toBe(false);
    expect(r.updater.installs).toEqual([]);
    expect(r.updates.state()).toMatchObject({ phase: 'idle', lastError: 'APPIMAGE env is not defined' });
  });
});

describe('failureReason', () => {
  it('keeps the first line, shortened', () => {
    expect(failureReason(new Error('HttpError: 404 \n"method: GET"\n<html>…'))).toBe('HttpError: 404');
    expect(failureReason('x'.repeat(500))).toHaveLength(200);
    expect(failureReason(new Error(''))).toBe('unknown error');
  });
});
