// The simulator lives in src/sim, so the demo can use it too (the demo never imports from test/).
export { decodeJob, startPrinterSim } from '../../src/sim/escpos-printer-sim';
export type { PrinterSim, SimBehaviour } from '../../src/sim/escpos-printer-sim';
