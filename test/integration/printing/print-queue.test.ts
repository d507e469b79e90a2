import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNetworkPrinter } from '../../../src/main/core/printing/network-printer';
import type { PrintQueue } from '../../../src/main/core/printing/print-queue';
import { createPrintQueue } from '../../../src/main/core/printing/print-queue';
import type { PrinterHealth } from '../../../src/main/core/printing/printer-health';
import type { Storage } from '../../../src/main/core/storage/storage';
import { openStorage } from '../../../src/main/core/storage/storage';
import type { PrintJob } from '../../../src/shared/printing/print-job';
import { orderTicket } from '../../../src/shared/printing/ticket-template';
import { decodeJob, startPrinterSim } from '../../support/escpos-printer-sim';
import type { PrinterSim, SimBehaviour } from '../../support/escpos-printer-sim';
import { makeTempDir } from '../../support/temp-dir';

const ticketFor = (orderNo: string) =>
  orderTicket(
    {
      orderNo,
      amountFen: 1800,
      items: [{ name: '牛肉面', qty: 1, priceFen: 1800 }],
      customer: { phoneTail: '1234' },
      note: null,
      createdAt: 0,
      rushCount: 0,
    },
    { shopName: '小馆', columns: 32, utcOffsetMin: 480 },
  );

let tmp: ReturnType<typeof makeTempDir>;
let storage: Storage;
let sim: PrinterSim;
let behaviour: { current: SimBehaviour };
let queue: PrintQueue | null = null;
let address: string | null;

const open = () => openStorage({ file: path.join(tmp.dir, 'station.sqlite') });
const newQueue = (maxAttempts = 20) =>
  createPrintQueue({
    store: storage.printJobs,
    printer: () =>
      address === null
        ? null
        : createNetworkPrinter({ address, connectTimeoutMs: 300, statusTimeoutMs: 100, jobTimeoutMs: 300 }),
    retry: { baseMs: 20, maxMs: 80, maxAttempts },
  });

const q_get = (id: number) => storage.printJobs.get(id);

/** Resolves with the job once `test` holds for it, as the queue reports it. */
function jobWhere(q: PrintQueue, id: number, test: (j: PrintJob) => boolean, ms = 4000): Promise<PrintJob> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`job ${id} never matched: ${JSON.stringify({ ...q_get(id), ticket: undefined })}`)),
      ms,
    );
    const off = q.on('job', (j) => {
      if (j.id === id && test(j)) {
        clearTimeout(timer);
        off();
        resolve(j);
      }
    });
  });
}

