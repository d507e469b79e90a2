import type { Ticket } from '../../../shared/printing/ticket-template';

/** One paper to print, as the queue hands it to a printer. */
export interface PrintRequest {
  ticket: Ticket;
  /** @default 1 */
  copies: number;
}

/**
 * A printer, as the print queue sees it. Resolves once the printer has the whole job; rejects
 * with a {@link PrinterError} that says why not. Network ESC/POS printers are implemented in the
 * core (`network-printer.ts`); system printers by the desktop shell (src/main/electron).
 */
export interface PrinterPort {
  print(request: PrintRequest): Promise<void>;
}

/** System (OS) printers, which only the desktop shell can reach. */
export interface SystemPrinterPort {
  print(request: PrintRequest & { deviceName: string }): Promise<void>;
}
