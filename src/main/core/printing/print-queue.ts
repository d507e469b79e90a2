import type { PrintJob, PrintJobKind } from '../../../shared/printing/print-job';
import type { Ticket } from '../../../shared/printing/ticket-template';
import type { Clock, TimerHandle } from '../util/clock';
import { systemClock } from '../util/clock';
import type { TypedEmitter } from '../util/typed-emitter';
import { createTypedEmitter } from '../util/typed-emitter';
import { PrinterConfigError, PrinterError } from './printer-errors';
import type { PrinterPort } from './printer-port';
import type { PrinterHealth } from './printer-health';
import { createPrinterHealth } from './printer-health';

/** The rows the queue keeps (storage's print job repository fits as is). */
export interface PrintJobStore {
  add(job: {
    kind: PrintJobKind;
    orderNo: string | null;
    ticket: Ticket;
    copies: number;
    at: number;
  }): PrintJob;
  get(id: number): PrintJob | undefined;
  head(): PrintJob | undefined;
  markPrinting(id: number, at: number): void;
  markPrinted(id: number, at: number): void;
  recordFailure(id: number, f: { at: number; code: string; message: string; next: number | null }): void;
  resumeInterrupted(at: number): number;
  /** Every pending job due at `at`. */
  makeDue(at: number): number;
  latestForOrder(orderNo: string): PrintJob | undefined;
  counts(): { pending: number; printing: number; printed: number; failed: number };
}

export interface RetryPolicy {
  /** Wait after the first failed attempt; doubled after each further one. @default 2000 */
  baseMs: number;
  /** The longest wait between attempts. @default 60000 */
  maxMs: number;
  /**
   * Attempts before a job is left as failed (the order card shows it and offers a reprint). With
   * the defaults that is about 4 minutes of a printer being off: a ticket an hour late confuses
   * the kitchen more than a red card.
   * @default 8
   */
  maxAttempts: number;
}

export const DEFAULT_PRINT_RETRY: RetryPolicy = { baseMs: 2000, maxMs: 60_000, maxAttempts: 8 };

export interface PrintQueueOptions {
  store: PrintJobStore;
  /** The printer as Settings describe it now, or null when none is set up. Read at each attempt. */
  printer: () => PrinterPort | null;
  /** @default systemClock */
  clock?: Clock;
  /** @default DEFAULT_PRINT_RETRY */
  retry?: Partial<RetryPolicy>;
  /**
   * How long `stop()` waits for a job being sent. A job still in the air after that stays
   * `printing` and is printed again at the next start.
   * @default 2000
   */
  stopGraceMs?: number;
  onError?: (err: unknown) => void;
}

export interface PrintQueueEvents extends Record<string, unknown> {
  /** A job was added or changed (as stored afterwards). */
  job: PrintJob;
  /** The printer's health changed (see {@link PrinterHealth}). */
  health: PrinterHealth;
  /**
   * Printing started failing: once per outage, not once per job. Fires again only after a
   * ticket printed and printing failed once more. The voice says "打印机未连接".
   */
  trouble: PrinterHealth;
}

export interface PrintQueue extends TypedEmitter<PrintQueueEvents> {
  /** Writes the job and returns at once; the printing happens in the background. */
  enqueue(job: { kind: PrintJobKind; orderNo: string | null; ticket: Ticket; copies: number }): PrintJob;
  /** Resumes jobs a restart interrupted, then prints what is due. */
  start(): void;
  stop(): Promise<void>;
  /** Looks for due jobs now. */
  kick(): void;
  /** Makes every waiting job due now (their backoff is skipped) and looks for them. */
  retryNow(): void;
  health(): PrinterHealth;
  latestForOrder(orderNo: string): PrintJob | undefined;
  counts(): { pending: number; printing: number; printed: number; failed: number };
}

