/**
 * A mini-program backend in its own process, for benchmarks that time a payment from the POST:
 * in the station's process the backend's own work (signing, reading the answers) would take
 * turns with the station's on one event loop, which a real backend never does.
 * Usage: vite-node bench/peers/backend-peer.ts <api url> <count> <order prefix>
 * For each payment in turn: POST it (signed), print `{"orderNo", "qrCode", "t0"}`, `t0` being
 * process.hrtime.bigint() just before the POST (CLOCK_MONOTONIC, the same clock in every process
 * of this machine), then wait for a line on stdin (the bench sends one once the payment is final)
 * before the next. Nothing else reaches the station meanwhile, so the figures are the path's
 * alone. Ends with `{"done": N}`.
 */
import readline from 'node:readline';
import { createHttpClient } from '../../test/support/api-client';

const [apiUrl, countText, prefix] = process.argv.slice(2);
const count = Number(countText);
if (!apiUrl || !Number.isInteger(count) || count < 1 || !prefix) {
  process.stderr.write('usage: backend-peer.ts <api url> <count> <order prefix>\n');
  process.exit(2);
}
const input = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const client = createHttpClient(apiUrl, {
  credentials: { key: process.env.STATION_API_KEY ?? '', secret: process.env.STATION_API_SECRET ?? '' },
});
for (let i = 0; i < count; i++) {
  const orderNo = `${prefix}-${i}`;
  const qrCode = `https://qr.alipay.com/fkx?amount=1.00&o=${orderNo}`;
  const t0 = process.hrtime.bigint();
  const res = await client.send({
    method: 'POST',
    target: '/api/v1/payments',
    body: { orderNo, amount: '1.00', qrCode },
  });
  if (res.status !== 202) throw new Error(`POST ${orderNo}: ${res.status} ${res.text}`);
  process.stdout.write(`${JSON.stringify({ orderNo, qrCode, t0: t0.toString() })}\n`);
  if ((await input.next()).done) throw new Error('stdin closed before every payment was sent');
}
process.stdout.write(`${JSON.stringify({ done: count })}\n`);
client.close();
process.exit(0);
