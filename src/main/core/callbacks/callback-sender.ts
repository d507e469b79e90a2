import type { PaymentEvents } from '../payments/payment-types';
import { isFinal } from '../../../shared/domain/payment-status';
import type { OutboxEntry, OutboxRepository, OutboxStats } from '../storage/outbox-repository';
import type { Clock, TimerHandle } from '../util/clock';
import { systemClock } from '../util/clock';
import type { TypedEmitter } from '../util/typed-emitter';
import { createTypedEmitter } from '../util/typed-emitter';
import type { CallbackCredentials, PostResult } from './callback-post';
import { postSignedCallback } from './callback-post';

/** Gaps between attempts, growing: the last one repeats. */
export const DEFAULT_RETRY_GAPS_MS: readonly number[] = [5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000];

export interface CallbackSenderOptions {
  outbox: OutboxRepository;
  /** The station's API key and secret; callbacks are signed with them. */
  credentials: () => CallbackCredentials;
  /** Attempts per round before an entry is left as failed. Read at each attempt (a setting). */
  maxAttempts: () => number;
  /** @default DEFAULT_RETRY_GAPS_MS */
  retryGapsMs?: readonly number[];
  /** @default systemClock */
  clock?: Clock;
  /** Callbacks in flight at once. @default 4 */
  concurrency?: number;
  /** @default 10000 */
  requestTimeoutMs?: number;
  /** Wakes the sender as soon as a payment reaches a final state. */
  payments?: TypedEmitter<PaymentEvents>;
  /** Replaceable for tests. @default postSignedCallback */
  post?: typeof postSignedCallback;
}

export interface CallbackEvents extends Record<string, unknown> {
  /** After each attempt, with the entry as stored afterwards. */
  attempted: OutboxEntry;
}

export interface CallbackSender extends TypedEmitter<CallbackEvents> {
  start(): void;
  /** Stops sending. A callback still in the air is not recorded; it is sent again after a restart. */
  stop(): void;
  /** Looks for due entries now. */
  kick(): void;
  /** Manual resend: back to pending with a fresh retry budget, sent at once. */
  resend(eventId: string): boolean;
  /** See {@link OutboxRepository.troubled}. */
  troubled(limit: number): OutboxEntry[];
  stats(): OutboxStats;
}

/** Delivers the durable callback outbox: at least once, in the background, surviving restarts. */
export function createCallbackSender(options: CallbackSenderOptions): CallbackSender {
  const clock = options.clock ?? systemClock;
  const gaps = options.retryGapsMs ?? DEFAULT_RETRY_GAPS_MS;
  const concurrency = options.concurrency ?? 4;
  const post = options.post ?? postSignedCallback;
  const emitter = createTypedEmitter<CallbackEvents>();
  let timer: TimerHandle | null = null;
  let running = false;
  let active: Promise<void> | null = null;
  let again = false;
  let unsubscribe: (() => void) | null = null;

  function schedule(): void {
    if (!running) return;
    if (timer) clock.clearTimeout(timer);
    timer = null;
    const at = options.outbox.nextDueAt();
    if (at === null) return;
    timer = clock.setTimeout(
      () => {
        timer = null;
        kick();
      },
      Math.max(0, at - clock.now()),
    );
  }

  function kick(): void {
    if (!running) return;
    if (active) {
      again = true;
      return;
    }
    active = drain().finally(() => {
      active = null;
      if (again) {
        again = false;
        kick();
      } else schedule();
    });
  }

  async function drain(): Promise<void> {
    for (;;) {
      if (!running) return;
      const due = options.outbox.due(clock.now(), concurrency * 4);
      if (due.length === 0) return;
      const queue = [...due];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let e = queue.shift(); e && running; e = queue.shift()) await deliver(e);
        }),
      );
    }
  }

  async function deliver(e: OutboxEntry): Promise<void> {
    let r: PostResult;
    try {
      r = await post({
        url: e.url,
        body: e.body,
        eventId: e.eventId,
        credentials: options.credentials(),
        timestamp: Math.floor(clock.now() / 1000),
        timeoutMs: options.requestTimeoutMs ?? 10_000,
      });
    } catch (err) {
      r = { status: null, error: (err as Error).message };
    }
    if (!running) return; // storage may be closing; the entry is retried after the restart
    const ok = r.error === null;
    const round = e.roundAttempts + 1;
    const now = clock.now();
    const next =
      ok || round >= options.maxAttempts() ? null : now + gaps[Math.min(round - 1, gaps.length - 1)];
    options.outbox.recordAttempt(e.eventId, { at: now, ok, httpStatus: r.status, error: r.error, next });
    const stored = options.outbox.get(e.eventId);
    if (stored) emitter.emit('attempted', stored);
  }

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    start() {
      if (running) return;
      running = true;
      unsubscribe =
        options.payments?.on('updated', (p) => {
          if (p.callbackUrl && isFinal(p)) kick();
        }) ?? null;
      kick();
    },
    stop() {
      running = false;
      unsubscribe?.();
      if (timer) clock.clearTimeout(timer);
      timer = null;
    },
    kick,
    resend(eventId) {
      const ok = options.outbox.resend(eventId, clock.now());
      if (ok) kick();
      return ok;
    },
    troubled: (limit) => options.outbox.troubled(limit),
    stats: () => options.outbox.stats(),
  };
}
