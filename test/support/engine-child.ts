/**
 * A station process for crash tests: opens the database, starts the engine over phones whose
 * apps listen in the parent (test) process, accepts a burst of payments and works until it is
 * killed. Usage: vite-node test/support/engine-child.ts <db file> <serial=port,...> <count>
 */
import { createPaymentEngine } from '../../src/main/core/payments/payment-engine';
import { openStorage } from '../../src/main/core/storage/storage';
import { engineSettings } from './engine-settings';
import { createFakeDevices } from './fake-devices';

const [file, phoneList, countText] = process.argv.slice(2);
const storage = openStorage({ file });
const devices = createFakeDevices();
for (const pair of phoneList.split(',')) {
  const [serial, port] = pair.split('=');
  devices.attachPort(serial, Number(port));
}
const settings = engineSettings({ minResultMs: 0, resultTimeoutMs: 5_000 });
const engine = createPaymentEngine({ storage, devices, settings: () => settings, connectGraceMs: 0 });
await engine.start();
const count = Number(countText);
for (let i = 0; i < count; i++) {
  const yuan = (1 + (i % 100) / 100).toFixed(2);
  engine.create({
    orderNo: `K${i}`,
    amountFen: Math.round(Number(yuan) * 100),
    qrCode: `qr?amount=${yuan}&n=${i}`,
  });
}
// Every create above is committed: the parent may kill us from here on.
process.stdout.write(`accepted ${count}\n`);
setInterval(() => {}, 1_000);
