import { afterEach, describe, expect, it } from 'vitest';
import type { PhoneCareService } from '../../../../../src/main/core/care/phone-care';
import { CARE_BACKOFF_MS, createPhoneCare } from '../../../../../src/main/core/care/phone-care';
import { deviceReason } from '../../../../../src/main/core/devices/device-reasons';
import type {
  CareRun,
  DeviceEvents,
  DeviceSnapshot,
} from '../../../../../src/main/core/devices/device-types';
import type { AuditEntry } from '../../../../../src/main/core/storage/audit-repository';
import { createManualClock } from '../../../../../src/main/core/util/clock';
import { createTypedEmitter } from '../../../../../src/main/core/util/typed-emitter';
import type { CareAction } from '../../../../../src/shared/domain/care';
import type { CareSettings } from '../../../../../src/shared/settings/care-settings';
import { STATION_SETTINGS_DEFAULTS } from '../../../../../src/shared/settings/station-settings';

// The care controller's own rules, with the device service and the engine as test doubles:
// which action answers which state, backoff and the hourly limit, waiting for a free phone, and
// stopping with a reason. What each action does on a phone is tested through the real adb
// server (test/integration/care).

const flush = () => new Promise((r) => setImmediate(r));

function rig(
  options: {
    settings?: Partial<CareSettings>;
    results?: Partial<Record<CareAction, CareRun['result']>>;
  } = {},
) {
  const clock = createManualClock(Date.UTC(2026, 11, 2, 2, 0, 0));
  const emitter = createTypedEmitter<DeviceEvents>();
  const snapshots = new Map<string, DeviceSnapshot>();
  const calls: string[] = [];
  const audit: AuditEntry[] = [];
  const released = new Set<(serial: string) => void>();
  let free = true;
  /** What the phone shows after each action: the test sets it. */
  const after = new Map<CareAction, DeviceSnapshot['reason']>();
  const settings: CareSettings = { ...STATION_SETTINGS_DEFAULTS.care, ...options.settings };

  const snap = (
    reason: DeviceSnapshot['reason'],
    state: DeviceSnapshot['state'] = 'needs-attention',
  ): DeviceSnapshot => ({
    serial: 'P1',
    state: reason ? state : 'ready',
    reason,
    model: 'M',
    brand: 'B',
    androidVersion: '13',
    rom: null,
    localPort: 27100,
    health: [],
    firstSeenAt: 0,
    updatedAt: clock.now(),
  });
  const show = (s: DeviceSnapshot) => {
    snapshots.set(s.serial, s);
    emitter.emit('changed', s);
  };

  const care: PhoneCareService = createPhoneCare({
    devices: {
      list: () => [...snapshots.values()],
      get: (serial) => snapshots.get(serial),
      on: emitter.on.bind(emitter),
      async care(serial, action) {
        calls.push(action);
        const result = options.results?.[action] ?? 'done';
        if (after.has(action)) snapshots.set(serial, snap(after.get(action) ?? null));
        return { result, detail: `${action} ${result}`, outputs: [] };
      },
    },
    tender: {
      tend: (serial, action) => {
        calls.push(`tend ${action}`);
        return free;
      },
      untend: () => calls.push('untend'),
      onReleased: (l) => {
        released.add(l);
        return () => released.delete(l);
      },
    },
    settings: () => settings,
    audit: {
      append: (e) => audit.push({ ...e, id: audit.length + 1 }),
      recent: (n) => [...audit].reverse().slice(0, n),
    },
    clock,
    onError: (err) => {
      throw err;
    },
  });
  return {
    clock,
    care,
    calls,
    audit,
    after,
    snap,
    show,
    setFree: (v: boolean) => (free = v),
    release: (serial: string) => released.forEach((l) => l(serial)),
  };
}

let current: PhoneCareService | null = null;
afterEach(async () => {
  await current?.stop();
  current = null;
});

describe('phone care: which action answers which state', () => {
  it.each([
    ['APP_DOWN', 'revive_app'],
    ['NOTIFICATION_LISTENER_UNBOUND', 'rebind_listener'],
    ['SCREEN_OFF', 'keep_awake'],
    ['SCREEN_LOCKED', 'dismiss_keyguard'],
  ] as const)('%s → %s, recorded in the audit log and the view', async (code, action) => {
    const r = rig();
    current = r.care;
    r.care.start();
    r.after.set(action, null);
    r.show(r.snap(deviceReason(code)));
    await flush();
    expect(r.calls).toEqual([`tend ${action}`, action, 'untend']);
    expect(r.audit).toMatchObject([
      {
        actor: 'station',
        action: `care.${action}`,
        subject: 'device:P1',
        detail: { why: code, result: 'done' },
      },
    ]);
    expect(r.care.view('P1').recent[0]).toMatchObject({ action, result: 'done', why: code });
  });

  it('does nothing for a reason only the cashier can fix (notification access off)', async () => {
    const r = rig();
    current = r.care;
    r.care.start();
    r.show(r.snap(deviceReason('NOTIFICATION_ACCESS_OFF', { package: 'com.cashier.phone' })));
    await flush();
    r.clock.advance(10_000);
    expect(r.calls).toEqual([]);
  });

  it('an action turned off in Settings does not run', async () => {
    const r = rig({ settings: { reviveApp: false } });
    current = r.care;
    r.care.start();
    r.show(r.snap(deviceReason('APP_DOWN', { port: 10010 })));
    r.clock.advance(5_000);
    await flush();
    expect(r.calls).toEqual([]);
  });
});

