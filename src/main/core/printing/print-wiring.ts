import type { PrinterSettings } from '../../../shared/settings/printer-settings';
import type { TicketOrder } from '../../../shared/printing/ticket-template';
import type { PrintService } from './print-service';

type Subscribe<T> = (listener: (payload: T) => void) => () => void;

/** What printing follows: new orders, rush reminders and Settings (each returns its unsubscribe). */
export interface PrintingFeeds {
  newOrders: Subscribe<{ order: TicketOrder }>;
  rushes: Subscribe<{ order: TicketOrder & { lastRushAt: number | null } }>;
  settings: Subscribe<{ printer: PrinterSettings }>;
  now: () => number;
}

/**
 * Connects printing to the order flow: a new order queues its ticket, a rush its slip, and a
 * change of Settings → Printer retries the waiting tickets at once (the cashier just fixed the
 * address, or switched the printer on and saved). A printing bug is logged, never thrown into
 * the order flow. Returns the function that disconnects.
 */
export function connectPrinting(
  printing: Pick<PrintService, 'orderArrived' | 'orderRushed' | 'retryNow'>,
  feeds: PrintingFeeds,
  logError: (scope: string, err: unknown) => void,
): () => void {
  const safely = (what: string, fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      logError(`printing ${what}`, err);
    }
  };
  let last = '';
  const offs = [
    feeds.newOrders(({ order }) => safely('ticket', () => printing.orderArrived(order))),
    feeds.rushes(({ order }) =>
      safely('rush slip', () => printing.orderRushed(order, order.lastRushAt ?? feeds.now())),
    ),
    feeds.settings(({ printer }) => {
      const now = JSON.stringify(printer);
      if (now === last) return;
      last = now;
      safely('retry', () => printing.retryNow());
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
