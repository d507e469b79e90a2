import type { FleetView } from '../../../shared/fleet/fleet-schemas';
import type { DeviceService } from '../devices/device-types';
import type { PhoneCareService } from '../care/phone-care';
import type { OrderService } from '../orders/order-types';
import type { PhoneActivitySource } from '../payments/phone-activity';
import type { PaymentService } from '../payments/payment-types';
import type { Clock } from '../util/clock';
import type { FinalWaiters } from '../payments/final-waiters';
import type { RouteTable } from './route-table';

/** What every route group gets from `createApiServer`. */
export interface ApiContext {
  payments: PaymentService;
  orders: OrderService;
  devices: DeviceService;
  /** Combined with `devices` wherever the API shows a phone. */
  phones: Pick<PhoneActivitySource, 'current'>;
  care: Pick<PhoneCareService, 'view'>;
  fleet: { view(): Promise<FleetView> };
  clock: Clock;
  waiters: FinalWaiters;
  table: RouteTable;
  version: string;
  startedAt: number;
  /** Extra lines for /health (database, outbox…), supplied by whoever wires the core. */
  healthExtras: () => Record<string, string | number | boolean | null>;
  /** The document served at /openapi.json, built lazily from the route table. */
  openApi: () => Record<string, unknown>;
}
