import { charWidth } from './text-width';
import type { Ticket } from './ticket-template';

/**
 * The same ticket as an HTML page, for system (driver) printers: each column a fixed cell of
 * {@link COLUMN_MM}, a CJK character on two, the packer's number at double size, so the paper
 * shows the layout the ESC/POS printers print. Pure text in, text out: the desktop shell loads
 * it in a hidden window and prints it silently.
 */

/** One column on paper: 32 of them fill 58 mm paper's 48 mm print width, 48 fill 80 mm's 72 mm. */
export const COLUMN_MM = 1.5;
const LINE_MM = 4;
const MARGIN_MM = 3;

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The paper the ticket needs, in microns (as Electron's print `pageSize` takes it). */
export function ticketPageSize(ticket: Ticket): { width: number; height: number } {
  const widthMm = ticket.columns * COLUMN_MM + 2 * MARGIN_MM;
  const rows = ticket.lines.reduce((n, l) => n + (l.kind === 'large' ? 2 : 1), 0);
  // Electron refuses a page under 353 microns either way; a ticket is never that small anyway.
  return {
    width: Math.round(widthMm * 1000),
    height: Math.round((rows * LINE_MM + 2 * MARGIN_MM + 8) * 1000),
  };
}

export function ticketHtml(ticket: Ticket, title = 'ticket'): string {
  const lines = ticket.lines
    .map((line) => {
      const scale = line.kind === 'large' ? 2 : 1;
      const bold = line.kind === 'large' || line.bold === true;
      const cells = [...line.text]
        .map(
          (ch) =>
            `<span style="width:${charWidth(ch) * scale * COLUMN_MM}mm">${ch === ' ' ? '&nbsp;' : escape(ch)}</span>`,
        )
        .join('');
      return `<div class="${line.kind}${bold ? ' b' : ''}">${cells || '&nbsp;'}</div>`;
    })
    .join('\n');
  const { width, height } = ticketPageSize(ticket);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(title)}</title>
<style>
@page { size: ${width / 1000}mm ${height / 1000}mm; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { padding: ${MARGIN_MM}mm; font-family: 'SimHei', 'Microsoft YaHei', 'WenQuanYi Micro Hei', monospace; font-size: 2.6mm; }
div { display: flex; height: ${LINE_MM}mm; line-height: ${LINE_MM}mm; white-space: pre; overflow: hidden; }
div.large { height: ${2 * LINE_MM}mm; line-height: ${2 * LINE_MM}mm; font-size: 5.2mm; }
div.b { font-weight: 700; }
span { display: inline-block; flex: none; text-align: center; }
</style></head>
<body>
${lines}
</body></html>
`;
}