/** The tickets the printer printed whole (cut), once it has `n` of them: its last bytes arrive after the job resolves. */
async function printedTexts(n: number, ms = 2000) {
  const whole = () => sim.jobs.map((j) => decodeJob(j)).filter((d) => d.cuts > 0);
  const until = Date.now() + ms;
  while (whole().length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return whole();
}

beforeEach(async () => {
  tmp = makeTempDir();
  storage = open();
  behaviour = { current: 'ok' };
  sim = await startPrinterSim(behaviour);
  address = sim.address;
});

afterEach(async () => {
  await queue?.stop();
  queue = null;
  await sim.close();
  storage.close();
  tmp.cleanup();
});

describe('print queue against the loopback ESC/POS printer', () => {
  it('prints a queued ticket in the background and records it', async () => {
    queue = newQueue();
    queue.start();
    const job = queue.enqueue({ kind: 'order', orderNo: 'A1', ticket: ticketFor('A1'), copies: 2 });
    // Returned at once, before any byte reached the printer.
    expect(job.status).toBe('pending');
    const done = await jobWhere(queue, job.id, (j) => j.status === 'printed');
    expect(done).toMatchObject({ attempts: 1, lastError: null });
    const [printed] = await printedTexts(1);
    expect(printed.lines).toContain('订单号: A1');
    expect(printed.cuts).toBe(2);
    expect(queue.health().state).toBe('ok');
  });

  it('retries a printer that refuses connections and prints once it is back', async () => {
    await sim.unplug();
    queue = newQueue();
    queue.start();
    const job = queue.enqueue({ kind: 'order', orderNo: 'R1', ticket: ticketFor('R1'), copies: 1 });
    const failing = await jobWhere(queue, job.id, (j) => j.attempts >= 2 && j.status === 'pending');
    expect(failing.lastErrorCode).toBe('PRINTER_OFFLINE');
    expect(failing.lastError).toMatch(/打印机未连接/);
    await sim.plugIn();
    await jobWhere(queue, job.id, (j) => j.status === 'printed');
    expect((await printedTexts(1)).map((p) => p.lines)).toEqual([expect.arrayContaining(['订单号: R1'])]);
  });

  it('times out on a hung printer, retries, and prints when it answers again', async () => {
    behaviour.current = 'hang';
    queue = newQueue();
    queue.start();
    const job = queue.enqueue({ kind: 'order', orderNo: 'H1', ticket: ticketFor('H1'), copies: 1 });
    const hung = await jobWhere(queue, job.id, (j) => j.lastErrorCode !== null);
    expect(hung.lastErrorCode).toBe('PRINTER_TIMEOUT');
    behaviour.current = 'ok';
    const done = await jobWhere(queue, job.id, (j) => j.status === 'printed', 6000);
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect((await printedTexts(1)).some((p) => p.lines.includes('订单号: H1'))).toBe(true);
  });

  it('prints the whole ticket again after the printer closed mid-job', async () => {
    behaviour.current = 'close-mid-job';
    queue = newQueue();
    queue.start();
    const job = queue.enqueue({ kind: 'order', orderNo: 'C1', ticket: ticketFor('C1'), copies: 1 });
    const lost = await jobWhere(queue, job.id, (j) => j.lastErrorCode !== null);
    expect(lost.lastErrorCode).toBe('PRINTER_CONNECTION_LOST');
    behaviour.current = 'ok';
    await jobWhere(queue, job.id, (j) => j.status === 'printed');
    const full = (await printedTexts(1)).filter((p) => p.lines.includes('订单号: C1'));
    expect(full).toHaveLength(1);
    expect(full[0].lines).toContain('合计                       18.00');
  });

  it('loses no job while the printer is off, and prints them in order', async () => {
    await sim.unplug();
    queue = newQueue();
    queue.start();
    const ids = ['Q1', 'Q2', 'Q3'].map(
      (no) => queue!.enqueue({ kind: 'order', orderNo: no, ticket: ticketFor(no), copies: 1 }).id,
    );
    await jobWhere(queue, ids[0], (j) => j.attempts >= 1 && j.status === 'pending');
    await sim.plugIn();
    await Promise.all(ids.map((id) => jobWhere(queue!, id, (j) => j.status === 'printed', 6000)));
    const order = (await printedTexts(3)).map((p) => p.lines.find((l) => l.startsWith('订单号')));
    expect(order).toEqual(['订单号: Q1', '订单号: Q2', '订单号: Q3']);
  });

  it('leaves a job failed with its error after the last attempt', async () => {
    behaviour.current = 'no-paper';
    queue = newQueue(3);
    queue.start();
    const job = queue.enqueue({ kind: 'test', orderNo: null, ticket: ticketFor('P1'), copies: 1 });
    const failed = await jobWhere(queue, job.id, (j) => j.status === 'failed');
    expect(failed).toMatchObject({ attempts: 3, lastErrorCode: 'PRINTER_OUT_OF_PAPER' });
    expect(failed.lastError).toMatch(/缺纸/);
    expect(storage.printJobs.get(job.id)?.status).toBe('failed');
  });

  it('fails at once, without retrying, when no printer is set up', async () => {
    address = null;
    queue = newQueue();
    queue.start();
    const job = queue.enqueue({ kind: 'reprint', orderNo: 'N1', ticket: ticketFor('N1'), copies: 1 });
    const failed = await jobWhere(queue, job.id, (j) => j.status === 'failed');
    expect(failed).toMatchObject({ attempts: 1, lastErrorCode: 'PRINTER_NOT_CONFIGURED' });
  });

  it('resumes pending and interrupted jobs after a restart', async () => {
    await sim.unplug();
    queue = newQueue();
    queue.start();
    const waiting = queue.enqueue({ kind: 'order', orderNo: 'S1', ticket: ticketFor('S1'), copies: 1 });
    await jobWhere(queue, waiting.id, (j) => j.attempts >= 1 && j.status === 'pending');
    await queue.stop();
    queue = null;
    // A job the station was sending when it was killed.
    const inAir = storage.printJobs.add({
      kind: 'rush',
      orderNo: 'S2',
      ticket: ticketFor('S2'),
      copies: 1,
      at: 1,
    });
    storage.printJobs.markPrinting(inAir.id, 2);
    storage.close();

    storage = open();
    await sim.plugIn();
    queue = newQueue();
    const seen = Promise.all([
      jobWhere(queue, waiting.id, (j) => j.status === 'printed'),
      jobWhere(queue, inAir.id, (j) => j.status === 'printed'),
    ]);
    queue.start();
    await seen;
    const lines = (await printedTexts(2)).map((p) => p.lines.find((l) => l.startsWith('订单号')));
    expect(lines.sort()).toEqual(['订单号: S1', '订单号: S2']);
  });

  it('reports trouble once per outage, and again after a recovery', async () => {
    await sim.unplug();
    queue = newQueue();
    const trouble: PrinterHealth[] = [];
    queue.on('trouble', (h) => trouble.push(h));
    queue.start();
    const a = queue.enqueue({ kind: 'order', orderNo: 'T1', ticket: ticketFor('T1'), copies: 1 });
    const b = queue.enqueue({ kind: 'order', orderNo: 'T2', ticket: ticketFor('T2'), copies: 1 });
    await jobWhere(queue, a.id, (j) => j.attempts >= 3);
    // The second ticket waits behind the first instead of overtaking it.
    expect(storage.printJobs.get(b.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(trouble).toHaveLength(1);
    expect(trouble[0]).toMatchObject({ state: 'failing', lastErrorCode: 'PRINTER_OFFLINE' });

    await sim.plugIn();
    await Promise.all([a.id, b.id].map((id) => jobWhere(queue!, id, (j) => j.status === 'printed')));
    expect(queue.health().state).toBe('ok');

    await sim.unplug();
    const c = queue.enqueue({ kind: 'order', orderNo: 'T3', ticket: ticketFor('T3'), copies: 1 });
    await jobWhere(queue, c.id, (j) => j.attempts >= 2);
    expect(trouble).toHaveLength(2);
  });
});
