import type { FastifyInstance } from 'fastify';
import type { DeviceSnapshot } from '../../src/main/core/devices/device-types';
import type { ApiCredentials } from '../../src/main/core/http/api-credentials';
import { createApiServer } from '../../src/main/core/http/api-server';
import type { ApiServerDeps } from '../../src/main/core/http/api-server';
import type { Clock } from '../../src/main/core/util/clock';
import { createManualClock } from '../../src/main/core/util/clock';
import type { ManualClock } from '../../src/main/core/util/clock';
import { createInjectClient } from './api-client';
import type { ApiClient } from './api-client';
import { createInMemoryOrders, createInMemoryPayments, createStaticDevices } from './in-memory-services';
import type { InMemoryOrders, InMemoryPayments } from './in-memory-services';

export const TEST_CREDENTIALS: ApiCredentials = {
  key: 'cs_test_key_0001',
  secret: 'test-secret-0123456789abcdef',
};

export interface ApiKit<C extends Clock> {
  app: FastifyInstance;
  clock: C;
  payments: InMemoryPayments;
  orders: InMemoryOrders;
  client: ApiClient;
  loggedErrors: unknown[];
}

/** An API server over in-memory services, with a signing client that uses the same clock. */
export function createApiKit<C extends Clock = ManualClock>(
  options: { clock?: C; devices?: DeviceSnapshot[]; deps?: Partial<ApiServerDeps> } = {},
): ApiKit<C> {
  const clock = (options.clock ?? createManualClock(1_700_000_000_000)) as C;
  const payments = createInMemoryPayments(clock);
  const orders = createInMemoryOrders(clock);
  const loggedErrors: unknown[] = [];
  const app = createApiServer({
    payments,
    orders,
    devices: createStaticDevices(options.devices ?? []),
    credentials: { current: () => TEST_CREDENTIALS, source: 'env', regenerate: () => TEST_CREDENTIALS },
    clock,
    version: '9.9.9-test',
    log: { error: (_message, error) => loggedErrors.push(error) },
    ...options.deps,
  });
  const client = createInjectClient(app, { credentials: TEST_CREDENTIALS, now: () => clock.now() });
  return { app, clock, payments, orders, client, loggedErrors };
}

export const validPayment = (orderNo = 'A1001') => ({
  orderNo,
  amount: '12.50',
  qrCode: 'https://qr.alipay.com/fkx12345',
});
