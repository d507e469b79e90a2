import { afterEach, describe, expect, it } from 'vitest';
import { createNetworkPrinter } from '../../../src/main/core/printing/network-printer';
import { orderTicket } from '../../../src/shared/printing/ticket-template';
import { decodeJob, startPrinterSim } from '../../support/escpos-printer-sim';
import type { SimBehaviour } from '../../support/escpos-printer-sim';

const ticket = orderTicket(
  {
    orderNo: 'B7',
    amountFen: 2800,
    items: [{ name: '宫保鸡丁', qty: 1, priceFen: 2800 }],
    customer: null,
    note: null,
    createdAt: 0,
    rushCount: 0,
  },
  { shopName: '小馆', columns: 32, utcOffsetMin: 480 },
);

let sim: Awaited<ReturnType<typeof startPrinterSim>> | null = null;
afterEach(async () => sim?.close());

describe('network ESC/POS printer', () => {
  it('sends the ticket in GB18030 with a cut', async () => {
    const behaviour = { current: 'ok' as SimBehaviour };
    sim = await startPrinterSim(behaviour);
    await createNetworkPrinter({ address: sim.address }).print({ ticket, copies: 1 });
    await new Promise((r) => setTimeout(r, 50));
    const { lines, cuts } = decodeJob(sim.jobs[0]);
    expect(lines).toContain('订单号: B7');
    expect(lines.some((l) => l.startsWith('宫保鸡丁'))).toBe(true);
    expect(cuts).toBe(1);
  });

  it('reports no paper from DLE EOT 4', async () => {
    sim = await startPrinterSim({ current: 'no-paper' });
    await expect(
      createNetworkPrinter({ address: sim.address }).print({ ticket, copies: 1 }),
    ).rejects.toMatchObject({
      code: 'PRINTER_OUT_OF_PAPER',
    });
  });

  it('reports a refused connection as offline', async () => {
    sim = await startPrinterSim({ current: 'ok' });
    const address = sim.address;
    await sim.close();
    sim = null;
    await expect(createNetworkPrinter({ address }).print({ ticket, copies: 1 })).rejects.toMatchObject({
      code: 'PRINTER_OFFLINE',
    });
  });

  it('reports a printer closing mid-job as connection lost', async () => {
    sim = await startPrinterSim({ current: 'close-mid-job' });
    await expect(
      createNetworkPrinter({ address: sim.address }).print({ ticket, copies: 1 }),
    ).rejects.toMatchObject({
      code: 'PRINTER_CONNECTION_LOST',
    });
  });

  it('times out on a printer that hangs', async () => {
    sim = await startPrinterSim({ current: 'hang' });
    await expect(
      createNetworkPrinter({ address: sim.address, statusTimeoutMs: 50, jobTimeoutMs: 300 }).print({
        ticket,
        copies: 1,
      }),
    ).rejects.toMatchObject({ code: 'PRINTER_TIMEOUT' });
  });
});
