import type { DeviceService } from '../devices/device-types';
import type { CompiledRules } from '../phone/notification-reader';
import type { PhoneExchangeOptions, PhoneOutcome } from '../phone/phone-client';
import type { StationSettings } from '../../../shared/settings/station-settings';
import type { Clock } from '../util/clock';
import type { PaymentLedger } from './payment-ledger';
import type { Payment } from './payment-types';
import type { PhoneRotation } from './phone-rotation';
import type { PhoneLink } from './phone-link';
import { openPhoneLink } from './phone-link';
import { judgeOutcome } from './result-judge';

export interface DispatcherOptions {
  ledger: PaymentLedger;
  rotation: PhoneRotation;
  devices: DeviceService;
  clock: Clock;
  settings: () => Pick<StationSettings, 'payments' | 'care'>;
  rules: () => CompiledRules;
  exchange: (o: PhoneExchangeOptions) => Promise<PhoneOutcome>;
  /** Every committed change, for events, waiters and callbacks. */
  committed: (p: Payment) => void;
  /** The pause of `forward` dispatch (see `TcpTarget.connectGraceMs`). */
  connectGraceMs?: number;
  notDeliveredBackoffMs: number;
  onError: (err: unknown) => void;
}

/**
 * The queue and the hand-off to phones. The queue is kept in memory in arrival order (the
 * database stays the authority; it is reloaded from there at start) so that picking the next
 * payment never scans the table.
 */
/** A payment moved to `dispatching` on a phone, not yet handed to it. */
export interface Claim {
  readonly payment: Payment;
  readonly serial: string;
  readonly link: PhoneLink;
  readonly attemptId: number;
}

/** A phone picked for a payment about to be inserted, its connection already opening. */
export interface Reservation {
  readonly serial: string;
  readonly link: PhoneLink;
}

export interface PaymentDispatcher {
  enqueue(p: Payment, front?: boolean): void;
  /**
   * For a payment about to be inserted: when nothing waits ahead of it and a phone is free,
   * picks that phone and starts opening its connection. The caller then inserts the payment
   * with {@link claimReserved} in its transaction (one commit instead of two), and after the
   * commit {@link launch}es the claim; or abandons the reservation's link.
   */
  reserveNew(pinnedSerial: string | null, expiresAt: number): Reservation | null;
  /** Inserts the new payment `p` (status `queued`) as already dispatching on the reserved phone. */
  claimReserved(p: Payment, r: Reservation): Claim;
  /** Resolves once the command is written to the phone, or the attempt ended without it. */
  launch(c: Claim): Promise<void>;
  remove(orderNo: string): void;
  /** Looks for work soon (coalesced into one pass per tick). */
  schedule(): void;
  /** Expires what is due in the queue. */
  sweepExpired(): void;
  readonly queued: number;
  readonly inFlight: number;
  /** Resolves when every exchange in flight has ended. */
  drain(): Promise<void>;
  /** Starts handing payments to phones. The dispatcher is created paused: recovery runs first. */
  resume(): void;
  /** No new dispatches; results still arriving are committed. */
  pause(): void;
  /**
   * Results arriving from now on are dropped (storage is about to close): those payments stay
   * in flight on disk and become `unknown` at the next start, as after a crash.
   */
  halt(): void;
}

/**
 * A phone that passed its quick check, or paid a payment, this recently takes the next payment
 * without a check: a notification that just arrived proves the app and its listener alive better
 * than a shell call does.
 */
export const VERIFIED_FRESH_MS = 5_000;

