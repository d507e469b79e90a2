import type { HistoryPage, HistoryQuery, HistoryRow } from '../../../shared/contract/history-schemas';
import type { OrderService } from '../orders/order-types';
import type { PaymentService } from '../payments/payment-types';
import type { Clock } from '../util/clock';
import type { HistoryPort } from './bridge-core';

const PAGE = 200;
const HOUR_MS = 3_600_000;

export interface ListHistoryPortOptions {
  orders: Pick<OrderService, 'list'>;
  payments: Pick<PaymentService, 'list'>;
  clock: Clock;
  /**
   * How long one read of every row serves further queries: scrolling asks for many pages in a
   * row, and each must not re-read the tables.
   * @default 2000
   */
  cacheMs?: number;
}

/**
 * History over the services' own `list()` pages, with no SQL of its own. It reads every order
 * and payment (a few thousand a day) at most once per `cacheMs`; a port over dedicated indexed
 * queries can replace it without touching the window.
 */
export function createListHistoryPort(options: ListHistoryPortOptions): HistoryPort {
  const cacheMs = options.cacheMs ?? 2000;
  let cache: { at: number; rows: HistoryRow[] } | null = null;

  const readAll = (): HistoryRow[] => {
    const now = options.clock.now();
    if (cache && now - cache.at < cacheMs) return cache.rows;
    const rows: HistoryRow[] = [];
    let cursor: string | undefined;
    do {
      const page = options.orders.list({ limit: PAGE, cursor });
      for (const o of page.orders) {
        rows.push({
          kind: 'order',
          orderNo: o.orderNo,
          status: o.status,
          amountFen: o.amountFen,
          deviceSerial: null,
          rushCount: o.rushCount,
          createdAt: o.createdAt,
          updatedAt: o.updatedAt,
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    do {
      const page = options.payments.list({ limit: PAGE, cursor });
      for (const p of page.payments) {
        rows.push({
          kind: 'payment',
          orderNo: p.orderNo,
          status: p.status,
          amountFen: p.amountFen,
          deviceSerial: p.deviceSerial,
          rushCount: 0,
          createdAt: p.createdAt,
          updatedAt: p.updatedAt,
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    rows.sort((a, b) => b.createdAt - a.createdAt || a.orderNo.localeCompare(b.orderNo));
    cache = { at: now, rows };
    return rows;
  };

  return {
    query(q: HistoryQuery): HistoryPage {
      const search = q.search?.toLowerCase();
      const rows = readAll().filter(
        (r) =>
          (!q.kind || r.kind === q.kind) &&
          (!q.status || r.status === q.status) &&
          (!search || r.orderNo.toLowerCase().includes(search)) &&
          (q.from === undefined || r.createdAt >= q.from) &&
          (q.to === undefined || r.createdAt <= q.to),
      );
      return { rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length };
    },
    countByHour(dayStart) {
      const orders = new Array<number>(24).fill(0);
      const payments = new Array<number>(24).fill(0);
      for (const r of readAll()) {
        const hour = Math.floor((r.createdAt - dayStart) / HOUR_MS);
        if (hour < 0 || hour > 23) continue;
        (r.kind === 'order' ? orders : payments)[hour] += 1;
      }
      return { orders, payments };
    },
  };
}
