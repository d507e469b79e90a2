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
 *
 * Beside today's writer it measures pino with pino-roll, the maintained rotation for pino, as a
 * candidate replacement, when pino-roll is installed (`npm install --no-save pino-roll`): it is
 * not a dependency, because it cannot keep `logs/station.log` or the text lines (see
 * rotating-log.ts), so this is how the choice can be checked again.
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

interface Candidate {
  name: string;
  open(dir: string): Promise<BenchLog>;
}

const today: Candidate = {
  name: 'rotating-log.ts (appendFileSync per line)',
  async open(dir) {
    // Writes are synchronous: a line is in the file when the call returns.
    const log = createRotatingLog({ dir });
    return { log, settle: async () => {}, close: async () => {} };
  },
};

/** The parts of pino and of pino-roll's SonicBoom stream this bench uses. */
interface PinoLike {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
interface SonicBoomLike {
  flush(cb: (err?: Error | null) => void): void;
  end(): void;
  once(event: 'close', cb: () => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
}
type PinoFactory = (options: object, stream: SonicBoomLike) => PinoLike & { level: string };
type PinoRoll = (options: object) => Promise<SonicBoomLike>;

/** pino + pino-roll in this thread, sync and async; none when pino-roll is not installed. */
async function pinoCandidates(): Promise<Candidate[]> {
  // Computed names: neither TypeScript nor the bundler should look for an optional module.
  const names = ['pino', 'pino-roll'];
  let pino: PinoFactory;
  let pinoRoll: PinoRoll;
  try {
    pino = ((await import(names[0])) as { default: PinoFactory }).default;
    pinoRoll = ((await import(names[1])) as { default: PinoRoll }).default;
  } catch {
    return [];
  }
  const candidate = (sync: boolean): Candidate => ({
    name: `pino + pino-roll (${sync ? 'sync' : 'async'} SonicBoom)`,
    async open(dir) {
      const stream = await pinoRoll({
        file: `${dir}/station`,
        extension: '.log',
        size: '1m',
        limit: { count: 5, removeOtherLogFiles: true },
        sync,
      });
      stream.on('error', () => {});
      const p = pino({ base: null }, stream);
      const at =
        (level: 'info' | 'error') =>
        (scope: string, message: string, detail?: unknown): void =>
          p[level](detail instanceof Error ? { scope, err: detail } : { scope, detail }, message);
      const log: Logger = { debug: () => {}, info: at('info'), warn: at('info'), error: at('error') };
      const settle = () =>
        new Promise<void>((resolve, reject) => stream.flush((e) => (e ? reject(e) : resolve())));
      const close = async () => {
        await settle();
        const closed = new Promise<void>((resolve) => stream.once('close', resolve));
        stream.end();
        await closed;
      };
      return { log, settle, close };
    },
  });
  return [candidate(true), candidate(false)];
}

const boom = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27105'), { code: 'ECONNREFUSED' });

/** A mix like the station's: mostly short info lines, some with a detail object, a few errors. */
function writeLine(log: Logger, i: number): void {
  if (i % 50 === 49) log.error('payments', `payment A${i} could not reach phone R58M${i % 7}`, boom);
  else if (i % 5 === 4)
    log.info('devices', `phone R58M${i % 7} is ready`, { serial: `R58M${i % 7}`, port: 27100 + (i % 7) });
  else log.info('payments', `payment A${i} sent to phone R58M${i % 7}, waiting for its result`);
}

async function throughput(candidate: Candidate): Promise<number> {
  const tmp = makeTempDir('bench-log-');
  const bench = await candidate.open(tmp.dir);
  const start = performance.now();
  for (let i = 0; i < THROUGHPUT_LINES; i++) writeLine(bench.log, i);
  await bench.settle();
  const seconds = (performance.now() - start) / 1000;
  await bench.close();
  tmp.cleanup();
  return THROUGHPUT_LINES / seconds;
}

async function burst(
  candidate: Candidate,
): Promise<{ blockMs: number; maxDelayMs: number; onDiskMs: number }> {
  const tmp = makeTempDir('bench-log-');
  const bench = await candidate.open(tmp.dir);
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
  console.log(`\n== log: the station log file (median of ${ROUNDS} rounds) ==`);
  const extra = await pinoCandidates();
  for (const candidate of [today, ...extra]) {
    await throughput(candidate); // warm-up
    const rates: number[] = [];
    const bursts: { blockMs: number; maxDelayMs: number; onDiskMs: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      rates.push(await throughput(candidate));
      bursts.push(await burst(candidate));
    }
    console.log(`log ${candidate.name}:`);
    console.log(`  ${THROUGHPUT_LINES} lines: ${median(rates).toFixed(0)} lines/s`);
    console.log(
      `  burst of ${BURST_LINES} lines: blocks its tick ${median(bursts.map((b) => b.blockMs)).toFixed(1)} ms, ` +
        `longest event-loop stall ${median(bursts.map((b) => b.maxDelayMs)).toFixed(1)} ms, ` +
        `all on disk after ${median(bursts.map((b) => b.onDiskMs)).toFixed(1)} ms`,
    );
  }
  if (extra.length === 0)
    console.log('log: pino + pino-roll not measured: `npm install --no-save pino-roll` to compare');
}