export function createPaymentDispatcher(o: DispatcherOptions): PaymentDispatcher {
  let queue = new Map<string, Payment>();
  const flights = new Set<Promise<void>>();
  let scheduled = false;
  let paused = true;
  let halted = false;

  function schedule(): void {
    if (scheduled || paused) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      pump();
    });
  }

  function pump(): void {
    if (paused) return;
    const now = o.clock.now();
    for (const p of queue.values()) {
      if (now >= p.expiresAt) {
        expire(p.orderNo);
        continue;
      }
      const serial = o.rotation.pick(p.pinnedSerial);
      if (serial === null) {
        if (!o.rotation.hasIdle()) break;
        continue;
      }
      if (needsCheck(serial)) {
        // The phone is out while it is checked; this payment may go to another one meanwhile.
        check(serial);
        continue;
      }
      dispatch(p, serial);
    }
  }

  function needsCheck(serial: string): boolean {
    return o.settings().care.preDispatchCheck && !o.rotation.verifiedWithin(serial, VERIFIED_FRESH_MS);
  }

  /** The quick check before a payment; a phone that fails it cools down and is read again in full. */
  function check(serial: string): void {
    if (!o.rotation.startCheck(serial)) return;
    void o.devices
      .quickCheck(serial)
      .catch((err: unknown) => ({ passed: false, detail: (err as Error).message }))
      .then((r) => {
        if (halted) return;
        o.rotation.endCheck(serial, r.passed, o.notDeliveredBackoffMs);
        if (!r.passed) void o.devices.refresh(serial).catch(() => undefined);
      });
  }

  function expire(orderNo: string): void {
    queue.delete(orderNo);
    const p = o.ledger.expire(orderNo);
    if (p) o.committed(p);
  }

  /** Starts the way to `serial` in the current dispatch mode; null when `forward` has no forward. */
  function linkTo(serial: string): PhoneLink | null {
    return openPhoneLink({
      devices: o.devices,
      serial,
      via: o.settings().payments.dispatchVia,
      localPort: o.devices.get(serial)?.localPort ?? null,
      connectGraceMs: o.connectGraceMs,
    });
  }

  /**
   * Moves a queued payment to `dispatching` on `serial`, in the caller's transaction if there is
   * one: commit before act, so after a crash it is found in flight and never sent again. Null
   * when the payment is no longer queued.
   */
  function claim(p: Payment, serial: string, link: PhoneLink): Claim | null {
    const started = o.ledger.dispatching(p.orderNo, serial);
    return started && { payment: started.payment, serial, link, attemptId: started.attemptId };
  }

  /**
   * Hands a claimed payment to its phone. Only once the claim is committed. Resolves once the
   * command is written to the phone, or once the attempt ended without writing it.
   */
  function launch(c: Claim): Promise<void> {
    o.rotation.markBusy(c.serial, c.payment.orderNo);
    let handed = (): void => undefined;
    const sent = new Promise<void>((resolve) => (handed = resolve));
    const flight = run(c.payment, c.serial, c.link.to, c.attemptId, handed).catch(o.onError);
    flights.add(flight);
    void flight.finally(() => {
      flights.delete(flight);
      handed();
    });
    // Listeners (window, waiters) run while the phone answers the open, not before it.
    o.committed(c.payment);
    return sent;
  }

  function dispatch(p: Payment, serial: string): void {
    const link = linkTo(serial);
    if (link === null) return;
    queue.delete(p.orderNo);
    let c: Claim | null = null;
    try {
      c = claim(p, serial, link);
    } finally {
      if (!c) link.abandon();
    }
    if (c) void launch(c);
  }

  async function run(
    p: Payment,
    serial: string,
    to: PhoneExchangeOptions['to'],
    attemptId: number,
    handed: () => void,
  ): Promise<void> {
    const s = o.settings().payments;
    const outcome = await o.exchange({
      to,
      command: { groupId: s.groupId, msg: p.qrCode },
      resultTimeoutMs: s.resultTimeoutMs,
      onWritten: (at) => {
        handed();
        if (halted) return;
        const awaiting = o.ledger.awaitingResult(p.orderNo, attemptId, at);
        if (awaiting) o.committed(awaiting);
      },
    });
    if (halted) return;
    if (outcome.kind === 'not_delivered') {
      const back = o.ledger.notDelivered(p.orderNo, attemptId, `${outcome.reason}: ${outcome.detail}`);
      // Nothing reached this phone's app; another phone may take the payment meanwhile.
      o.rotation.cooldown(serial, o.notDeliveredBackoffMs);
      if (back) {
        if (back.status === 'queued') enqueue(back, true);
        o.committed(back);
      }
      schedule();
      return;
    }
    const j = judgeOutcome(outcome, p.amountFen, { minResultMs: s.minResultMs, rules: o.rules() });
    const done = o.ledger.finish(p.orderNo, attemptId, outcome.kind, j);
    if (j.wedged) o.rotation.wedge(serial);
    else o.rotation.release(serial, done?.status === 'succeeded');
    if (done) o.committed(done);
    schedule();
  }

  function enqueue(p: Payment, front = false): void {
    if (front) queue = new Map([[p.orderNo, p], ...queue]);
    else queue.set(p.orderNo, p);
    schedule();
  }

  return {
    enqueue,
    reserveNew(pinnedSerial, expiresAt) {
      if (paused || queue.size > 0 || o.clock.now() >= expiresAt) return null;
      const serial = o.rotation.pick(pinnedSerial);
      // A phone due for its quick check gets it through the queue.
      if (serial !== null && needsCheck(serial)) return null;
      const link = serial === null ? null : linkTo(serial);
      return serial === null || link === null ? null : { serial, link };
    },
    claimReserved(p, r) {
      const started = o.ledger.insertDispatching(p, r.serial);
      return { payment: started.payment, serial: r.serial, link: r.link, attemptId: started.attemptId };
    },
    launch,
    remove: (orderNo) => void queue.delete(orderNo),
    schedule,
    sweepExpired() {
      const now = o.clock.now();
      for (const p of queue.values()) if (now >= p.expiresAt) expire(p.orderNo);
    },
    get queued() {
      return queue.size;
    },
    get inFlight() {
      return flights.size;
    },
    drain: async () => {
      while (flights.size > 0) await Promise.allSettled([...flights]);
    },
    resume() {
      if (halted) return;
      paused = false;
      schedule();
    },
    pause() {
      paused = true;
    },
    halt() {
      paused = true;
      halted = true;
    },
  };
}
