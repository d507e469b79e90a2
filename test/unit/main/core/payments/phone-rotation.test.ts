import { describe, expect, it } from 'vitest';
import type { DeviceService, DeviceSnapshot } from '../../../../../src/main/core/devices/device-types';
import type { PhoneRotation } from '../../../../../src/main/core/payments/phone-rotation';
import { createPhoneRotation } from '../../../../../src/main/core/payments/phone-rotation';
import { createManualClock } from '../../../../../src/main/core/util/clock';

/** Just enough of a DeviceService for the rotation: raw snapshots and restarts. */
function stubDevices(serials: string[]) {
  const snaps = new Map<string, DeviceSnapshot>(
    serials.map((s, i) => [
      s,
      { serial: s, state: 'ready', localPort: 27000 + i, health: [] } as unknown as DeviceSnapshot,
    ]),
  );
  const log: string[] = [];
  let failRestart = false;
  const devices = {
    list: () => [...snaps.values()],
    get: (s: string) => snaps.get(s),
    restartApp: async (s: string) => {
      log.push(`restart ${s}`);
      if (failRestart) throw new Error('device offline');
    },
  } as unknown as DeviceService;
  /** Logs what the rotation shows for each phone, as the window would see it change. */
  const watch = (r: PhoneRotation) =>
    r.on('changed', ({ serial, activity: a }) => {
      if (a.kind === 'needs-attention')
        log.push(`${serial} ${a.reason.code} ${a.reason.params?.secondsLeft ?? ''}`.trim());
      else log.push(`${serial} ${a.kind}`);
    });
  return { devices, log, snaps, watch, setFail: (f: boolean) => (failRestart = f) };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('phone rotation', () => {
  it('picks the least recently used free phone, or the pinned one only', () => {
    const clock = createManualClock(0);
    const d = stubDevices(['A', 'B', 'C']);
    const r = createPhoneRotation({
      devices: d.devices,
      clock,
      settle: () => ({ settleMs: 0, secondRestart: false }),
      onAvailable: () => {},
    });
    expect(r.pick(null)).toBe('A');
    r.markBusy('A', 'o1');
    clock.advance(10);
    expect(r.pick(null)).toBe('B');
    r.markBusy('B', 'o2');
    clock.advance(10);
    r.release('A');
    r.release('B');
    expect(r.pick(null)).toBe('C');
    r.markBusy('C', 'o3');
    expect(r.pick(null)).toBe('A');
    expect(r.pick('C')).toBeNull();
    expect(r.pick('B')).toBe('B');
    expect(r.pick('nope')).toBeNull();
  });

  it('counts a full health read that found the port and the listener alive as a fresh verification', () => {
    const clock = createManualClock(100_000);
    const d = stubDevices(['A']);
    const r = createPhoneRotation({
      devices: d.devices,
      clock,
      settle: () => ({ settleMs: 0, secondRestart: false }),
      onAvailable: () => {},
    });
    expect(r.verifiedWithin('A', 5_000)).toBe(false);
    const check = (name: string, checkedAt: number) => ({ name, status: 'ok', checkedAt });
    // A read without the listener check proves nothing about it.
    r.deviceChanged({
      ...d.devices.get('A')!,
      health: [check('app_port_listening', 99_000)],
    } as DeviceSnapshot);
    expect(r.verifiedWithin('A', 5_000)).toBe(false);
    r.deviceChanged({
      ...d.devices.get('A')!,
      health: [check('app_port_listening', 99_000), check('notification_listener', 98_000)],
    } as DeviceSnapshot);
    // From the older of the two reads.
    expect(r.verifiedWithin('A', 2_000)).toBe(true);
    expect(r.verifiedWithin('A', 1_999)).toBe(false);
    clock.advance(10_000);
    expect(r.verifiedWithin('A', 5_000)).toBe(false);
  });

  it('never picks a phone the device manager reports as not ready', () => {
    const d = stubDevices(['A']);
    d.snaps.set('A', { ...d.snaps.get('A')!, state: 'app-down' });
    const r = createPhoneRotation({
      devices: d.devices,
      clock: createManualClock(),
      settle: () => ({ settleMs: 0, secondRestart: false }),
      onAvailable: () => {},
    });
    expect(r.pick(null)).toBeNull();
    expect(r.hasIdle()).toBe(false);
  });

  it('wedge: restart, settle with a countdown, restart again, then back in rotation', async () => {
    const clock = createManualClock(0);
    const d = stubDevices(['A']);
    let available = 0;
    const r = createPhoneRotation({
      devices: d.devices,
      clock,
      settle: () => ({ settleMs: 2_500, secondRestart: true }),
      onAvailable: () => available++,
    });
    d.watch(r);
    r.wedge('A');
    await flush();
    expect(r.mode('A')).toEqual({ kind: 'settling', until: 2_500 });
    expect(r.pick(null)).toBeNull();
    clock.advance(1_000);
    clock.advance(1_000);
    clock.advance(500);
    await flush();
    expect(d.log).toEqual([
      'A RESTARTING_APP',
      'restart A',
      'A SETTLING 3',
      'A SETTLING 2',
      'A SETTLING 1',
      'A RESTARTING_APP',
      'restart A',
      'A idle',
    ]);
    expect(r.mode('A').kind).toBe('idle');
    expect(available).toBe(1);
    expect(r.pick(null)).toBe('A');
  });

  it('a failed restart keeps the phone out and starts the wedge over later', async () => {
    const clock = createManualClock(0);
    const d = stubDevices(['A']);
    const r = createPhoneRotation({
      devices: d.devices,
      clock,
      settle: () => ({ settleMs: 0, secondRestart: false }),
      onAvailable: () => {},
      restartRetryMs: 5_000,
    });
    d.setFail(true);
    r.wedge('A');
    await flush();
    expect(r.mode('A')).toEqual({ kind: 'restart_failed', retryAt: 5_000 });
    d.setFail(false);
    clock.advance(5_000);
    await flush();
    await flush();
    expect(r.mode('A').kind).toBe('idle');
    expect(d.log.filter((l) => l.startsWith('restart'))).toHaveLength(2);
  });
});

describe("phone rotation: the engine's own modes, shown without the device manager", () => {
  function setup(serials = ['A', 'B'], settleMs = 2_500) {
    const clock = createManualClock(1_000);
    const d = stubDevices(serials);
    let available = 0;
    const r = createPhoneRotation({
      devices: d.devices,
      clock,
      settle: () => ({ settleMs, secondRestart: true }),
      onAvailable: () => available++,
      restartRetryMs: 5_000,
    });
    const reports: unknown[] = [];
    r.on('changed', (report) => reports.push(report));
    return { clock, d, r, reports, available: () => available };
  }

  it('busy with an orderNo and since, then idle; each change reported once, with its time', () => {
    const { clock, r, reports } = setup();
    expect(r.current('A')).toEqual({ serial: 'A', activity: { kind: 'idle' }, at: 0 });
    r.markBusy('A', 'o1');
    expect(r.mode('A')).toEqual({ kind: 'busy', orderNo: 'o1', since: 1_000 });
    expect(r.current('A')).toEqual({
      serial: 'A',
      activity: { kind: 'busy', orderNo: 'o1', since: 1_000 },
      at: 1_000,
    });
    clock.advance(300);
    r.release('A');
    r.release('A');
    expect(reports).toEqual([
      { serial: 'A', activity: { kind: 'busy', orderNo: 'o1', since: 1_000 }, at: 1_000 },
      { serial: 'A', activity: { kind: 'idle' }, at: 1_300 },
    ]);
  });

  it('decides eligibility from raw readiness plus its own mode', () => {
    const { d, r } = setup();
    r.markBusy('A', 'o1');
    // The device manager still says "ready" for A: its own mode keeps it out.
    expect(d.snaps.get('A')!.state).toBe('ready');
    expect(r.pick(null)).toBe('B');
    expect(r.pick('A')).toBeNull();
    d.snaps.set('B', { ...d.snaps.get('B')!, state: 'needs-attention' });
    expect(r.hasIdle()).toBe(false);
    // A phone with no forward cannot be reached, whatever its state says.
    r.release('A');
    d.snaps.set('A', { ...d.snaps.get('A')!, localPort: null });
    expect(r.pick(null)).toBeNull();
  });

  it('cooldown: out with APP_NOT_ANSWERING until its end, then idle and available on time', () => {
    const { clock, r, available } = setup();
    r.cooldown('A', 2_000);
    expect(r.current('A').activity).toMatchObject({
      kind: 'needs-attention',
      reason: { code: 'APP_NOT_ANSWERING', messageKey: 'device.reason.appNotAnswering.message' },
      until: 3_000,
    });
    expect(r.pick(null)).toBe('B');
    clock.advance(1_999);
    expect(r.mode('A').kind).toBe('cooldown');
    expect(available()).toBe(0);
    clock.advance(1);
    expect(r.mode('A').kind).toBe('idle');
    expect(r.current('A').activity).toEqual({ kind: 'idle' });
    expect(available()).toBe(1);
  });

  it('a failed restart shows why and when it is tried again', async () => {
    const { d, r } = setup();
    d.setFail(true);
    r.wedge('A');
    await flush();
    expect(r.current('A').activity).toEqual({
      kind: 'needs-attention',
      reason: {
        code: 'APP_RESTART_FAILED',
        messageKey: 'device.reason.appRestartFailed.message',
        hintKey: 'device.reason.appRestartFailed.hint',
        params: { detail: 'device offline' },
      },
      until: 6_000,
    });
  });

  it('settling comes back on time and leaves no timer behind', async () => {
    const { clock, r, available } = setup(['A'], 2_500);
    r.wedge('A');
    await flush();
    expect(r.current('A').activity).toMatchObject({
      reason: { code: 'SETTLING', params: { secondsLeft: 3 } },
      until: 3_500,
    });
    clock.advance(2_499);
    await flush();
    expect(r.mode('A').kind).toBe('settling');
    clock.advance(1);
    await flush();
    await flush();
    expect(r.mode('A').kind).toBe('idle');
    expect(available()).toBe(1);
    // Nothing ticks on once the phone is back: no countdown, no polling.
    expect(clock.pendingTimers).toBe(0);
  });

  it('asks for a pass when an idle phone becomes ready, not when it stays ready or is out', () => {
    const { d, r, available } = setup();
    const snap = (serial: string, patch: Partial<DeviceSnapshot>) => {
      d.snaps.set(serial, { ...d.snaps.get(serial)!, ...patch });
      return d.snaps.get(serial)!;
    };
    r.deviceAdded(snap('A', { state: 'connecting' }));
    expect(available()).toBe(0);
    r.deviceChanged(snap('A', { state: 'ready' }));
    expect(available()).toBe(1);
    // A health re-check that finds something new but leaves it ready frees nothing.
    r.deviceChanged(snap('A', { health: [] }));
    expect(available()).toBe(1);
    r.deviceChanged(snap('B', { state: 'ready' }));
    expect(available()).toBe(2);
    // While B is paying, its app going down and coming back frees nothing; its release does.
    r.markBusy('B', 'o1');
    r.deviceChanged(snap('B', { state: 'app-down' }));
    r.deviceChanged(snap('B', { state: 'ready' }));
    expect(available()).toBe(2);
    r.release('B');
    expect(available()).toBe(3);
    // A phone that left and comes back ready is new again.
    r.deviceRemoved('A');
    r.deviceAdded(snap('A', { state: 'ready' }));
    expect(available()).toBe(4);
  });
});
