import type { DeviceService } from '../devices/device-types';
import type { CompiledRules } from '../phone/notification-reader';
import { compileRules } from '../phone/notification-reader';
import type { PhoneExchangeOptions, PhoneOutcome } from '../phone/phone-client';
import { exchangeWithPhone } from '../phone/phone-client';
import type { CareAction } from '../../../shared/domain/care';
import type { StationSettings } from '../../../shared/settings/station-settings';
import type { Storage } from '../storage/storage';
import type { Clock, TimerHandle } from '../util/clock';
import { systemClock } from '../util/clock';
import { createTypedEmitter } from '../util/typed-emitter';
import { validateCreateInput } from './create-input';
import { InvalidCursorError, PaymentNotFoundError, PaymentNotResolvableError } from './payment-errors';
import type { Claim } from './payment-dispatcher';
import { createPaymentDispatcher } from './payment-dispatcher';
import { createPaymentLedger } from './payment-ledger';
import type {
  CancelResult,
  CreatePaymentResult,
  Payment,
  PaymentEvents,
  PaymentService,
} from './payment-types';
import { createFinalWaiters } from './final-waiters';
import type { PhoneActivitySource } from './phone-activity';
import { createPhoneRotation } from './phone-rotation';
import type { PhoneMode } from './phone-rotation';
import { paymentRequestHash } from './request-hash';

/** Audit subjects of phones: `device:<serial>`. */
const DEVICE_SUBJECT = 'device:';
/**
 * The durable record of a wedge: `phone.wedged` is committed with the verdict that caused it (or
 * with the crash recovery), `phone.settled` once the rotation has run the wedge to its end.
 */
export const PHONE_WEDGE_ACTIONS = ['phone.wedged', 'phone.settled'] as const;

/** The settings the engine reads; the settings service's view has these and more. */
export type EngineSettings = Pick<StationSettings, 'payments' | 'notificationRules' | 'care'>;

export interface PaymentEngineOptions {
  storage: Storage;
  devices: DeviceService;
  /** Read for every payment, so changes apply without a restart (the settings service's `get`). */
  settings: () => EngineSettings;
  /** @default systemClock */
  clock?: Clock;
  /**
   * Pause between connecting and writing (see `exchangeWithPhone`). Through adb it tells "app
   * not listening" apart from "command sent"; loopback test phones can use 0.
   * @default 100
   */
  connectGraceMs?: number;
  /**
   * How long a phone whose app did not take the connection is left alone.
   * @default 2000
   */
  notDeliveredBackoffMs?: number;
  /** How often queued payments are checked for expiry. @default 1000 */
  expirySweepMs?: number;
  /** Retry delay after a failed app restart. @default 10000 */
  restartRetryMs?: number;
  /** How long `stop()` waits for payments in flight before leaving them to recovery. @default 3000 */
  stopGraceMs?: number;
  /** The phone client; replaceable for tests of the engine alone. @default exchangeWithPhone */
  exchange?: (o: PhoneExchangeOptions) => Promise<PhoneOutcome>;
  /** Unexpected internal errors (a bug, a full disk). @default console.error */
  onError?: (err: unknown) => void;
}

export interface PaymentEngine extends PaymentService {
  /** Crash recovery (in-flight payments become unknown, queued ones resume), then starts dispatching. */
  start(): Promise<void>;
  /** Stops dispatching, waits up to `stopGraceMs` for payments in flight, wakes all waiters. */
  stop(): Promise<void>;
  /**
   * Resolves with the payment once it is final, or with its current state after `ms`; undefined
   * when there is no such payment. For long polls: no database polling.
   */
  waitForFinal(orderNo: string, ms: number): Promise<Payment | undefined>;
  /** What the engine is doing with a phone (idle, busy, settling…). */
  phoneMode(serial: string): PhoneMode;
  /**
   * Takes a phone out of rotation for phone care: only an idle (or cooling down) phone, never
   * one paying, restarting or settling. False when it cannot be taken now.
   */
  tend(serial: string, action: CareAction): boolean;
  /** Gives a tended phone back to the rotation. */
  untend(serial: string): void;
  /**
   * Runs `hook` inside the transaction that makes a payment final, before it commits, so what the
   * hook writes to storage commits with the state or not at all (the callback outbox). It must
   * not do I/O or throw: a throw rolls the state change back.
   */
  whenFinal(hook: (p: Payment, at: number) => void): () => void;
  /** The same as the window and the API show it, with an event whenever that changes. */
  readonly phones: PhoneActivitySource;
  stats(): { queued: number; inFlight: number; waiters: number };
}

/** Inside a transaction that just read the row, a ledger move cannot lose a race; null is a bug. */
function mustMove(p: Payment | null, orderNo: string): Payment {
  if (!p)
    throw new Error(`payment ${orderNo} changed inside its own transaction; this is a bug, please report it`);
  return p;
}

