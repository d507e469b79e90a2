import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Logger } from '../src/main/core/logging/rotating-log';
import { createRotatingLog } from '../src/main/core/logging/rotating-log';
import { makeTempDir } from '../test/support/temp-dir';

/**
 * The station's log file writer: lines per second through the shell's `Logger` (with rotation at
 * 1 MiB, 5 files kept, as in the app), and what a burst of 10,000 lines costs the event loop:
 * how long the burst's own tick blocks, the longest the loop waited until the lines were on
 * disk, and how long that took.
 */
const THROUGHPUT_LINES = 50_000;
const BURST_LINES = 10_000;
const ROUNDS = 3;

interface BenchLog {
  log: Logger;
  /** Resolves once every line written so far is in the file. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

async function openLog(dir: string): Promise<BenchLog> {
  // Writes are synchronous: a line is in the file when the call returns.
  const log = createRotatingLog({ dir });
  return { log, settle: async () => {}, close: async () => {} };
}

const boom = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27105'), { code: 'ECONNREFUSED' });

/** A mix like the station's: mostly short info lines, some with a detail object, a few errors. */
function writeLine(log: Logger, i: number): void {
  if (i % 50 === 49) log.error('payments', `payment A${i} could not reach phone R58M${i % 7}`, boom);
  else if (i % 5 === 4)
    log.info('devices', `phone R58M${i % 7} is ready`, { serial: `R58M${i % 7}`, port: 27100 + (i % 7) });
  else log.info('payments', `payment A${i} sent to phone R58M${i % 7}, waiting for its result`);
}

async function throughput(): Promise<number> {
  const tmp = makeTempDir('bench-log-');
  const bench = await openLog(tmp.dir);
  const start = performance.now();
  for (let i = 0; i < THROUGHPUT_LINES; i++) writeLine(bench.log, i);
  await bench.settle();
  const seconds = (performance.now() - start) / 1000;
  await bench.close();
  tmp.cleanup();
  return THROUGHPUT_LINES / seconds;
}

async function burst(): Promise<{ blockMs: number; maxDelayMs: number; onDiskMs: number }> {
  const tmp = makeTempDir('bench-log-');
  const bench = await openLog(tmp.dir);
  for (let i = 0; i < 100; i++) writeLine(bench.log, i);
  await bench.settle();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // Let the monitor take its first sample before the burst.
  await new Promise((r) => setTimeout(r, 20));
  const start = performance.now();
  for (let i = 0; i < BURST_LINES; i++) writeLine(bench.log, i);
  const blockMs = performance.now() - start;
  await bench.settle();
  const onDiskMs = performance.now() - start;
  // One more turn of the loop so that the monitor sees the last stall.
  await new Promise((r) => setTimeout(r, 5));
  delay.disable();
  await bench.close();
  const files = fs.readdirSync(tmp.dir).length;
  tmp.cleanup();
  if (files === 0) throw new Error('the log wrote no file');
  return { blockMs, maxDelayMs: delay.max / 1e6, onDiskMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  console.log('\n== log: the station log file (median of 3 rounds) ==');
  await throughput(); // warm-up
  const rates: number[] = [];
  const bursts: { blockMs: number; maxDelayMs: number; onDiskMs: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rates.push(await throughput());
    bursts.push(await burst());
  }
  console.log(`log: ${THROUGHPUT_LINES} lines written: ${median(rates).toFixed(0)} lines/s`);
  console.log(
    `log: burst of ${BURST_LINES} lines: blocks its tick ${median(bursts.map((b) => b.blockMs)).toFixed(1)} ms, ` +
      `longest event-loop stall ${median(bursts.map((b) => b.maxDelayMs)).toFixed(1)} ms, ` +
      `all on disk after ${median(bursts.map((b) => b.onDiskMs)).toFixed(1)} ms`,
  );
}
