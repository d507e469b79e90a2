/**
 * A network printer's address: `tcp://host:port`, or `host[:port]` with port 9100 (the raw
 * printing port of ESC/POS network printers) when left out. Shared, so Settings refuse a bad
 * address with the same rule the printer connects by.
 */
export type ParsedPrinterAddress = { ok: true; host: string; port: number } | { ok: false; message: string };

export const DEFAULT_PRINTER_PORT = 9100;

export const ADDRESS_NEEDED = 'is needed for a network printer, e.g. tcp://192.168.1.50:9100';

export function parsePrinterAddressText(address: string): ParsedPrinterAddress {
  const text = address.trim();
  if (text === '') return { ok: false, message: ADDRESS_NEEDED };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^tcp:\/\//i.test(text))
    return {
      ok: false,
      message: 'must start with tcp:// (network ESC/POS printers), e.g. tcp://192.168.1.50:9100',
    };
  const m = /^(?:tcp:\/\/)?([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?\/?$/i.exec(text);
  if (!m) return { ok: false, message: 'must be tcp://host:port, e.g. tcp://192.168.1.50:9100' };
  const port = m[2] === undefined ? DEFAULT_PRINTER_PORT : Number(m[2]);
  if (port < 1 || port > 65535)
    return { ok: false, message: 'must have a port from 1 to 65535 (usually 9100)' };
  return { ok: true, host: m[1], port };
}
