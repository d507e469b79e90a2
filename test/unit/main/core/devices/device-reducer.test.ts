import { describe, expect, it } from 'vitest';
import type {
  DeviceAction,
  DeviceChange,
  DeviceTable,
} from '../../../../../src/main/core/devices/device-reducer';
import { reduceDevices } from '../../../../../src/main/core/devices/device-reducer';
import type { DeviceSnapshot, HealthCheckResult } from '../../../../../src/main/core/devices/device-types';
import { combineDeviceView } from '../../../../../src/main/core/payments/device-view';
import type { PhoneActivity } from '../../../../../src/main/core/payments/phone-activity';
import { BLOCKING_CHECKS } from '../../../../../src/main/core/devices/health-checks';

const ctx = { appPackage: 'com.cashier.phone', appPort: 10010 };
const S = 'SER1';
const props = { model: 'MI 8', brand: 'Xiaomi', androidVersion: '10', rom: null };

function okHealth(at = 1): HealthCheckResult[] {
  return BLOCKING_CHECKS.map((name) => ({ name, status: 'ok', checkedAt: at }));
}

/** Runs actions in order; returns the final table and every change with its state. */
function run(actions: DeviceAction[], start: DeviceTable = new Map()) {
  let table = start;
  const changes: DeviceChange[] = [];
  for (const a of actions) {
    const r = reduceDevices(table, a, ctx);
    table = r.table;
    changes.push(...r.changes);
  }
  return { table, changes, states: changes.map((c) => `${c.kind}:${c.snapshot.state}`) };
}

const attachToReady = (gen = 1): DeviceAction[] => [
  { type: 'adb-state', serial: S, adbType: 'offline', rawType: 'offline', at: 1 },
  { type: 'adb-state', serial: S, adbType: 'device', rawType: 'device', at: 2 },
  { type: 'forward', serial: S, generation: gen + 1, localPort: 27100, error: null, at: 3 },
  { type: 'probed', serial: S, generation: gen + 1, props, health: okHealth(), at: 4 },
];

