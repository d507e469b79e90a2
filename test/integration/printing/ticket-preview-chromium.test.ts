import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startPageServer } from '../../support/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Settings → 小票打印机 in real Chromium (the screenshot page: the real App over the fake
 * station): the ticket preview is drawn on the printer's column grid, CJK on two columns, the
 * packer's number at double size, at both widths; and the screenshots are written for a person
 * to look at (test-output/screens/ticket-preview-*.png).
 */
const root = resolve(__dirname, '../../..');
const out = resolve(root, 'test-output/screens');
/** `--ticket-col` in styles.css. */
const COL_PX = 8;

let server: Awaited<ReturnType<typeof startPageServer>>;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = await startPageServer();
  base = server.base;
  browser = await launchChromium();
  mkdirSync(out, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPreview(paper: '58' | '80'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/test/screenshots/page/index.html?view=settings&printer=${paper}`);
  await page.waitForSelector('[data-testid="ticket-preview"]', { timeout: 30_000 });
  await page.$eval('[data-testid="ticket-preview"]', (el) => el.scrollIntoView({ block: 'center' }));
  await page.evaluate('document.fonts.ready');
  return page;
}

interface Measured {
  paperWidth: number;
  lines: { large: boolean; cells: { ch: string; width: number; glyph: number }[]; right: number }[];
  left: number;
}

/** Every cell's box and the glyph's drawn width inside it, as the browser laid them out. */
function measure(page: Page): Promise<Measured> {
  // A string, because this file is type-checked for Node, without the DOM types the page has.
  return page.evaluate(`(() => {
    const paper = document.querySelector('.ticket-paper');
    const box = paper.getBoundingClientRect();
    const style = getComputedStyle(paper);
    const left = box.left + paper.clientLeft + parseFloat(style.paddingLeft);
    const range = document.createRange();
    const lines = [...paper.querySelectorAll('.ticket-line')].map((line) => {
      const cells = [...line.querySelectorAll('.ticket-cell')].map((c) => {
        range.selectNodeContents(c);
        return { ch: c.textContent, width: c.getBoundingClientRect().width, glyph: range.getBoundingClientRect().width };
      });
      const last = line.querySelector('.ticket-cell:last-child');
      return { large: line.classList.contains('is-large'), cells, right: last ? last.getBoundingClientRect().right : left };
    });
    return { paperWidth: paper.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight), lines, left };
  })()`) as Promise<Measured>;
}

describe.each([
  ['58', 32],
  ['80', 48],
] as const)('the ticket preview on %s mm paper', (paper, columns) => {
  it(`lays every line on the ${columns}-column grid, with Chinese drawn, and writes a screenshot`, async () => {
    const page = await openPreview(paper);
    try {
      const m = await measure(page);
      expect(m.paperWidth).toBe(columns * COL_PX);
      // No line runs past the paper.
      for (const line of m.lines) expect(line.right - m.left).toBeLessThanOrEqual(columns * COL_PX + 0.5);
      const cells = m.lines.flatMap((l) => l.cells.map((c) => ({ ...c, large: l.large })));
      const han = cells.filter((c) => /[\u4e00-\u9fff]/.test(c.ch));
      expect(han.length).toBeGreaterThan(10);
      // A CJK character takes two columns, four at double size, and its glyph is really drawn
      // (a missing font would give boxes of another width, or nothing).
      for (const c of han) {
        expect(c.width).toBe((c.large ? 4 : 2) * COL_PX);
        expect(c.glyph).toBeGreaterThan(COL_PX);
      }
      for (const c of cells.filter((x) => /[0-9A-Za-z#]/.test(x.ch)))
        expect(c.width).toBe((c.large ? 2 : 1) * COL_PX);
      expect(m.lines.filter((l) => l.large).length).toBe(2);

      const shot = resolve(out, `ticket-preview-${paper}mm.png`);
      await page.locator('[data-testid="ticket-preview"]').screenshot({ path: shot });
      expect(statSync(shot).size).toBeGreaterThan(5000);
      await page.screenshot({ path: resolve(out, `settings-printer-${paper}mm-1280x800.png`) });
    } finally {
      await page.close();
    }
  }, 60_000);
});
