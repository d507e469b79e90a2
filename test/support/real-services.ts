import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { createOrderService } from '../../src/main/core/orders/order-service';
import type { OrderService } from '../../src/main/core/orders/order-types';
import type { PaymentEngine } from '../../src/main/core/payments/payment-engine';
import { createPaymentEngine } from '../../src/main/core/payments/payment-engine';
import type { Payment } from '../../src/main/core/payments/payment-types';
import type { Storage } from '../../src/main/core/storage/storage';
import { openStorage } from '../../src/main/core/storage/storage';
import type { Clock, ManualClock } from '../../src/main/core/util/clock';
import { formatFen } from '../../src/shared/domain/money';
import { isFinal } from '../../src/shared/domain/payment-status';
import { FAST_SETTINGS } from './engine-harness';
import type { FakeDevices } from './fake-devices';
import { createFakeDevices } from './fake-devices';
import { makeTempDir } from './temp-dir';
import { writeCallbacksOnFinal } from '../../src/main/core/callbacks/callback-event';
import { engineSettings } from './engine-settings';

/** How a test wants a payment to end up, reached the way the product reaches it: through a phone. */
export type PaymentOutcome = 'awaiting_result' | 'succeeded' | 'failed' | 'unknown';

/** A serial no phone has: payments pinned to it stay queued while others are settled. */
export const ABSENT_PHONE = 'phone-absent';

/**
 * The station's real payment engine and order service on a fresh SQLite file, for tests of what
 * sits on top of them (routes, bridge, history). Payments are paid by loopback phones (real
 * phone-app simulators behind real sockets) that a test adds with {@link RealServices.settle}.
 */
export interface RealServices {
  storage: Storage;
  payments: PaymentEngine;
  orders: OrderService;
  phones: FakeDevices;
  /**
   * Takes a queued payment to `outcome` on a phone of its own: a new loopback phone whose app
   * holds the command until told (`awaiting_result`), then posts Alipay's success or failure
   * notification, or never answers and the result timeout passes (`unknown`, reason timeout).
   * Other queued payments that must stay queued are pinned to {@link ABSENT_PHONE}.
   */
  settle(orderNo: string, outcome: PaymentOutcome): Promise<Payment>;
  /** Everything the database holds, read through a second connection. */
  snapshot(): string;
  close(): Promise<void>;
}

export interface RealServicesOptions {
  /**
   * Start the engine (recovery, dispatch, the expiry sweep). Off for tests of what reads the
   * records, whose clock jumps hours: a started engine would expire the queued payments.
   * @default true
   */
  start?: boolean;
  /** Where internal engine errors go (a test asserts there are none). @default rethrow */
  onError?: (err: unknown) => void;
}

export function createRealServices(clock: Clock, options: RealServicesOptions = {}): RealServices {
  const tmp = makeTempDir('services-');
  const file = path.join(tmp.dir, 'station.db');
  const storage = openStorage({ file, synchronous: 'normal', now: () => clock.now() });
  const phones = createFakeDevices();
  const settings = engineSettings({ ...FAST_SETTINGS, resultTimeoutMs: 1_000, settleMs: 60_000 });
  const payments = createPaymentEngine({
    storage,
    devices: phones,
    settings: () => settings,
    clock,
    connectGraceMs: 0,
    stopGraceMs: 200,
    onError:
      options.onError ??
      ((err) => {
        throw err;
      }),
  });
  writeCallbacksOnFinal(payments, storage.outbox);
  const orders = createOrderService({ storage, clock });
  // Recovery and the first schedule run at once; nothing of start() is left to await.
  if (options.start ?? true) void payments.start();
  let phoneCount = 0;
  let closed = false;

  async function until<T>(what: string, read: () => T | undefined | null | false, ms = 5_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = read();
      if (v) return v;
      if (Date.now() > end) throw new Error(`real services: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  const services: RealServices = {
    storage,
    payments,
    orders,
    phones,
    async settle(orderNo, outcome) {
      // Already on one of these phones (an earlier settle to awaiting_result): finish it there.
      const current = payments.get(orderNo);
      const onPhone = current?.status === 'awaiting_result' && current.deviceSerial ? current : null;
      const serial = onPhone?.deviceSerial ?? `phone-${++phoneCount}`;
      const sim = onPhone
        ? phones.sim(serial)
        : await phones.addPhone(serial, { defaultBehavior: { kind: 'never' } });
      const inFlight =
        onPhone ??
        (await until(`${orderNo} on ${serial}`, () => {
          const taken = payments
            .list({ status: 'awaiting_result', limit: 200 })
            .payments.find((x) => x.deviceSerial === serial && x.orderNo !== orderNo);
          if (taken) throw new Error(`${serial} took ${taken.orderNo}: pin it to ${ABSENT_PHONE}`);
          const p = payments.get(orderNo);
          return p?.status === 'awaiting_result' && p.deviceSerial === serial ? p : null;
        }));
      if (outcome === 'awaiting_result') return inFlight;
      if (outcome === 'unknown') {
        const manual = clock as Partial<ManualClock>;
        if (typeof manual.advance === 'function') manual.advance(settings.payments.resultTimeoutMs);
      } else {
        // Texts the default notification rules read, with the payment's own amount.
        const yuan = formatFen(inFlight.amountFen);
        sim.notify(outcome === 'succeeded' ? `你已成功付款${yuan}元` : `付款失败 ${yuan}元`);
      }
      return until(`${orderNo} final`, () => {
        const p = payments.get(orderNo);
        return p && isFinal(p) ? p : null;
      });
    },
    snapshot() {
      const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      try {
        const tables = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
          .all() as { name: string }[];
        return JSON.stringify(
          tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
        );
      } finally {
        db.close();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await payments.stop();
      await phones.close();
      storage.close();
      tmp.cleanup();
    },
  };
  try {
    onTestFinished(() => services.close());
  } catch {
    // Outside a running test (beforeAll, the bench): the caller closes it.
  }
  return services;
}
