import { StationError } from '../util/station-error';

/**
 * Why a ticket did not print. `retryable` says whether the print queue tries again by itself:
 * a printer that is off may be switched on, one without paper gets a new roll; a wrong setting
 * does not fix itself.
 */
export abstract class PrinterError extends StationError {
  abstract readonly retryable: boolean;
}

/** Nothing answers at the address: the printer is off, unplugged, or the address is wrong. */
export class PrinterOfflineError extends PrinterError {
  readonly code = 'PRINTER_OFFLINE';
  readonly retryable = true;
  constructor(address: string, cause: string) {
    super(
      `打印机未连接: nothing answered at ${address} (${cause}). ` +
        'Check that the printer is on and on the network, and its address in Settings → Printer.',
      { address, cause },
    );
  }
}

/** The printer's paper sensor (DLE EOT 4) reports the roll is empty. */
export class PrinterOutOfPaperError extends PrinterError {
  readonly code = 'PRINTER_OUT_OF_PAPER';
  readonly retryable = true;
  constructor(address: string) {
    super(
      `打印机缺纸: the printer at ${address} reports no paper. Put in a new roll; the ticket prints then.`,
      {
        address,
      },
    );
  }
}

/** The printer accepted the connection but stopped answering. */
export class PrinterTimeoutError extends PrinterError {
  readonly code = 'PRINTER_TIMEOUT';
  readonly retryable = true;
  constructor(address: string, step: string, timeoutMs: number) {
    super(
      `打印机无响应: the printer at ${address} did not finish ${step} within ${timeoutMs} ms. ` +
        'Check its cover and paper, or switch it off and on.',
      { address, step, timeoutMs },
    );
  }
}

/** The connection closed before the whole ticket got through. */
export class PrinterConnectionLostError extends PrinterError {
  readonly code = 'PRINTER_CONNECTION_LOST';
  readonly retryable = true;
  constructor(address: string, cause: string) {
    super(
      `打印中断: the printer at ${address} closed the connection mid-ticket (${cause}). ` +
        'The ticket is printed again from the start.',
      { address, cause },
    );
  }
}

/** The Settings do not describe a printer this station can reach. */
export class PrinterConfigError extends PrinterError {
  readonly code = 'PRINTER_NOT_CONFIGURED';
  readonly retryable = false;
  constructor(what: string) {
    super(`打印机未设置: ${what}. Set the printer up in Settings → Printer.`);
  }
}

/** A system (OS) printer refused the job. */
export class SystemPrintError extends PrinterError {
  readonly code = 'SYSTEM_PRINT_FAILED';
  readonly retryable = true;
  constructor(deviceName: string, reason: string) {
    super(
      `打印失败: the system printer ${deviceName || '(default)'} refused the ticket (${reason}). ` +
        'Check that it is installed, on and has paper.',
      { deviceName, reason },
    );
  }
}
