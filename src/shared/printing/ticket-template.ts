import { formatFen } from '../domain/money';
import { centreInWidth, charWidth, padToWidth, textWidth, wrapToWidth } from './text-width';

/**
 * The one layout of every paper the station prints: the order ticket, the rush slip and the
 * test page. It lays text out in columns and nothing else, so the ESC/POS encoder, the HTML
 * rendering for system printers, the Settings preview and the snapshot tests all print the
 * same lines.
 */

/** A line as printed. `text` is already laid out: spaces centre or align it. */
export type TicketLine =
  /** Normal size, at most `columns` columns. */
  | { kind: 'text'; text: string; bold?: boolean }
  /** Double width and height (the packer's number), at most `columns / 2` columns. */
  | { kind: 'large'; text: string };

export interface Ticket {
  /** Half-width columns of the paper (32 for 58 mm, 48 for 80 mm). */
  columns: number;
  lines: TicketLine[];
}

/** What a ticket shows of an order (the order record has all of it). */
export interface TicketOrder {
  orderNo: string;
  amountFen: number;
  items: readonly { name: string; qty: number; priceFen: number }[];
  customer: { name?: string; phoneTail?: string } | null;
  note: string | null;
  createdAt: number;
  rushCount: number;
}

export interface TicketOptions {
  /** Printed on top; left out when empty. */
  shopName: string;
  columns: number;
  /**
   * Minutes east of UTC the times are printed in (480 for China).
   * @default the local time zone of the process
   */
  utcOffsetMin?: number;
}

const QTY_COLUMNS = 4;
const PRICE_COLUMNS = 10;

/** `2026-12-02 16:05` in the given offset. */
export function formatTicketTime(ms: number, utcOffsetMin?: number): string {
  const offset = utcOffsetMin ?? -new Date(ms).getTimezoneOffset();
  const d = new Date(ms + offset * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
  );
}

function builder(options: TicketOptions) {
  const { columns } = options;
  const lines: TicketLine[] = [];
  const text = (t: string, bold = false) => {
    for (const piece of wrapToWidth(t, columns))
      lines.push(bold ? { kind: 'text', text: piece, bold } : { kind: 'text', text: piece });
  };
  return {
    lines,
    text,
    centre: (t: string, bold = false) => {
      for (const piece of wrapToWidth(t, columns))
        lines.push({
          kind: 'text',
          text: centreInWidth(piece, columns).trimEnd(),
          ...(bold ? { bold } : {}),
        });
    },
    large: (t: string) => {
      const half = Math.floor(columns / 2);
      for (const piece of wrapToWidth(t, half))
        lines.push({ kind: 'large', text: centreInWidth(piece, half).trimEnd() });
    },
    rule: (ch = '-') => lines.push({ kind: 'text', text: ch.repeat(columns) }),
    /** `left` and `right` on one line, `right` flush with the edge; wrapped when both do not fit. */
    pair: (left: string, right: string, bold = false) => {
      if (textWidth(left) + 1 + textWidth(right) <= columns) {
        text(padToWidth(left, columns - textWidth(right)) + right, bold);
      } else {
        text(left, bold);
        text(padToWidth(right, columns, 'end'), bold);
      }
    },
    header: () => {
      if (options.shopName.trim() !== '') lines.push(...centred(options.shopName.trim(), columns, true));
    },
  };
}

function centred(t: string, columns: number, bold: boolean): TicketLine[] {
  return wrapToWidth(t, columns).map((piece) => ({
    kind: 'text',
    text: centreInWidth(piece, columns).trimEnd(),
    bold,
  }));
}

/** One item: the name (wrapped on its own column), then `x2` and the line's amount. */
function itemLines(item: TicketOrder['items'][number], columns: number): string[] {
  const nameColumns = columns - QTY_COLUMNS - PRICE_COLUMNS;
  const names = wrapToWidth(item.name, nameColumns);
  const first =
    padToWidth(names[0], nameColumns) +
    padToWidth(`x${item.qty}`, QTY_COLUMNS, 'end') +
    padToWidth(formatFen(item.qty * item.priceFen), PRICE_COLUMNS, 'end');
  return [first, ...names.slice(1)];
}

function customerLine(customer: TicketOrder['customer']): string | null {
  if (!customer) return null;
  const parts = [customer.name?.trim() || null, customer.phoneTail ? `手机尾号 ${customer.phoneTail}` : null];
  const shown = parts.filter((p): p is string => p !== null);
  return shown.length ? `顾客: ${shown.join('  ')}` : null;
}

/** The ticket that prints when an order comes in (and on reprint). */
export function orderTicket(order: TicketOrder, options: TicketOptions): Ticket {
  const b = builder(options);
  b.header();
  b.large(`#${order.orderNo}`);
  b.rule();
  b.text(`订单号: ${order.orderNo}`);
  b.text(`下单时间: ${formatTicketTime(order.createdAt, options.utcOffsetMin)}`);
  b.rule();
  if (order.items.length > 0) {
    const nameColumns = options.columns - QTY_COLUMNS - PRICE_COLUMNS;
    b.text(
      padToWidth('商品', nameColumns) +
        padToWidth('数量', QTY_COLUMNS, 'end') +
        padToWidth('金额', PRICE_COLUMNS, 'end'),
    );
    for (const item of order.items) for (const line of itemLines(item, options.columns)) b.text(line);
    b.rule();
  }
  b.pair('合计', formatFen(order.amountFen), true);
  const customer = customerLine(order.customer);
  if (customer) b.text(customer);
  if (order.note?.trim()) b.text(`备注: ${order.note.trim()}`, true);
  b.rule();
  b.large(order.orderNo);
  return { columns: options.columns, lines: b.lines };
}

/** The short slip a rush reminder prints: the kitchen sees which order to hurry. */
export function rushSlip(order: TicketOrder, at: number, options: TicketOptions): Ticket {
  const b = builder(options);
  b.header();
  b.large('催单');
  b.large(`#${order.orderNo}`);
  b.rule();
  b.text(`第 ${Math.max(order.rushCount, 1)} 次催单  ${formatTicketTime(at, options.utcOffsetMin)}`);
  b.text(`下单时间: ${formatTicketTime(order.createdAt, options.utcOffsetMin)}`);
  const customer = customerLine(order.customer);
  if (customer) b.text(customer);
  b.rule();
  return { columns: options.columns, lines: b.lines };
}

/** The Settings "print test page": proves the address, the paper width and the Chinese text. */
export function testPage(at: number, options: TicketOptions): Ticket {
  const b = builder(options);
  b.header();
  b.large('打印测试');
  b.rule();
  b.text(`纸宽 ${options.columns === 48 ? '80' : '58'}mm, ${options.columns} 列`);
  b.text(`时间: ${formatTicketTime(at, options.utcOffsetMin)}`);
  b.text('1234567890'.repeat(Math.ceil(options.columns / 10)).slice(0, options.columns));
  b.text('中文每字占两列 ABC');
  b.rule('=');
  return { columns: options.columns, lines: b.lines };
}

/**
 * The ticket as plain text, each line as wide as it prints: a large line's characters are
 * followed by the blank their double width takes. For snapshots and the width checks.
 */
export function ticketText(ticket: Ticket): string {
  return ticket.lines
    .map((line) =>
      line.kind === 'large'
        ? [...line.text]
            .map((ch) => ch + ' '.repeat(charWidth(ch)))
            .join('')
            .trimEnd()
        : line.text,
    )
    .join('\n');
}
