import { BrowserWindow } from 'electron';
import { ticketHtml, ticketPageSize } from '../../shared/printing/ticket-html';
import { SystemPrintError } from '../core/printing/printer-errors';
import type { SystemPrinterPort } from '../core/printing/printer-port';

export interface SystemPrinterOptions {
  /**
   * The longest a print may take, load to the driver's answer. A driver that never answers
   * would otherwise hold the print queue forever.
   * @default 30000
   */
  timeoutMs?: number;
}

/**
 * System (OS) printers, for USB receipt printers installed with a driver: the core's print
 * queue decides what prints and when; this only renders the ticket's HTML in a hidden,
 * sandboxed window and hands it to `webContents.print({ silent: true, deviceName })`.
 */
export function createSystemPrinter(options: SystemPrinterOptions = {}): SystemPrinterPort {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    async print({ ticket, copies, deviceName }) {
      const win = new BrowserWindow({
        show: false,
        width: 400,
        height: 800,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const work = (async () => {
          if (deviceName !== '') {
            const printers = await win.webContents.getPrintersAsync();
            if (!printers.some((p) => p.name === deviceName)) {
              const known = printers.map((p) => p.name).join(', ') || 'none';
              throw new SystemPrintError(deviceName, `it is not installed here (installed: ${known})`);
            }
          }
          const html = ticketHtml(ticket, 'order ticket');
          await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
          await new Promise<void>((resolve, reject) => {
            win.webContents.print(
              {
                silent: true,
                printBackground: false,
                deviceName: deviceName === '' ? undefined : deviceName,
                copies: Math.max(1, copies),
                margins: { marginType: 'none' },
                pageSize: ticketPageSize(ticket),
              },
              (success, failureReason) =>
                success
                  ? resolve()
                  : reject(new SystemPrintError(deviceName, failureReason || 'no reason given')),
            );
          });
        })();
        // The timeout may win; the late answer must not become an unhandled rejection.
        work.catch(() => undefined);
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(new SystemPrintError(deviceName, `no answer from the driver within ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
        await Promise.race([work, timeout]);
      } catch (err) {
        if (err instanceof SystemPrintError) throw err;
        throw new SystemPrintError(deviceName, (err as Error).message);
      } finally {
        clearTimeout(timer);
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}
