/**
 * How printing is going, for the status bar and the one announcement per outage.
 * - `unknown`: nothing sent since the start;
 * - `ok`: the last job printed;
 * - `failing`: the last attempt failed, with its error.
 */
export interface PrinterHealth {
  state: 'unknown' | 'ok' | 'failing';
  /** The last failed attempt's code and message while `failing`. */
  lastErrorCode: string | null;
  lastError: string | null;
  /** When the state last changed (epoch ms), or null before the first job. */
  since: number | null;
}

export const PRINTER_HEALTH_UNKNOWN: PrinterHealth = {
  state: 'unknown',
  lastErrorCode: null,
  lastError: null,
  since: null,
};

/**
 * The health state machine. `trouble` fires on the step into `failing` only: ten tickets
 * failing against a printer that is off are one outage, said once.
 */
export function createPrinterHealth(listeners: {
  changed: (h: PrinterHealth) => void;
  trouble: (h: PrinterHealth) => void;
}) {
  let current: PrinterHealth = PRINTER_HEALTH_UNKNOWN;
  return {
    get: () => current,
    printed(at: number) {
      if (current.state === 'ok') return;
      current = { state: 'ok', lastErrorCode: null, lastError: null, since: at };
      listeners.changed(current);
    },
    failed(f: { at: number; code: string; message: string }) {
      const entering = current.state !== 'failing';
      if (!entering && current.lastErrorCode === f.code && current.lastError === f.message) return;
      current = {
        state: 'failing',
        lastErrorCode: f.code,
        lastError: f.message,
        since: entering ? f.at : current.since,
      };
      listeners.changed(current);
      if (entering) listeners.trouble(current);
    },
  };
}
