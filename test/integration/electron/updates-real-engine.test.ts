import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/main/core/logging/rotating-log';
import { createManualClock } from '../../../src/main/core/util/clock';
import type { DesktopUpdates } from '../../../src/main/electron/updater';
import { startDesktopUpdates } from '../../../src/main/electron/updater';
import type { UpdateState } from '../../../src/shared/contract/update-schemas';
import type { EngineHarness } from '../../support/engine-harness';
import { createEngineHarness, qr, sleep, until } from '../../support/engine-harness';
import { FakeUpdater } from '../../unit/main/electron/fake-updater';

// The updater (electron-updater faked as 6.8 behaves) against the real payment engine, with
// simulated phones on loopback: an update downloaded while payments run installs only once every
// one of them is final and the phones are back in rotation. The engine runs in real time; the
// updater's own clock is moved by hand, so its quiet spell and polls cost no waiting.

const QUIET = 120_000;
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

let h: EngineHarness | null = null;
let updates: DesktopUpdates | null = null;
afterEach(async () => {
  updates?.stop();
  await h?.close();
  h = null;
});

function startUpdates(harness: EngineHarness, onInstall: () => void) {
  const clock = createManualClock(Date.now());
  const updater = new FakeUpdater({ onceQuit: () => {}, quitApp: () => {} });
  const states: UpdateState[] = [];
  updates = startDesktopUpdates({
    updater,
    feedUrl: '',
    station: { payments: harness.engine, devices: harness.devices },
    log: silent,
    clock,
    onChange: (s) => states.push(s),
    quitToInstall: onInstall,
  });
  const downloaded = (): void => {
    updater.server = { kind: 'update', version: '0.2.0' };
    clock.advance(60_000);
    updater.finishDownload();
  };
  return { clock, states, downloaded };
}

describe('desktop update against the real payment engine', () => {
  it('found during a payment with another queued, installs only after both are final', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    sim.setDefaultBehavior({ kind: 'notify', afterMs: 300 });
    const engine = h.engine;
    const atInstall: string[][] = [];
    const u = startUpdates(h, () => atInstall.push(['A', 'B'].map((o) => engine.get(o)?.status ?? '?')));

    engine.create({ orderNo: 'A', amountFen: 300, qrCode: qr('3.00', 'A') });
    engine.create({ orderNo: 'B', amountFen: 500, qrCode: qr('5.00', 'B') });
    await until(() => engine.stats().inFlight === 1, 2_000, 'A in flight');
    u.downloaded();
    expect(u.states.at(-1)).toMatchObject({ phase: 'ready', waitingForPayments: true });

    // Each step is more than the quiet spell on the updater's clock, while the engine works.
    while (atInstall.length === 0) {
      u.clock.advance(QUIET + 5_000);
      await sleep(20);
      if (engine.get('B')?.status === 'succeeded') {
        u.clock.advance(QUIET + 5_000);
        break;
      }
    }
    expect(atInstall).toEqual([['succeeded', 'succeeded']]);
    expect(u.states.some((s) => s.phase === 'ready' && s.waitingForPayments)).toBe(true);
    expect(u.states.at(-1)).toMatchObject({ phase: 'installing' });
  });

  it('found while a wedged phone restarts and settles, installs only once it is back in rotation', async () => {
    h = await createEngineHarness({ resultTimeoutMs: 200, settleMs: 500 });
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'never' });
    const engine = h.engine;
    const harness = h;
    const atInstall: { mode: string; restarts: number }[] = [];
    const u = startUpdates(h, () =>
      atInstall.push({ mode: engine.phoneMode('P1').kind, restarts: harness.devices.restarts.length }),
    );

    engine.create({ orderNo: 'A', amountFen: 300, qrCode: qr('3.00', 'A') });
    expect(await h.final('A')).toMatchObject({ status: 'unknown' });
    // The payment is final, but its phone is still being restarted and settled.
    u.downloaded();
    const modes = new Set<string>();
    while (atInstall.length === 0) {
      modes.add(engine.phoneMode('P1').kind);
      u.clock.advance(QUIET + 5_000);
      await sleep(20);
    }
    expect(modes).toContain('settling');
    // Restarted after the wedge and again at the end of the settle period, then idle.
    expect(atInstall).toEqual([{ mode: 'idle', restarts: 2 }]);
  });
});
