import { describe, expect, it } from 'vitest';
import { checkSettings } from '../../../../src/main/core/settings/settings-check';
import { parsePrinterAddressText } from '../../../../src/shared/printing/printer-address';
import {
  printerColumns,
  printerConfigured,
  printerSettingsSchema,
} from '../../../../src/shared/settings/printer-settings';

const issues = (printer: unknown) => {
  const r = checkSettings({ printer });
  return r.ok ? [] : r.issues;
};

describe('printer settings', () => {
  it('defaults to no printer, 58 mm, one copy, auto-print on (effective once a printer is set up)', () => {
    const d = printerSettingsSchema.parse({});
    expect(d).toEqual({
      type: 'none',
      address: '',
      deviceName: '',
      paperWidth: 58,
      copies: 1,
      autoPrint: true,
      rushSlip: false,
      shopName: '',
    });
    expect(printerConfigured(d)).toBe(false);
    expect(printerColumns(d)).toBe(32);
    expect(printerColumns({ paperWidth: 80 })).toBe(48);
  });

  it('reads tcp://host:port, host:port and a bare host (port 9100)', () => {
    expect(parsePrinterAddressText('tcp://192.168.1.50:9100')).toEqual({
      ok: true,
      host: '192.168.1.50',
      port: 9100,
    });
    expect(parsePrinterAddressText(' kitchen-printer.local:9101 ')).toEqual({
      ok: true,
      host: 'kitchen-printer.local',
      port: 9101,
    });
    expect(parsePrinterAddressText('10.0.0.7')).toEqual({ ok: true, host: '10.0.0.7', port: 9100 });
  });

  it('refuses bad addresses with a message that shows the expected form', () => {
    expect(issues({ type: 'network', address: 'http://10.0.0.7' })).toEqual([
      {
        path: 'printer.address',
        message: expect.stringMatching(/must start with tcp:\/\/.*tcp:\/\/192\.168\.1\.50:9100/),
      },
    ]);
    expect(issues({ type: 'network', address: 'tcp://10.0.0.7:99999' })).toEqual([
      { path: 'printer.address', message: 'must have a port from 1 to 65535 (usually 9100)' },
    ]);
    expect(issues({ type: 'network', address: 'tcp://bad host' })).toEqual([
      { path: 'printer.address', message: expect.stringMatching(/^must be tcp:\/\/host:port/) },
    ]);
    expect(issues({ type: 'network', address: '' })).toEqual([
      { path: 'printer.address', message: expect.stringMatching(/is needed for a network printer/) },
    ]);
    // A system printer needs no address (and an empty device name is the OS default).
    expect(issues({ type: 'system', address: '' })).toEqual([]);
  });

  it('bounds the paper width, copies and shop name', () => {
    expect(issues({ paperWidth: 76 })).toEqual([
      { path: 'printer.paperWidth', message: 'must be 58 or 80 (mm)' },
    ]);
    expect(issues({ copies: 6 })).toEqual([{ path: 'printer.copies', message: 'must be from 1 to 5' }]);
    expect(issues({ copies: 0 })).toEqual([{ path: 'printer.copies', message: 'must be from 1 to 5' }]);
    expect(issues({ shopName: '店'.repeat(33) })).toEqual([
      { path: 'printer.shopName', message: 'must be at most 32 characters' },
    ]);
    expect(issues({ type: 'usb' })).toEqual([
      { path: 'printer.type', message: 'must be none, network or system' },
    ]);
  });
});
