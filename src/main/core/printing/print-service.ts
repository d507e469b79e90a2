import type { PrintJob, PrintJobKind } from '../../../shared/printing/print-job';
import type { Ticket, TicketOrder } from '../../../shared/printing/ticket-template';
import { orderTicket, rushSlip, testPage } from '../../../shared/printing/ticket-template';
import type { PrinterSettings } from '../../../shared/settings/printer-settings';
import { printerColumns, printerConfigured } from '../../../shared/settings/printer-settings';
import type { PrinterStatus } from '../../../shared/contract/print-schemas';
import type { Clock } from '../util/clock';
import { systemClock } from '../util/clock';
import type { TypedEmitter } from '../util/typed-emitter';
import { createTypedEmitter } from '../util/typed-emitter';
import type { NetworkPrinterOptions } from './network-printer';
import { createNetworkPrinter } from './network-printer';
import type { PrintJobStore, RetryPolicy } from './print-queue';
import { createPrintQueue } from './print-queue';
import { PrinterConfigError } from './printer-errors';
import type { PrinterPort, SystemPrinterPort } from './printer-port';

export interface PrintServiceOptions {
  store: PrintJobStore;
  /** Settings → Printer, read at every job and attempt, so a change applies to the next one. */
  settings: () => PrinterSettings;
  /** The desktop shell's system printers; absent under plain Node (`npm run serve`). @default none */
  systemPrinter?: SystemPrinterPort | null;
  /** Replaceable for tests (short timeouts). @default createNetworkPrinter */
  networkPrinter?: (options: NetworkPrinterOptions) => PrinterPort;
  /** @default systemClock */
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  /** Minutes east of UTC the tickets' times print in. @default the process's time zone */
  utcOffsetMin?: number;
  onError?: (err: unknown) => void;
}

export interface PrintServiceEvents extends Record<string, unknown> {
  /** A job was queued or changed. */
  job: PrintJob;
  /** The status bar's printer changed. */
  status: PrinterStatus;
  /** Printing started failing (once per outage); the window says "打印机未连接". */
  trouble: PrinterStatus;
}

export interface PrintService extends TypedEmitter<PrintServiceEvents> {
  start(): void;
  stop(): Promise<void>;
  /** A new order came in: its ticket is queued when auto-print is on and a printer is set up. */
  orderArrived(order: TicketOrder): PrintJob | null;
  /** A rush reminder: its 催单 slip is queued when Settings ask for it and a printer is set up. */
  orderRushed(order: TicketOrder, at: number): PrintJob | null;
  /** The order card's button. Throws {@link PrinterConfigError} when no printer is set up. */
  reprint(order: TicketOrder): PrintJob;
  /** Settings' "打印测试页". Throws {@link PrinterConfigError} when no printer is set up. */
  testPage(): PrintJob;
  latestForOrder(orderNo: string): PrintJob | undefined;
  status(): PrinterStatus;
  /** Waiting tickets are tried now instead of after their backoff (Settings changed). */
  retryNow(): void;
}

/**
 * Decides what prints and where: the order flow tells it what happened, Settings say whether and
 * on which printer, and the durable queue does the sending. Nothing here blocks or throws into
 * the order flow: `orderArrived` and `orderRushed` only write a row.
 */
export function createPrintService(options: PrintServiceOptions): PrintService {
  const clock = options.clock ?? systemClock;
  const makeNetwork = options.networkPrinter ?? createNetworkPrinter;
  const emitter = createTypedEmitter<PrintServiceEvents>();
  let network: { address: string; port: PrinterPort } | null = null;

  function printerFor(s: PrinterSettings): PrinterPort | null {
    if (!printerConfigured(s)) return null;
    if (s.type === 'network') {
      if (network?.address !== s.address)
        network = { address: s.address, port: makeNetwork({ address: s.address }) };
      return network.port;
    }
    const system = options.systemPrinter;
    return {
      print: async (request) => {
        if (!system) throw new PrinterConfigError('system printers print only from the desktop app');
        await system.print({ ...request, deviceName: s.deviceName });
      },
    };
  }

  const queue = createPrintQueue({
    store: options.store,
    printer: () => printerFor(options.settings()),
    clock,
    retry: options.retry,
    onError: options.onError,
  });

  function status(): PrinterStatus {
    const s = options.settings();
    const counts = queue.counts();
    const health = queue.health();
    const configured = printerConfigured(s);
    return {
      type: s.type,
      state: configured ? health.state : 'off',
      pending: counts.pending + counts.printing,
      failed: counts.failed,
      lastErrorCode: configured ? health.lastErrorCode : null,
      lastError: configured ? health.lastError : null,
      since: configured ? health.since : null,
    };
  }

  queue.on('job', (job) => {
    emitter.emit('job', job);
    emitter.emit('status', status());
  });
  queue.on('health', () => emitter.emit('status', status()));
  queue.on('trouble', () => emitter.emit('trouble', status()));

  const layout = (s: PrinterSettings) => ({
    shopName: s.shopName,
    columns: printerColumns(s),
    utcOffsetMin: options.utcOffsetMin,
  });

  function enqueue(kind: PrintJobKind, orderNo: string | null, ticket: Ticket, copies: number): PrintJob {
    return queue.enqueue({ kind, orderNo, ticket, copies });
  }

  function requireConfigured(): PrinterSettings {
    const s = options.settings();
    if (!printerConfigured(s)) {
      throw new PrinterConfigError(
        s.type === 'network' ? 'the network printer has no valid address' : 'no printer is chosen',
      );
    }
    return s;
  }

  return {
    on: emitter.on.bind(emitter),
    off: emitter.off.bind(emitter),
    start: () => queue.start(),
    stop: () => queue.stop(),
    orderArrived(order) {
      const s = options.settings();
      if (!s.autoPrint || !printerConfigured(s)) return null;
      return enqueue('order', order.orderNo, orderTicket(order, layout(s)), s.copies);
    },
    orderRushed(order, at) {
      const s = options.settings();
      if (!s.rushSlip || !printerConfigured(s)) return null;
      return enqueue('rush', order.orderNo, rushSlip(order, at, layout(s)), 1);
    },
    // A person asked and is standing at the printer: what waits in front is tried now too.
    reprint(order) {
      const s = requireConfigured();
      const job = enqueue('reprint', order.orderNo, orderTicket(order, layout(s)), s.copies);
      queue.retryNow();
      return job;
    },
    testPage() {
      const s = requireConfigured();
      const job = enqueue('test', null, testPage(clock.now(), layout(s)), 1);
      queue.retryNow();
      return job;
    },
    latestForOrder: (orderNo) => queue.latestForOrder(orderNo),
    status,
    retryNow: () => queue.retryNow(),
  };
}