describe('reduceDevices', () => {
  it('walks a plugged phone offline → connecting → ready, one change per visible difference', () => {
    const r = run(attachToReady());
    // The forward comes up while still connecting: the port is visible, so that is a change too.
    expect(r.states).toEqual(['added:offline', 'changed:connecting', 'changed:connecting', 'changed:ready']);
    expect(r.changes.map((c) => c.snapshot.localPort)).toEqual([null, null, 27100, 27100]);
    const snap = r.table.get(S)!.snapshot;
    expect(snap).toMatchObject({
      state: 'ready',
      reason: null,
      localPort: 27100,
      model: 'MI 8',
      firstSeenAt: 1,
    });
  });

  it('drops results of an earlier attach (stale generation)', () => {
    const r = run([
      ...attachToReady(),
      { type: 'adb-state', serial: S, adbType: 'offline', rawType: 'offline', at: 5 },
      { type: 'adb-state', serial: S, adbType: 'device', rawType: 'device', at: 6 },
      // A probe of generation 2 finishing late must not make the new attach look ready.
      { type: 'probed', serial: S, generation: 2, props, health: okHealth(), at: 7 },
    ]);
    expect(r.table.get(S)!.snapshot.state).toBe('connecting');
    expect(r.table.get(S)!.generation).toBe(3);
  });

  it('removes a phone as gone, with its forward cleared', () => {
    const r = run([...attachToReady(), { type: 'adb-gone', serial: S, at: 9 }]);
    expect(r.table.has(S)).toBe(false);
    const last = r.changes[r.changes.length - 1];
    expect(last).toMatchObject({
      kind: 'removed',
      snapshot: { state: 'gone', localPort: null, reason: { code: 'DEVICE_GONE' } },
    });
  });

  it('marks every phone offline when the server is lost and probes again when it is seen', () => {
    const r = run([...attachToReady(), { type: 'server-lost', at: 10 }]);
    expect(r.table.get(S)!.snapshot).toMatchObject({
      state: 'offline',
      reason: { code: 'ADB_SERVER_DOWN' },
      localPort: null,
    });
    const back = run(
      [{ type: 'adb-state', serial: S, adbType: 'device', rawType: 'device', at: 11 }],
      r.table,
    );
    expect(back.states).toEqual(['changed:connecting']);
    expect(back.table.get(S)!.facts.probe).toBe('pending');
  });

  it('shows unauthorized with the guidance reason', () => {
    const r = run([
      { type: 'adb-state', serial: S, adbType: 'unauthorized', rawType: 'unauthorized', at: 1 },
    ]);
    expect(r.table.get(S)!.snapshot.reason).toEqual({
      code: 'ADB_UNAUTHORIZED',
      messageKey: 'device.reason.unauthorized.message',
      hintKey: 'device.reason.unauthorized.hint',
    });
  });

  it.each([
    ['app_installed', 'no-app', 'APP_NOT_INSTALLED'],
    ['app_port_listening', 'app-down', 'APP_DOWN'],
    ['notification_access', 'needs-attention', 'NOTIFICATION_ACCESS_OFF'],
    ['notification_listener', 'needs-attention', 'NOTIFICATION_LISTENER_UNBOUND'],
    ['alipay_installed', 'needs-attention', 'ALIPAY_NOT_INSTALLED'],
    ['screen_awake', 'needs-attention', 'SCREEN_OFF'],
    ['screen_unlocked', 'needs-attention', 'SCREEN_LOCKED'],
  ] as const)('a failed %s check gives %s (%s); warn never blocks', (name, state, code) => {
    const failing = okHealth().map((h) => (h.name === name ? { ...h, status: 'fail' as const } : h));
    const r = run([...attachToReady(), { type: 'health', serial: S, generation: 2, health: failing, at: 5 }]);
    expect(r.table.get(S)!.snapshot).toMatchObject({ state, reason: { code } });
    const warned = okHealth().map((h) => (h.name === name ? { ...h, status: 'warn' as const } : h));
    const w = run([{ type: 'health', serial: S, generation: 2, health: warned, at: 6 }], r.table);
    expect(w.table.get(S)!.snapshot.state).toBe('ready');
  });

  it('knows nothing of payments; their activity is shown over ready only', () => {
    const reason = { code: 'SETTLING', messageKey: 'm', hintKey: 'h' };
    const shown = (snap: DeviceSnapshot, activity: PhoneActivity) =>
      combineDeviceView(snap, { serial: S, activity, at: 5 });
    const busy: PhoneActivity = { kind: 'busy', orderNo: 'A1', since: 5 };
    const r = run(attachToReady());
    expect(r.table.get(S)!.snapshot).not.toHaveProperty('activity');
    expect(shown(r.table.get(S)!.snapshot, busy).state).toBe('busy');
    const down = okHealth().map((h) =>
      h.name === 'app_port_listening' ? { ...h, status: 'fail' as const } : h,
    );
    const r2 = run([{ type: 'health', serial: S, generation: 2, health: down, at: 6 }], r.table);
    expect(shown(r2.table.get(S)!.snapshot, busy).state).toBe('app-down');
    const r3 = run([{ type: 'health', serial: S, generation: 2, health: okHealth(), at: 7 }], r2.table);
    expect(shown(r3.table.get(S)!.snapshot, { kind: 'needs-attention', reason, until: null })).toMatchObject({
      state: 'needs-attention',
      reason,
    });
  });

  it('emits nothing when a re-check finds nothing new, but keeps the fresh check times', () => {
    const r = run(attachToReady());
    const again = run([{ type: 'health', serial: S, generation: 2, health: okHealth(9), at: 9 }], r.table);
    expect(again.changes).toEqual([]);
    const snap = again.table.get(S)!.snapshot;
    expect(snap.health.every((h) => h.checkedAt === 9)).toBe(true);
    expect(snap.updatedAt).toBe(4);
  });

  it('a phone without a forward needs attention, with the forward error as detail', () => {
    const r = run([
      { type: 'adb-state', serial: S, adbType: 'device', rawType: 'device', at: 1 },
      { type: 'forward', serial: S, generation: 1, localPort: null, error: 'no port', at: 2 },
      { type: 'probed', serial: S, generation: 1, props, health: okHealth(), at: 3 },
    ]);
    expect(r.table.get(S)!.snapshot).toMatchObject({
      state: 'needs-attention',
      reason: { code: 'FORWARD_FAILED', params: { detail: 'no port' } },
    });
  });
});
