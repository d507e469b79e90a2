import { z } from 'zod';
import { ADDRESS_NEEDED, parsePrinterAddressText } from '../printing/printer-address';

const onOff = (on: boolean) => z.boolean({ error: 'must be on or off' }).default(on);

/** `none`: no printer; `network`: an ESC/POS printer at `address`; `system`: an OS printer (desktop app only). */
export const PRINTER_TYPES = ['none', 'network', 'system'] as const;
export type PrinterType = (typeof PRINTER_TYPES)[number];

/** Paper widths in mm, and the half-width columns each prints. */
export const PAPER_COLUMNS = { 58: 32, 80: 48 } as const;

/** Order tickets (来单打印): where they print, on what paper, and when. */
export const printerSettingsSchema = z.object({
  /** @default 'none' */
  type: z.enum(PRINTER_TYPES, { error: 'must be none, network or system' }).default('none'),
  /**
   * A network printer's `tcp://host:port` (port 9100 when left out).
   * @default ''
   */
  address: z
    .string({ error: 'must be text' })
    .trim()
    .max(300, 'must be at most 300 characters')
    .superRefine((v, ctx) => {
      const parsed = v === '' ? null : parsePrinterAddressText(v);
      if (parsed && !parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    })
    .default(''),
  /**
   * A system printer's name as the OS lists it; empty: the default printer.
   * @default ''
   */
  deviceName: z
    .string({ error: 'must be text' })
    .trim()
    .max(200, 'must be at most 200 characters')
    .default(''),
  /** 58 mm prints 32 columns, 80 mm 48. @default 58 */
  paperWidth: z.union([z.literal(58), z.literal(80)], { error: 'must be 58 or 80 (mm)' }).default(58),
  /** Copies of each order ticket (the rush slip and the test page print once). @default 1 */
  copies: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be from 1 to 5')
    .max(5, 'must be from 1 to 5')
    .default(1),
  /** A new order prints its ticket by itself (only while a printer is set up). @default true */
  autoPrint: onOff(true),
  /** A rush reminder prints a short 催单 slip. Off by default: it costs paper on every reminder. @default false */
  rushSlip: onOff(false),
  /** Printed on top of every ticket; empty: left out. @default '' */
  shopName: z.string({ error: 'must be text' }).trim().max(32, 'must be at most 32 characters').default(''),
});
export type PrinterSettings = z.infer<typeof printerSettingsSchema>;

/** The columns the paper prints. */
export function printerColumns(settings: Pick<PrinterSettings, 'paperWidth'>): number {
  return PAPER_COLUMNS[settings.paperWidth];
}

/** A printer is set up: a network one needs its address; a system one may use the OS default. */
export function printerConfigured(settings: Pick<PrinterSettings, 'type' | 'address'>): boolean {
  if (settings.type === 'network') return parsePrinterAddressText(settings.address).ok;
  return settings.type === 'system';
}

/**
 * What one field cannot say alone: a network printer needs its address. Checked with the whole
 * settings (the settings service's `checkSettings`), with the path the form shows it at.
 */
export function printerSettingsIssues(settings: PrinterSettings): { path: string; message: string }[] {
  if (settings.type !== 'network' || settings.address !== '') return [];
  return [{ path: 'printer.address', message: ADDRESS_NEEDED }];
}
