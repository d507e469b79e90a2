import type { FastifyInstance } from 'fastify';
import type { DeviceSnapshot } from '../../src/main/core/devices/device-types';
import type { ApiCredentials } from '../../src/main/core/http/api-credentials';
import { createApiServer } from '../../src/main/core/http/api-server';
import type { ApiServerDeps } from '../../src/main/core/http/api-server';
import type { OrderService } from '../../src/main/core/orders/order-types';
import type { PaymentEngine } from '../../src/main/core/payments/payment-engine';
import type { Payment } from '../../src/main/core/payments/payment-types';
import type { Clock, ManualClock } from '../../src/main/core/util/clock';
import { createManualClock } from '../../src/main/core/util/clock';
import { createInjectClient } from './api-client';
import type { ApiClient } from './api-client';
import type { PaymentOutcome, RealServices } from './real-services';
import { createRealServices } from './real-services';
import { createStaticDevices } from './static-devices';

export { ABSENT_PHONE } from './real-services';

export const TEST_CREDENTIALS: ApiCredentials = {
  key: 'cs_test_key_0001',
  secret: 'test-secret-0123456789abcdef',
};

/** The real engine as the routes see it, counting what the long-poll and bad-input tests prove. */
export type CountedPayments = PaymentEngine & {
  /** `get` and `list` calls made through it: long polls must not poll. */
  readonly reads: number;
  /** Live `updated` subscriptions made through it: long polls must share one. */
  readonly listenerCount: number;
  /** Committed payment changes (`updated` events): bad input must make none. */
  readonly writes: number;
};

export type CountedOrders = OrderService & {
  /** Committed order changes (`updated` events). */
  readonly writes: number;
};

export interface ApiKit<C extends Clock> {
  app: FastifyInstance;
  clock: C;
  services: RealServices;
  payments: CountedPayments;
  orders: CountedOrders;
  client: ApiClient;
  loggedErrors: unknown[];
  /** See {@link RealServices.settle}. */
  settle(orderNo: string, outcome: PaymentOutcome): Promise<Payment>;
  /** Everything the database holds: proves a request changed nothing. */
  snapshot(): string;
  /** Closes the server, then the services (also done when the test ends). */
  close(): Promise<void>;
}

/**
 * Wraps a service so a test can count what the layer above does with it: reads (`get`, `list`),
 * live subscriptions (`on`), and the changes the service commits (its events).
 */
function counted<T extends object>(target: T, changeEvents: string[]) {
  const source = target as unknown as { on(e: string, l: () => void): () => void };
  let reads = 0;
  let listeners = 0;
  let writes = 0;
  for (const e of changeEvents) source.on(e, () => writes++);
  return new Proxy(target, {
    get(t, key) {
      if (key === 'reads') return reads;
      if (key === 'listenerCount') return listeners;
      if (key === 'writes') return writes;
      const value = Reflect.get(t, key) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (key === 'get' || key === 'list') {
        return (...args: unknown[]) => {
          reads++;
          return fn.apply(t, args);
        };
      }
      if (key !== 'on') return fn.bind(t);
      return (event: string, listener: () => void) => {
        const off = fn.call(t, event, listener) as () => void;
        const counts = event === 'updated';
        if (counts) listeners++;
        let done = false;
        return () => {
          if (counts && !done) listeners--;
          done = true;
          off();
        };
      };
    },
  });
}

/**
 * The API server over the real payment engine and order service on a fresh SQLite file, with a
 * signing client that uses the same clock. No phone is attached until a test settles a payment,
 * so everything created stays queued. `devices` replaces what `GET /devices` reports.
 */
export function createApiKit<C extends Clock = ManualClock>(
  options: { clock?: C; devices?: DeviceSnapshot[]; deps?: Partial<ApiServerDeps> } = {},
): ApiKit<C> {
  const clock = (options.clock ?? createManualClock(1_700_000_000_000)) as C;
  const loggedErrors: unknown[] = [];
  const services = createRealServices(clock, { onError: (err) => loggedErrors.push(err) });
  const payments = counted(services.payments, ['updated']) as CountedPayments;
  // Every committed order change emits `updated` (new-order and rush come with one).
  const orders = counted(services.orders, ['updated']) as CountedOrders;
  const app = createApiServer({
    payments,
    orders,
    devices: options.devices ? createStaticDevices(options.devices) : services.phones,
    phones: services.payments.phones,
    credentials: { current: () => TEST_CREDENTIALS, source: 'env', regenerate: () => TEST_CREDENTIALS },
    clock,
    version: '9.9.9-test',
    log: { error: (_message, error) => loggedErrors.push(error) },
    ...options.deps,
  });
  const client = createInjectClient(app, { credentials: TEST_CREDENTIALS, now: () => clock.now() });
  return {
    app,
    clock,
    services,
    payments,
    orders,
    client,
    loggedErrors,
    settle: (orderNo, outcome) => services.settle(orderNo, outcome),
    snapshot: () => services.snapshot(),
    async close() {
      await app.close();
      await services.close();
    },
  };
}

export const validPayment = (orderNo = 'A1001') => ({
  orderNo,
  amount: '12.50',
  qrCode: 'https://qr.alipay.com/fkx12345',
});
