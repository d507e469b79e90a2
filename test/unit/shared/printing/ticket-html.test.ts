import { describe, expect, it } from 'vitest';
import { COLUMN_MM, ticketHtml, ticketPageSize } from '../../../../src/shared/printing/ticket-html';
import { testPage } from '../../../../src/shared/printing/ticket-template';

describe('ticket HTML for system printers', () => {
  it('draws every line on the column grid: CJK on two columns, large lines at double size', () => {
    const ticket = testPage(Date.UTC(2026, 11, 2, 4, 0), {
      shopName: 'A&B <店>',
      columns: 48,
      utcOffsetMin: 480,
    });
    const html = ticketHtml(ticket);
    expect(html).toContain('&amp;');
    expect(html).not.toContain('<店>');
    const rows = [...html.matchAll(/<div class="(text|large)[^"]*">(.*?)<\/div>/g)];
    expect(rows).toHaveLength(ticket.lines.length);
    for (const [, kind, cells] of rows) {
      const widths = [...cells.matchAll(/width:([\d.]+)mm/g)].map((m) => Number(m[1]));
      const total = widths.reduce((a, b) => a + b, 0);
      expect(total).toBeLessThanOrEqual(48 * COLUMN_MM + 1e-9);
      if (kind === 'large') expect(Math.min(...widths)).toBeGreaterThanOrEqual(2 * COLUMN_MM);
    }
    expect(html).toMatch(/<span style="width:3mm">中<\/span>/);
    expect(ticketPageSize(ticket).width).toBe(78_000);
    expect(html).toContain('@page { size: 78mm');
  });
});