describe('phone care waits for a free phone', () => {
  it('never acts while the engine holds the phone, and acts once it lets go', async () => {
    const r = rig();
    current = r.care;
    r.setFree(false);
    r.care.start();
    r.after.set('revive_app', null);
    r.show(r.snap(deviceReason('APP_DOWN', { port: 10010 })));
    r.clock.advance(3_000);
    await flush();
    expect(r.calls.filter((c) => c === 'revive_app')).toEqual([]);
    r.setFree(true);
    r.release('P1');
    await flush();
    expect(r.calls.filter((c) => c === 'revive_app')).toEqual(['revive_app']);
  });
});

describe('phone care backs off, then stops with a reason', () => {
  it('a revival that does not bring the app back is tried after 5 s, 30 s, 2 min, then stops', async () => {
    const r = rig();
    current = r.care;
    r.care.start();
    // The app stays down after every revival.
    r.after.set('revive_app', deviceReason('APP_DOWN', { port: 10010 }));
    r.show(r.snap(deviceReason('APP_DOWN', { port: 10010 })));
    await flush();
    const revivals = () => r.calls.filter((c) => c === 'revive_app').length;
    expect(revivals()).toBe(1);
    for (const [i, wait] of CARE_BACKOFF_MS.entries()) {
      r.clock.advance(wait - 1_000);
      await flush();
      expect(revivals(), `before backoff ${i + 1}`).toBe(i + 1);
      r.clock.advance(1_000);
      await flush();
      expect(revivals(), `after backoff ${i + 1}`).toBe(i + 2);
    }
    expect(r.care.view('P1').stopped).toMatchObject({
      action: 'revive_app',
      code: 'GAVE_UP',
      params: { count: 3 },
    });
    r.clock.advance(600_000);
    await flush();
    expect(revivals()).toBe(4);
    expect(r.audit.map((e) => e.detail.result)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
      'needs_person',
    ]);
  });

  it('after the hourly limit of revivals, stops with "the app keeps dying"', async () => {
    const r = rig({ settings: { reviveLimitPerHour: 3 } });
    current = r.care;
    r.care.start();
    r.after.set('revive_app', null);
    for (let i = 0; i < 4; i++) {
      // The ROM kills the app again a few minutes after each revival.
      r.show(r.snap(deviceReason('APP_DOWN', { port: 10010 })));
      await flush();
      r.clock.advance(5 * 60_000);
    }
    expect(r.calls.filter((c) => c === 'revive_app')).toHaveLength(3);
    expect(r.care.view('P1')).toMatchObject({
      revivalsToday: 3,
      stopped: {
        action: 'revive_app',
        code: 'APP_KEEPS_DYING',
        messageKey: 'care.stopped.appKeepsDying.message',
        params: { count: 3 },
      },
    });
  });

  it('a secure lock stops the dismissal until the phone shows something else', async () => {
    const r = rig({ results: { dismiss_keyguard: 'needs_person' } });
    current = r.care;
    r.care.start();
    r.show(r.snap(deviceReason('SCREEN_LOCKED')));
    await flush();
    expect(r.care.view('P1').stopped).toMatchObject({ action: 'dismiss_keyguard', code: 'SECURE_LOCK' });
    r.clock.advance(600_000);
    await flush();
    expect(r.calls.filter((c) => c === 'dismiss_keyguard')).toHaveLength(1);
    // Unlocked by hand: the stop lifts, and a later lock screen is tried again.
    r.show(r.snap(null));
    await flush();
    expect(r.care.view('P1').stopped).toBeNull();
    r.show(r.snap(deviceReason('SCREEN_LOCKED')));
    await flush();
    expect(r.calls.filter((c) => c === 'dismiss_keyguard')).toHaveLength(2);
  });

  it('where the rebind command does not exist, the listener is rebound by restarting the app', async () => {
    const r = rig({ results: { rebind_listener: 'unsupported' } });
    current = r.care;
    r.care.start();
    r.after.set('revive_app', null);
    r.show(r.snap(deviceReason('NOTIFICATION_LISTENER_UNBOUND')));
    await flush();
    await flush();
    expect(r.calls.filter((c) => !c.startsWith('tend') && c !== 'untend')).toEqual([
      'rebind_listener',
      'revive_app',
    ]);
  });
});

describe('phone care after a restart of the station', () => {
  it('counts the revivals of the last hour from the audit log', async () => {
    const first = rig({ settings: { reviveLimitPerHour: 2 } });
    current = first.care;
    first.care.start();
    first.after.set('revive_app', null);
    for (let i = 0; i < 2; i++) {
      first.show(first.snap(deviceReason('APP_DOWN', { port: 10010 })));
      await flush();
    }
    expect(first.care.view('P1').revivalsToday).toBe(2);
    await first.care.stop();
    current = null;
    // A new controller over the same audit log.
    const again = createPhoneCare({
      devices: {
        list: () => [],
        get: () => undefined,
        on: () => () => undefined,
        care: async () => ({ result: 'done', detail: '', outputs: [] }),
      },
      tender: { tend: () => true, untend: () => undefined, onReleased: () => () => undefined },
      settings: () => STATION_SETTINGS_DEFAULTS.care,
      audit: { append: () => 0, recent: (n) => [...first.audit].reverse().slice(0, n) },
      clock: first.clock,
      onError: (err) => {
        throw err;
      },
    });
    again.start();
    expect(again.view('P1')).toMatchObject({
      revivalsToday: 2,
      recent: [{ action: 'revive_app' }, { action: 'revive_app' }],
    });
    await again.stop();
  });
});
