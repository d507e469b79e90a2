import { appendFileSync, writeFileSync } from 'node:fs';
import type { PrinterSim } from '../sim/escpos-printer-sim';
import { decodeJob, startPrinterSim } from '../sim/escpos-printer-sim';
import type { DemoLog } from './demo-log';

export interface DemoPrinter {
  /** `tcp://127.0.0.1:PORT`, for the station's `--printer`. */
  address: string;
  /** Where every ticket is written, decoded, as it would print. */
  file: string;
  /** Tickets printed so far (a ticket of two copies counts twice). */
  readonly printed: number;
  close(): Promise<void>;
}

/**
 * The shop's receipt printer for the demo: the loopback ESC/POS simulator the tests use. Each
 * job the station sends is decoded from GB18030 and appended to `file`, one ticket after the
 * other with the paper cuts marked, so a newcomer can read what the kitchen would get.
 */
export async function startDemoPrinter(file: string, log: DemoLog): Promise<DemoPrinter> {
  const sim: PrinterSim = await startPrinterSim({ current: 'ok' });
  let printed = 0;
  writeFileSync(
    file,
    `Tickets printed by the Cashier Station demo (simulated printer at ${sim.address})\n\n`,
  );
  sim.onJob((job) => {
    const { lines, cuts } = decodeJob(job);
    if (cuts === 0) return;
    printed += cuts;
    appendFileSync(file, `${lines.join('\n')}\n${'✂ '.repeat(16).trimEnd()}\n\n`);
    const orderLine = lines.find((l) => l.startsWith('订单号: '));
    const what = orderLine ? `ticket for ${orderLine.slice('订单号: '.length)}` : 'a slip';
    log.line(
      'printer',
      `printed ${what} (${lines.length} lines${cuts > 1 ? `, ${cuts} copies` : ''}) → ${file}`,
    );
  });
  return {
    address: sim.address,
    file,
    get printed() {
      return printed;
    },
    close: () => sim.close(),
  };
}
