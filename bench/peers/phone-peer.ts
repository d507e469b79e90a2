/**
 * A simulated phone in its own process, for benchmarks that time "command bytes at the phone":
 * in the station's process the phone would wait for the station's event loop (its SQLite
 * commits, its HTTP parsing), which a real phone never does.
 * Usage: vite-node bench/peers/phone-peer.ts <adb server port>
 * Prints one JSON line `{"serial": …}` once plugged in, then `{"t": "<ns>", "msg": …}` for every
 * command its app receives, `t` being process.hrtime.bigint() (CLOCK_MONOTONIC, the same clock
 * in every process of this machine). Closing its stdin unplugs it and ends the process.
 */
import { createSimulatedPhone } from '../../src/sim/adb-device/simulated-phone';

const adbPort = Number(process.argv[2]);
if (!Number.isInteger(adbPort) || adbPort < 1 || adbPort > 65535) {
  process.stderr.write(`usage: phone-peer.ts <adb server port>; got ${JSON.stringify(process.argv[2])}\n`);
  process.exit(2);
}
const phone = createSimulatedPhone({
  model: 'BENCH',
  app: { defaultBehavior: { kind: 'notify', afterMs: 0 } },
});
phone.app.on('command', (c: { msg: string }) => {
  const t = process.hrtime.bigint();
  process.stdout.write(`${JSON.stringify({ t: t.toString(), msg: c.msg })}\n`);
});
await phone.listen();
await phone.plugInto({ host: '127.0.0.1', port: adbPort });
process.stdout.write(`${JSON.stringify({ serial: phone.serial })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void phone.close().then(() => process.exit(0));
});