/** The payment engine (states and invariants in docs/ARCHITECTURE.md) over SQLite storage and a device service. */
export function createPaymentEngine(options: PaymentEngineOptions): PaymentEngine {
  const clock = options.clock ?? systemClock;
  const { storage, devices } = options;
  const onError = options.onError ?? ((err: unknown) => console.error('[payments]', err));
  const emitter = createTypedEmitter<PaymentEvents>();
  const finalHooks = new Set<(p: Payment, at: number) => void>();
  const ledger = createPaymentLedger(storage, clock, (p, at) => {
    for (const hook of finalHooks) hook(p, at);
  });
  let running = false;
  let sweepTimer: TimerHandle | null = null;
  const unsubscribe: (() => void)[] = [];

  // Rules are compiled once per distinct settings object, not once per payment.
  let rulesFor: EngineSettings['notificationRules'] | null = null;
  let compiled: CompiledRules | null = null;
  const rules = (): CompiledRules => {
    const r = options.settings().notificationRules;
    if (r !== rulesFor || !compiled) {
      compiled = compileRules(r);
      rulesFor = r;
    }
    return compiled;
  };

  function committed(p: Payment): void {
    emitter.emit('updated', p);
  }

  const rotation = createPhoneRotation({
    devices,
    clock,
    settle: () => options.settings().payments,
    onAvailable: () => dispatcher.schedule(),
    restartRetryMs: options.restartRetryMs,
    onWedgeStep: (serial, s) => {
      // The wedge is over (restarted, settled, restarted again): a later start need not redo it.
      if (s === 'ready') {
        storage.audit.append({
          at: clock.now(),
          actor: 'station',
          action: 'phone.settled',
          subject: `${DEVICE_SUBJECT}${serial}`,
          detail: {},
        });
      }
    },
  });

  const dispatcher = createPaymentDispatcher({
    ledger,
    rotation,
    devices,
    clock,
    settings: options.settings,
    rules,
    exchange: options.exchange ?? exchangeWithPhone,
    committed,
    connectGraceMs: options.connectGraceMs,
    notDeliveredBackoffMs: options.notDeliveredBackoffMs ?? 2_000,
    onError,
  });

  function sweep(): void {
    dispatcher.sweepExpired();
    dispatcher.schedule();
    sweepTimer = clock.setTimeout(sweep, options.expirySweepMs ?? 1_000);
  }

  const get = (orderNo: string) => storage.payments.get(orderNo);

  /** Cancel wins. One transaction, so the state read is the state moved. */
  function cancel(orderNo: string): CancelResult {
    let moved: Payment | null = null;
    const result = storage.transaction((): CancelResult => {
      const cur = get(orderNo);
      if (!cur) {
        // Recorded so that a create arriving after the cancel is refused.
        storage.cancellations.record(orderNo, clock.now());
        return { kind: 'cancelled', payment: null };
      }
      if (cur.status === 'queued') {
        moved = mustMove(ledger.cancelQueued(orderNo), orderNo);
        return { kind: 'cancelled', payment: moved };
      }
      if (cur.status === 'dispatching' || cur.status === 'awaiting_result') {
        if (cur.cancelRequested) return { kind: 'cancel_requested', payment: cur };
        moved = mustMove(ledger.requestCancel(orderNo), orderNo);
        return { kind: 'cancel_requested', payment: moved };
      }
      return { kind: 'already_final', payment: cur };
    });
    if (moved) {
      // After the commit: take it out of the in-memory queue, then tell listeners.
      if (result.kind === 'cancelled') dispatcher.remove(orderNo);
      committed(moved);
    }
    return result;
  }

  const engine: PaymentEngine = {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    get,

    create(input): CreatePaymentResult {
      validateCreateInput(input);
      const requestHash = paymentRequestHash(input);
      const now = clock.now();
      // The request hash counts an omitted expiry as its own fixed default, whatever this setting says.
      const expiresAt = now + (input.expiresInSec ?? options.settings().payments.defaultExpirySec) * 1000;
      const pinnedSerial = input.deviceSerial ?? null;
      // A new payment that finds a phone free goes to it in its create's own commit, the phone's
      // connection opening meanwhile. A retried POST opens nothing.
      const reservation = storage.payments.get(input.orderNo)
        ? null
        : dispatcher.reserveNew(pinnedSerial, expiresAt);
      let claimed: Claim | null = null;
      let result: CreatePaymentResult;
      try {
        result = storage.transaction((): CreatePaymentResult => {
          const existing = storage.payments.get(input.orderNo);
          if (existing) {
            if (existing.status === 'cancelled') return { kind: 'cancelled' };
            return existing.requestHash === requestHash
              ? { kind: 'existing', payment: existing }
              : { kind: 'conflict', payment: existing };
          }
          // A cancel that arrived before the payment wins over it.
          if (storage.cancellations.has(input.orderNo)) return { kind: 'cancelled' };
          const payment: Payment = {
            orderNo: input.orderNo,
            status: 'queued',
            amountFen: input.amountFen,
            qrCode: input.qrCode,
            deviceSerial: pinnedSerial,
            pinnedSerial,
            callbackUrl: input.callbackUrl ?? null,
            notificationText: null,
            review: null,
            cancelRequested: false,
            refundNeeded: false,
            resolution: null,
            expiresAt,
            createdAt: now,
            updatedAt: now,
            requestHash,
          };
          if (reservation) claimed = dispatcher.claimReserved(payment, reservation);
          else ledger.insert(payment);
          return { kind: 'created', payment: claimed?.payment ?? payment };
        });
      } finally {
        if (reservation && !claimed) reservation.link.abandon();
      }
      if (claimed && result.kind === 'created') return { ...result, sent: dispatcher.launch(claimed) };
      if (result.kind === 'created') {
        committed(result.payment);
        dispatcher.enqueue(result.payment);
      }
      return result;
    },

    list(query) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      let beforeId: number | undefined;
      if (query.cursor !== undefined) {
        const text = Buffer.from(query.cursor, 'base64url').toString();
        beforeId = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : NaN;
        // Silently serving the first page again would make a client loop forever.
        if (!Number.isSafeInteger(beforeId)) throw new InvalidCursorError();
      }
      const page = storage.payments.page({ status: query.status, limit, beforeId });
      return {
        payments: page.payments,
        nextCursor:
          page.nextAfterId === null ? null : Buffer.from(String(page.nextAfterId)).toString('base64url'),
      };
    },

    cancel,

    resolve(orderNo, status, note, by) {
      const cur = get(orderNo);
      if (!cur) throw new PaymentNotFoundError(orderNo);
      const p = ledger.resolve(orderNo, status, note, by);
      if (!p) throw new PaymentNotResolvableError(orderNo, get(orderNo)?.status ?? cur.status);
      committed(p);
      return p;
    },

    async start() {
      if (running) return;
      running = true;
      const wedged = new Set<string>();
      for (const p of storage.payments.withStatus(['dispatching', 'awaiting_result'])) {
        const u = ledger.inFlightAtRestart(p.orderNo);
        if (u) committed(u);
        if (p.deviceSerial) wedged.add(p.deviceSerial);
      }
      // A phone whose wedge had not run to its end when the station stopped (killed before the
      // app restart, or during the settle, before the second restart) is still wedged: its app
      // may hold a command and a late notification may still land in it.
      for (const e of storage.audit.latestPerSubject(PHONE_WEDGE_ACTIONS)) {
        if (e.action === 'phone.wedged' && e.subject.startsWith(DEVICE_SUBJECT))
          wedged.add(e.subject.slice(DEVICE_SUBJECT.length));
      }
      // Its app may still hold the command (the reference app's semaphores) and a late notification may come.
      for (const serial of wedged) rotation.wedge(serial);
      for (const p of storage.payments.withStatus(['queued'])) dispatcher.enqueue(p);
      // The rotation asks for a pass (onAvailable) when a phone can take a payment it could not
      // take before; other device changes (health re-checks, phones leaving) free nothing.
      unsubscribe.push(
        devices.on('added', (d) => rotation.deviceAdded(d)),
        devices.on('changed', (d) => rotation.deviceChanged(d)),
        devices.on('removed', (d) => rotation.deviceRemoved(d.serial)),
      );
      for (const d of devices.list()) rotation.deviceChanged(d);
      sweep();
      dispatcher.resume();
    },

    async stop() {
      if (!running) return;
      running = false;
      dispatcher.pause();
      for (const u of unsubscribe.splice(0)) u();
      if (sweepTimer) clock.clearTimeout(sweepTimer);
      const grace = options.stopGraceMs ?? 3_000;
      // A real timer on purpose: the exchanges drained here run on real sockets, and a manual
      // test clock that nobody advances must not hang shutdown.
      await Promise.race([dispatcher.drain(), new Promise((r) => setTimeout(r, grace).unref())]);
      dispatcher.halt();
      rotation.stop();
      waiters.releaseAll();
    },

    waitForFinal: (orderNo, ms) => waiters.waitForFinal(orderNo, ms),
    phoneMode: (serial) => rotation.mode(serial),
    tend: (serial, action) => running && rotation.tend(serial, action),
    untend: (serial) => rotation.untend(serial),
    whenFinal(hook) {
      finalHooks.add(hook);
      return () => void finalHooks.delete(hook);
    },
    phones: { on: rotation.on, off: rotation.off, current: rotation.current },
    stats: () => ({ queued: dispatcher.queued, inFlight: dispatcher.inFlight, waiters: waiters.count }),
  };
  const waiters = createFinalWaiters(engine, clock);
  return engine;
}
