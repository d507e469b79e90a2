import net from 'node:net';
import { parsePrinterAddressText } from '../../../shared/printing/printer-address';
import { encodeTicket } from './escpos-encode';
import {
  PrinterConfigError,
  PrinterConnectionLostError,
  PrinterOfflineError,
  PrinterOutOfPaperError,
  PrinterTimeoutError,
} from './printer-errors';
import type { PrinterPort } from './printer-port';

/** DLE EOT 4: real-time status of the roll paper sensor. */
const PAPER_STATUS_QUERY = Buffer.from([0x10, 0x04, 0x04]);
/**
 * Bits 5 and 6 of the DLE EOT 4 answer: the roll paper end sensor reports no paper (bits 2 and 3
 * are the near-end sensor). Epson's ESC/POS reference, "DLE EOT", n = 4:
 * https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/dle_eot.html
 */
const PAPER_END_BITS = 0x60;

export interface NetworkPrinterOptions {
  /** `tcp://host:port` or `host[:port]`; the port is 9100 when left out. */
  address: string;
  /** @default 3000 */
  connectTimeoutMs?: number;
  /**
   * How long to wait for the answer to DLE EOT 4. A printer that never answers is taken as one
   * without status reports, and printed to all the same.
   * @default 800
   */
  statusTimeoutMs?: number;
  /** The whole job, connect to close. @default 15000 */
  jobTimeoutMs?: number;
  /** Buzzer after each ticket. @default true */
  beep?: boolean;
}

export function parsePrinterAddress(address: string): { host: string; port: number } {
  const parsed = parsePrinterAddressText(address);
  if (!parsed.ok) throw new PrinterConfigError(`the printer address "${address}" ${parsed.message}`);
  return { host: parsed.host, port: parsed.port };
}

/**
 * A network ESC/POS printer (raw TCP, usually port 9100). Each job is one connection: ask the
 * paper sensor, send the ticket, ask again. The second answer is how the station knows the
 * printer read the whole ticket: a printer that closes mid-job never gives it.
 */
export function createNetworkPrinter(options: NetworkPrinterOptions): PrinterPort {
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const statusTimeoutMs = options.statusTimeoutMs ?? 800;
  const jobTimeoutMs = options.jobTimeoutMs ?? 15_000;
  return {
    async print(request) {
      const { host, port } = parsePrinterAddress(options.address);
      const where = `${host}:${port}`;
      const bytes = encodeTicket(request.ticket, { copies: request.copies, beep: options.beep });
      const socket = await connect(host, port, where, connectTimeoutMs);
      const reader = createReader(socket, where);
      const jobTimer = setTimeout(
        () => reader.fail(new PrinterTimeoutError(where, 'the ticket', jobTimeoutMs)),
        jobTimeoutMs,
      );
      try {
        socket.write(PAPER_STATUS_QUERY);
        const before = await reader.byte(statusTimeoutMs);
        if (before !== null && (before & PAPER_END_BITS) === PAPER_END_BITS)
          throw new PrinterOutOfPaperError(where);
        await reader.write(bytes);
        if (before !== null) {
          socket.write(PAPER_STATUS_QUERY);
          // It answered before, so no answer now means the ticket did not all get through.
          const after = await reader.byte(jobTimeoutMs);
          if (after === null) throw new PrinterTimeoutError(where, 'the ticket', jobTimeoutMs);
          if ((after & PAPER_END_BITS) === PAPER_END_BITS) throw new PrinterOutOfPaperError(where);
        }
        await reader.end();
      } finally {
        clearTimeout(jobTimer);
        socket.destroy();
      }
    },
  };
}

function connect(host: string, port: number, where: string, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PrinterOfflineError(where, `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new PrinterOfflineError(where, err.code ?? err.message));
    });
  });
}

/** Reads single status bytes and turns the socket's end or errors into printer errors. */
function createReader(socket: net.Socket, where: string) {
  const received: number[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  socket.on('data', (chunk: Buffer) => {
    received.push(...chunk);
    notify();
  });
  const lost = (cause: string) => {
    failure ??= new PrinterConnectionLostError(where, cause);
    notify();
  };
  socket.on('error', (err: NodeJS.ErrnoException) => lost(err.code ?? err.message));
  socket.on('end', () => lost('closed by the printer'));
  socket.on('close', () => lost('closed'));
  const waitFor = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  return {
    fail(err: Error) {
      failure ??= err;
      socket.destroy();
      notify();
    },
    /** The next status byte, or null when none came within `ms`. */
    async byte(ms: number): Promise<number | null> {
      if (received.length === 0 && failure === null) await waitFor(ms);
      if (received.length > 0) return received.shift()!;
      if (failure) throw failure;
      return null;
    },
    write(data: Uint8Array): Promise<void> {
      return new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        socket.write(data, (err) =>
          err ? reject(failure ?? new PrinterConnectionLostError(where, err.message)) : resolve(),
        );
      });
    },
    end(): Promise<void> {
      return new Promise((resolve) => {
        if (failure) return resolve();
        socket.end(() => resolve());
      });
    },
  };
}
