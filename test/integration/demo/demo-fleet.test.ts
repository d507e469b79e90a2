import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alive, count, processesMentioning, runDemo } from './demo-process';

// `npm run demo -- --fleet` end to end: a private redis-server, two stations (serve child
// processes in fleet mode), each with its own private adb server and two simulated phones, and
// the simulated backend adding signed entries and reading the signed results. The truth about
// "paid once" is what the phone apps received, counted by the demo from every phone.

const STATIONS = ['st-A', 'st-B'];

describe('npm run demo -- --fleet', () => {
  it('shares the payments between two stations on one Redis, every result signed, none PAYed twice, then leaves nothing behind', async () => {
    const { code, out } = await runDemo(
      ['--fleet', '--serve', '--fast', '--duration', '20', '--no-open', '--no-build'],
      150_000,
    );
    expect(code, out).toBe(0);

    // Both stations joined the same fleet and saw each other.
    expect(out).toMatch(/fleet {5}GET \/api\/v1\/fleet on st-A: redis connected, stations .*st-A \(2 ready/);
    expect(out).toMatch(/fleet {5}GET \/api\/v1\/fleet on st-A: .*st-B \(2 ready/);
    expect(out).toMatch(/fleet {5}→ order FO-\S+ ¥[0-9.]+ .* on cs:store:shop-1:orders/);
    expect(out).toMatch(/fleet {5}→ rush hour: 4 payments at once/);
    for (const id of STATIONS)
      expect(out).toMatch(
        new RegExp(
          `fleet {5}← FP-\\S+ ¥[0-9.]+ → station ${id} \\(succeeded on ${id}/.*, signature valid\\)`,
        ),
      );
    expect(out).not.toMatch(/INVALID|REFUSED/);

    const summary = /fleet summary: .*/.exec(out)?.[0] ?? '';
    expect(summary, out).not.toBe('');
    const payments = count(summary, 'payments');
    expect(payments).toBeGreaterThanOrEqual(8);
    // Every payment ended, and ended paid: the phones here always answer.
    expect(count(summary, 'succeeded')).toBe(payments);
    expect(count(summary, 'unsettled')).toBe(0);
    expect(count(summary, 'bad-signatures')).toBe(0);
    expect(count(summary, 'refused')).toBe(0);
    expect(count(summary, 'paid-twice')).toBe(0);
    const storeEntries = count(summary, 'orders') + count(summary, 'reminders');
    let paid = 0;
    for (const id of STATIONS) {
      // Each station paid some, and each payment it reported reached one of its phones once.
      expect(count(summary, `${id}.paid`), summary).toBeGreaterThanOrEqual(1);
      expect(count(summary, `${id}.pays`)).toBe(count(summary, `${id}.paid`));
      paid += count(summary, `${id}.paid`);
      // Every window took in every order and reminder of the store.
      expect(count(summary, `${id}.store-entries`)).toBe(storeEntries);
    }
    expect(paid).toBe(payments);
    expect(out).toMatch(/no order was PAYed twice/);

    // Clean exit: each station removed its forwards, then every process and folder is gone.
    expect(out).toMatch(/demo: stopped cleanly\./);
    for (const id of STATIONS) {
      const tag = id.padEnd(9);
      expect(out).toContain(`${tag} forwards left on its adb server: 0\n`);
      const adb = new RegExp(`${tag} private adb server on 127\\.0\\.0\\.1:([0-9]+) \\(pid ([0-9]+)`).exec(
        out,
      );
      const station = new RegExp(`${tag} station API at \\S+ \\(pid ([0-9]+)\\)`).exec(out);
      const dataDir = new RegExp(`${tag} starting the station: data in (\\S+) \\(temporary\\)`).exec(out);
      expect(adb && station && dataDir, out).toBeTruthy();
      expect(out).toMatch(new RegExp(`${tag} station \\(pid ${station![1]}\\) exited with code 0`));
      expect(alive(Number(adb![2]))).toBe(false);
      expect(alive(Number(station![1]))).toBe(false);
      expect(processesMentioning(`-P ${adb![1]}`)).toEqual([]);
      expect(existsSync(dataDir![1])).toBe(false);
    }
    const redis = /private redis-server on 127\.0\.0\.1:([0-9]+) \(pid ([0-9]+);.* data in (\S+),/.exec(out);
    expect(redis, out).toBeTruthy();
    expect(alive(Number(redis![2]))).toBe(false);
    // redis-server retitles itself `redis-server 127.0.0.1:PORT`; the stations named it in --fleet.
    expect(processesMentioning(`127.0.0.1:${redis![1]}`)).toEqual([]);
    expect(existsSync(redis![3])).toBe(false);
  }, 180_000);

  it('is listed in --help, and refused with --electron', async () => {
    const help = await runDemo(['--help'], 60_000);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--fleet\s+two stations sharing one private Redis/);
    const bad = await runDemo(['--no-build', '--fleet', '--electron'], 60_000);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/--fleet runs two stations side by side.*Drop --electron/);
  }, 120_000);
});
