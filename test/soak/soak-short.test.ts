import { describe, expect, it } from 'vitest';
import { formatReport } from './soak-check';
import { FAULT_KINDS, SOAK_DEFAULTS } from './soak-options';
import { runSoak } from './soak-run';

// The chaos soak's short, fixed-seed run (issue 15): the real station under `npm run serve` in
// fleet mode, Debian's adb server, redis-server, four simulated phones of real profiles, a signed
// backend (half the payments over HTTP, half through the Redis stream) and a callback receiver,
// with every fault kind at least once. The long run is `npm run soak -- --payments 10000`.

describe('chaos soak, short fixed-seed run', () => {
  it('loses nothing, pays nothing twice, misattributes nothing, and explains every unknown', async () => {
    const lines: string[] = [];
    const report = await runSoak(
      {
        ...SOAK_DEFAULTS,
        payments: 300,
        phones: 4,
        faultEverySec: 4,
        seed: 15,
        rate: 6,
        progressSec: 0,
        fleet: true,
        faults: FAULT_KINDS,
      },
      (line) => lines.push(line),
    );
    const table = formatReport(report);
    // Shown in the test output, and in the failure message when an invariant breaks.
    console.log(table);
    expect(report.payments.accepted, table).toBe(300);
    for (const kind of FAULT_KINDS)
      expect(report.faults[kind], `${kind}\n${table}`).toBeGreaterThanOrEqual(1);
    expect(report.lost, table).toEqual([]);
    expect(report.notFinal, table).toEqual([]);
    expect(report.paidTwice, table).toEqual([]);
    expect(report.misattributed, table).toEqual([]);
    expect(report.unexplained, table).toEqual([]);
    expect(report.callbacks.missing, table).toEqual([]);
    expect(report.callbacks.extra, table).toEqual([]);
    expect(report.leftovers, table).toEqual({ processes: [], forwards: [] });
    expect(report.fleet?.viaRedis, table).toBe(150);
    expect(report.fleet?.missingResults, table).toEqual([]);
    expect(report.fleet?.refused, table).toEqual([]);
    expect(report.trouble, table).toEqual([]);
    // The run did what a soak is for: every final state occurred, and the station was killed and came back.
    expect(report.finals.succeeded, table).toBeGreaterThan(100);
    expect(report.finals.failed, table).toBeGreaterThan(0);
    expect(report.finals.unknown, table).toBeGreaterThan(0);
    expect(report.ok, `${table}\n${lines.join('\n')}`).toBe(true);
  }, 400_000);
});
