import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPrintService } from '../../../../src/main/core/printing/print-service';
import type { Storage } from '../../../../src/main/core/storage/storage';
import { openStorage } from '../../../../src/main/core/storage/storage';
import type { PrintJob } from '../../../../src/shared/printing/print-job';
import { orderTicket } from '../../../../src/shared/printing/ticket-template';
import { printerSettingsSchema } from '../../../../src/shared/settings/printer-settings';
import { makeTempDir } from '../../../support/temp-dir';
import type { createFakeElectron } from './fake-electron';

const holder = vi.hoisted(() => ({ fake: null as ReturnType<typeof createFakeElectron> | null }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  holder.fake = createFakeElectron();
  return holder.fake.module;
});

const { createSystemPrinter } = await import('../../../../src/main/electron/system-printer');
const fake = holder.fake!;

const order = {
  orderNo: 'S1',
  amountFen: 2400,
  items: [{ name: '酸辣粉 <大>', qty: 2, priceFen: 1200 }],
  customer: { phoneTail: '0421' },
  note: null,
  createdAt: Date.UTC(2026, 11, 2, 4, 0),
  rushCount: 0,
};
const ticket = orderTicket(order, { shopName: '小馆', columns: 32, utcOffsetMin: 480 });
const pageText = (page: string | undefined) =>
  decodeURIComponent(page!.replace(/^data:text\/html;charset=utf-8,/, ''))
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

beforeEach(() => {
  fake.reset();
  fake.state.printers = [{ name: 'XP-58 (USB)' }, { name: 'Microsoft Print to PDF' }];
});

describe('system printer (desktop shell)', () => {
  it('prints the ticket as HTML, silently, to the named printer, from a hidden sandboxed window', async () => {
    await createSystemPrinter().print({ ticket, copies: 2, deviceName: 'XP-58 (USB)' });
    expect(fake.state.prints).toHaveLength(1);
    const [{ options, page, window }] = fake.state.prints;
    expect(options).toMatchObject({
      silent: true,
      deviceName: 'XP-58 (USB)',
      copies: 2,
      margins: { marginType: 'none' },
      pageSize: { width: 54_000 },
    });
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
    expect(window.destroyed).toBe(true);
    const text = pageText(page);
    expect(text).toContain('订单号: S1');
    expect(text).toContain('酸辣粉 <大>');
    expect(text).toContain('手机尾号 0421');
    expect(decodeURIComponent(page!)).not.toContain('<大>');
  });

  it('uses the default printer when no name is set', async () => {
    await createSystemPrinter().print({ ticket, copies: 1, deviceName: '' });
    expect(fake.state.prints[0].options.deviceName).toBeUndefined();
  });

  it('refuses a printer that is not installed, naming those that are', async () => {
    const err = await createSystemPrinter()
      .print({ ticket, copies: 1, deviceName: 'Kitchen' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SYSTEM_PRINT_FAILED', retryable: true });
    expect((err as Error).message).toMatch(
      /Kitchen.*not installed here \(installed: XP-58 \(USB\), Microsoft Print to PDF\)/,
    );
    expect(fake.state.prints).toEqual([]);
    expect(fake.state.windows.every((w) => w.destroyed)).toBe(true);
  });

  it('passes on the driver’s failure reason, and gives up on a driver that never answers', async () => {
    fake.state.printAnswer = () => [false, 'Printer is out of paper'];
    await expect(
      createSystemPrinter().print({ ticket, copies: 1, deviceName: 'XP-58 (USB)' }),
    ).rejects.toThrow(/XP-58 \(USB\) refused the ticket \(Printer is out of paper\)/);
    fake.state.printAnswer = () => null;
    await expect(
      createSystemPrinter({ timeoutMs: 50 }).print({ ticket, copies: 1, deviceName: 'XP-58 (USB)' }),
    ).rejects.toThrow(/no answer from the driver within 50 ms/);
    expect(fake.state.windows.every((w) => w.destroyed)).toBe(true);
  });
});

describe('the core printing through the shell’s system printer', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  beforeEach(() => {
    tmp = makeTempDir();
    storage = openStorage({ file: path.join(tmp.dir, 'station.sqlite') });
  });
  afterEach(() => {
    storage.close();
    tmp.cleanup();
  });

  it('decides what prints; the shell only prints it, and a refusal is retried with its error kept', async () => {
    const settings = printerSettingsSchema.parse({ type: 'system', deviceName: 'XP-58 (USB)', copies: 2 });
    const printing = createPrintService({
      store: storage.printJobs,
      settings: () => settings,
      systemPrinter: createSystemPrinter(),
      retry: { baseMs: 20, maxMs: 20 },
      utcOffsetMin: 480,
    });
    const jobs: PrintJob[] = [];
    printing.on('job', (j) => jobs.push(j));
    printing.start();
    fake.state.printAnswer = () => [false, 'Printer is offline'];
    printing.orderArrived(order);
    await vi.waitFor(() => expect(jobs.some((j) => j.lastErrorCode === 'SYSTEM_PRINT_FAILED')).toBe(true));
    // As stored after the refusal (the retry may already be under way).
    expect(jobs.find((j) => j.lastErrorCode === 'SYSTEM_PRINT_FAILED')).toMatchObject({
      status: 'pending',
      lastError: expect.stringMatching(/Printer is offline/),
    });

    fake.state.printAnswer = () => [true, ''];
    await vi.waitFor(() => expect(jobs.at(-1)?.status).toBe('printed'));
    const last = fake.state.prints.at(-1)!;
    expect(last.options).toMatchObject({ silent: true, deviceName: 'XP-58 (USB)', copies: 2 });
    expect(pageText(last.page)).toContain('订单号: S1');
    await printing.stop();
  });
});
