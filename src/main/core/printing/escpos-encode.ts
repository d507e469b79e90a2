import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import iconv from 'iconv-lite';
import type { Ticket } from '../../../shared/printing/ticket-template';

/**
 * ESC/POS bytes for a ticket. The encoder library writes the commands (initialise, emphasis,
 * character size, feed and cut); the text goes through iconv-lite as GB18030, because the
 * library's code pages are single-byte ones and the printers of this market read GBK/GB18030
 * in their Chinese (Kanji) mode.
 */

/** FS & — select Kanji (Chinese) character mode: two-byte codes print as one character. */
const FS_KANJI_ON = [0x1c, 0x26];
/**
 * ESC B n t — the buzzer of the Chinese thermal printers (Xprinter, Gprinter and their kin):
 * n beeps of t × 50 ms. Not in Epson's set, and printers without a buzzer ignore it.
 */
const beep = (times: number, units: number) => [0x1b, 0x42, times, units];

export interface EncodeOptions {
  /** @default 1 */
  copies?: number;
  /** Sound the buzzer once the ticket is printed, so a busy kitchen hears it. @default true */
  beep?: boolean;
}

export function encodeTicket(ticket: Ticket, options: EncodeOptions = {}): Uint8Array {
  const copies = Math.max(1, options.copies ?? 1);
  // The library allows initialize() only first in an encoding, so each copy is its own encoding.
  const parts = Array.from({ length: copies }, () => encodeCopy(ticket));
  if (options.beep ?? true) parts.push(Uint8Array.from(beep(2, 3)));
  return Buffer.concat(parts);
}

function encodeCopy(ticket: Ticket): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: ticket.columns,
    feedBeforeCut: 4,
    newline: '\n',
  });
  // initialize() cancels Kanji mode (FS .); every copy starts from a known state.
  encoder.initialize().raw(FS_KANJI_ON);
  for (const line of ticket.lines) {
    const large = line.kind === 'large';
    const bold = large || (line.kind === 'text' && line.bold === true);
    if (large) encoder.size(2, 2);
    if (bold) encoder.bold(true);
    encoder.raw(iconv.encode(line.text, 'gb18030')).newline();
    if (bold) encoder.bold(false);
    if (large) encoder.size(1, 1);
  }
  encoder.cut();
  return encoder.encode();
}
