import { existsSync, readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alive, count, processesMentioning, runDemo } from './demo-process';

// `npm run demo` end to end: the real script, a real private adb server, three simulated phones,
// the station as a child process, the simulated backend and its callback receiver. Fast pace and
// a bounded duration; then everything must be gone.

describe('npm run demo', () => {
  it('shows orders, reminders, payments with one wedge, and callbacks, then stops leaving nothing behind', async () => {
    const { code, out } = await runDemo(['--no-build', '--fast', '--no-open', '--duration', '20'], 120_000);
    expect(code, out).toBe(0);

    // The story happened, in the backend's and the phones' words.
    expect(out).toMatch(/device {4}Redmi Note 8 Pro \(android11-miui\) is ready/);
    expect(out).toMatch(/backend {3}→ new order O-/);
    expect(out).toMatch(/backend {3}→ rush reminder for O-/);
    expect(out).toMatch(
      /backend {3}← P-\S+ succeeded on (Redmi Note 8 Pro|JKM-AL00|PHM110) \(android\w+-\w+\): "你已成功付款[0-9.]+元"/,
    );
    expect(out).toMatch(
      /phone {5}PHM110 \(android15-coloros\) opened Alipay… and no notification will ever come/,
    );
    expect(out).toMatch(/backend {3}← P-\S+ is UNKNOWN on PHM110 \(android15-coloros\) \(reason timeout\)/);
    expect(out).toMatch(/callback {2}← P-\S+ unknown \(timeout\) ¥[0-9.]+, event \S+, signature valid/);
    expect(out).toMatch(/PHM110 \(android15-coloros\) recovered: its app was restarted/);
    expect(out).toMatch(/What to watch for/);

    const summary = /demo summary: .*/.exec(out)?.[0] ?? '';
    expect(summary, out).not.toBe('');
    expect(count(summary, 'orders')).toBeGreaterThanOrEqual(3);
    expect(count(summary, 'reminders')).toBeGreaterThanOrEqual(2);
    expect(count(summary, 'succeeded')).toBeGreaterThanOrEqual(4);
    expect(count(summary, 'unknown')).toBe(1);
    expect(count(summary, 'failed')).toBe(0);
    // Payments that ended were called back, with a signature the backend could verify (the very
    // last one may still be in the outbox when the duration ends).
    expect(count(summary, 'callbacks')).toBeGreaterThanOrEqual(4);
    expect(count(summary, 'bad-signatures')).toBe(0);
    expect(count(summary, 'recoveries')).toBeGreaterThanOrEqual(1);

    // Clean exit: the station removed its forwards, then adb and the station are gone.
    expect(out).toMatch(/forwards left on the demo adb server: 0\b/);
    expect(out).toMatch(/station \(pid [0-9]+\) exited with code 0/);
    expect(out).toMatch(/demo: stopped cleanly\./);
    const adbPort = /private adb server on 127\.0\.0\.1:([0-9]+) \(pid ([0-9]+)/.exec(out);
    const stationPid = /station API at \S+ \(pid ([0-9]+)\)/.exec(out);
    expect(adbPort && stationPid, out).toBeTruthy();
    expect(alive(Number(adbPort![2]))).toBe(false);
    expect(alive(Number(stationPid![1]))).toBe(false);
    expect(processesMentioning(`-P ${adbPort![1]}`)).toEqual([]);
    // Every new order printed its ticket on the simulated ESC/POS printer, decoded into a file
    // that outlives the demo, where the summary says.
    const ticketsFile = /the printed tickets, as the kitchen would read them: (\S+)/.exec(out)?.[1];
    expect(ticketsFile, out).toBeDefined();
    expect(out).toMatch(/printer {3}printed ticket for O-\S+ \(\d+ lines\)/);
    const tickets = readFileSync(ticketsFile!, 'utf8');
    rmSync(ticketsFile!);
    const printedOrders = [...tickets.matchAll(/^订单号: (O-\S+)$/gm)].map((m) => m[1]);
    expect(printedOrders.length).toBe(count(summary, 'tickets'));
    expect(printedOrders.length).toBeGreaterThanOrEqual(count(summary, 'orders') - 1);
    expect(new Set(printedOrders).size).toBe(printedOrders.length);
    expect(tickets).toMatch(/^合计 +\d+\.\d{2}$/m);
    // 58 mm paper: no printed line is wider than 32 columns (a CJK character takes two).
    const width = (l: string) =>
      [...l].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    const lines = tickets.split('\n').filter((l) => !l.startsWith('Tickets printed') && !l.startsWith('✂'));
    expect(lines.filter((l) => width(l) > 32)).toEqual([]);
    // The temporary data folder went too.
    const dataDir = /data in (\S+) \(temporary/.exec(out)?.[1];
    expect(dataDir).toBeDefined();
    expect(existsSync(dataDir!)).toBe(false);
  }, 150_000);

  it('explains its options, and refuses an unknown one by name', async () => {
    const help = await runDemo(['--help'], 60_000);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/usage: npm run demo -- \[options\]/);
    expect(help.out).toMatch(/--duration SEC/);
    const bad = await runDemo(['--no-build', '--speed', '3'], 60_000);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/Unknown option "--speed"/);
  }, 120_000);
});