/**
 * The durable print queue: one job at a time, strictly in the order queued (a later ticket never
 * overtakes one waiting for the printer, so the kitchen reads them in order), retried with a
 * doubling wait on errors that may fix themselves (printer off, out of paper, hung, closed
 * mid-job), and left as failed at once on a setting that will not. Nothing here waits on the
 * caller: the order flow only ever writes a row.
 */
export function createPrintQueue(options: PrintQueueOptions): PrintQueue {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const retry = { ...DEFAULT_PRINT_RETRY, ...options.retry };
  const stopGraceMs = options.stopGraceMs ?? 2000;
  const onError = options.onError ?? (() => undefined);
  const emitter = createTypedEmitter<PrintQueueEvents>();
  const health = createPrinterHealth({
    changed: (h) => emitter.emit('health', h),
    trouble: (h) => emitter.emit('trouble', h),
  });
  let started = false;
  let stopped = false;
  let timer: TimerHandle | null = null;
  let draining: Promise<void> | null = null;
  // A retry asked for while a job is in the air applies once that attempt is over.
  let retryAfterDrain = false;

  const emitJob = (id: number) => {
    const job = store.get(id);
    if (job) emitter.emit('job', job);
  };

  const backoff = (attempts: number) => Math.min(retry.maxMs, retry.baseMs * 2 ** Math.max(0, attempts - 1));

  async function attempt(job: PrintJob): Promise<void> {
    store.markPrinting(job.id, clock.now());
    emitJob(job.id);
    const attempts = job.attempts + 1;
    try {
      const printer = options.printer();
      if (!printer) throw new PrinterConfigError('no printer is set up');
      await printer.print({ ticket: job.ticket, copies: job.copies });
      if (stopped) return;
      store.markPrinted(job.id, clock.now());
      health.printed(clock.now());
    } catch (err) {
      if (stopped) return;
      const retryable = err instanceof PrinterError ? err.retryable : true;
      const code = (err as { code?: unknown }).code;
      const now = clock.now();
      const next = retryable && attempts < retry.maxAttempts ? now + backoff(attempts) : null;
      const failure = {
        at: now,
        code: typeof code === 'string' ? code : 'PRINT_FAILED',
        message: err instanceof Error ? err.message : String(err),
      };
      store.recordFailure(job.id, { ...failure, next });
      health.failed(failure);
      if (!(err instanceof PrinterError)) onError(err);
    }
    emitJob(job.id);
  }

  async function drainLoop(): Promise<void> {
    while (!stopped) {
      const job = store.head();
      if (!job || job.nextAttemptAt > clock.now()) break;
      await attempt(job);
    }
  }

  function schedule(): void {
    if (stopped || !started) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const head = store.head();
    if (!head) return;
    timer = clock.setTimeout(kick, Math.max(0, head.nextAttemptAt - clock.now()));
  }

  function kick(): void {
    if (stopped || !started || draining) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    draining = drainLoop()
      .catch(onError)
      .finally(() => {
        draining = null;
        if (retryAfterDrain && !stopped) {
          retryAfterDrain = false;
          store.makeDue(clock.now());
          kick();
        } else schedule();
      });
  }

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    enqueue(job) {
      const stored = store.add({ ...job, at: clock.now() });
      emitter.emit('job', stored);
      // The caller (an order arriving) never waits for the printer.
      if (started && !stopped) clock.setTimeout(kick, 0);
      return stored;
    },
    start() {
      if (started) return;
      started = true;
      store.resumeInterrupted(clock.now());
      kick();
    },
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      const current = draining;
      if (!current) return;
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([current, new Promise<void>((r) => (grace = setTimeout(r, stopGraceMs)))]);
      clearTimeout(grace);
    },
    kick,
    retryNow() {
      if (draining) {
        retryAfterDrain = true;
        return;
      }
      store.makeDue(clock.now());
      kick();
    },
    health: () => health.get(),
    latestForOrder: (orderNo) => store.latestForOrder(orderNo),
    counts: () => store.counts(),
  };
}
