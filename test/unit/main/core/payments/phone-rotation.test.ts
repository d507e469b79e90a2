import { describe, expect, it } from 'vitest';
import type {
  DeviceService,
  DeviceSnapshot,
  PaymentActivity,
} from '../../../../../src/main/core/devices/device-types';
import { createPhoneRotation } from '../../../../../src/main/core/payments/phone-rotation';
import { createManualClock } from '../../../../../src/main/core/util/clock';

/** Just enough of a DeviceService for the rotation: snapshots, restarts and activity reports. */
function stubDevices(serials: string[]) {
  const snaps = new Map<string, DeviceSnapshot>(
    serials.map((s, i) => [
      s,
      { serial: s, state: 'ready', localPort: 27000 + i, activity: { kind: 'idle' } } as DeviceSnapshot,
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
    setPaymentActivity: (s: string, a: PaymentActivity) => {
      const snap = snaps.get(s)!;
      snaps.set(s, {
        ...snap,
        activity: a,
        state: a.kind === 'idle' ? 'ready' : a.kind === 'busy' ? 'busy' : 'needs-attention',
      });
      if (a.kind === 'needs-attention')
        log.push(`${s} ${a.reason.code} ${a.reason.params?.secondsLeft ?? ''}`.trim());
      else log.push(`${s} ${a.kind}`);
    },
  } as unknown as DeviceService;
  return { devices, log, snaps, setFail: (f: boolean) => (failRestart = f) };
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
