import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { encodeFrame, FrameDecoder } from '../src/main/core/phone/frame-codec';
import type { SimulatedPhone } from '../src/sim/adb-device/simulated-phone';
import { createHttpClient } from '../test/support/api-client';
import { createCoreRig } from '../test/support/core-rig';

/**
 * The whole station path, through a real adb server and simulated phones:
 * - overhead: signed POST → command bytes at the phone-app simulator, against a raw client doing
 *   connect + writeUTF through the same adb forward;
 * - burst: 2,000 payments over 4 phones answering at once, through HTTP and adb.
 */
const CREDS = { key: 'cs_rig_key_0001', secret: 'rig-secret-0123456789abcdef' };

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function nextCommand(phone: SimulatedPhone): Promise<number> {
  return new Promise((resolve) => phone.app.once('command', () => resolve(performance.now())));
}

async function rawExchange(port: number, text: string, phone: SimulatedPhone): Promise<number> {
  const arrived = nextCommand(phone);
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(encodeFrame(text)));
    const d = new FrameDecoder();
    s.on('data', (c) => {
      if (d.push(c).length > 0) s.end();
    });
    s.on('close', () => resolve());
    s.on('error', reject);
  });
  return (await arrived) - t0;
}

export async function run(): Promise<void> {
  console.log('\n== station: POST → phone, through a real adb server ==');
  for (const grace of [100, 0]) {
    const rig = await createCoreRig({
      connectGraceMs: grace,
      settingsOverrides: { payments: { minResultMs: 0, settleMs: 200 } },
    });
    try {
      const phone = await rig.addPhone({
        model: 'BENCH',
        app: { defaultBehavior: { kind: 'notify', afterMs: 0 } },
      });
      await rig.waitReady(phone);
      const address = rig.core.api.server.address() as net.AddressInfo;
      const client = createHttpClient(`http://127.0.0.1:${address.port}`, { credentials: CREDS });
      const N = 200;
      const station: number[] = [];
      for (let i = 0; i < N; i++) {
        const arrived = nextCommand(phone);
        const t0 = performance.now();
        const res = await client.send({
          method: 'POST',
          target: '/api/v1/payments',
          body: {
            orderNo: `OV${grace}-${i}`,
            amount: '1.00',
            qrCode: `https://qr.alipay.com/fkx?amount=1.00&i=${i}`,
          },
        });
        if (res.status !== 202) throw new Error(`POST failed: ${res.status} ${res.text}`);
        station.push((await arrived) - t0);
        await rig.core.payments.waitForFinal(`OV${grace}-${i}`, 5_000);
      }
      const port = rig.core.devices.get(phone.serial)!.localPort!;
      const raw: number[] = [];
      for (let i = 0; i < N; i++)
        raw.push(await rawExchange(port, JSON.stringify({ groupId: 1, msg: `raw${i}` }), phone));
      client.close();
      const [s50, s99, r50, r99] = [pct(station, 50), pct(station, 99), pct(raw, 50), pct(raw, 99)];
      console.log(
        `overhead (connect grace ${grace} ms), ${N} sequential payments: station p50 ${s50.toFixed(2)} ms, p99 ${s99.toFixed(2)} ms; ` +
          `raw connect+writeUTF p50 ${r50.toFixed(2)} ms, p99 ${r99.toFixed(2)} ms; ratio p50 ${(s50 / r50).toFixed(1)}×, p99 ${(s99 / r99).toFixed(1)}×`,
      );
    } finally {
      await rig.close();
    }
  }

  const rig = await createCoreRig({
    connectGraceMs: 0,
    settingsOverrides: { payments: { minResultMs: 0, settleMs: 200 } },
  });
  try {
    const phones = [];
    for (let i = 0; i < 4; i++)
      phones.push(
        await rig.addPhone({ model: `B${i}`, app: { defaultBehavior: { kind: 'notify', afterMs: 0 } } }),
      );
    for (const p of phones) await rig.waitReady(p);
    const address = rig.core.api.server.address() as net.AddressInfo;
    const client = createHttpClient(`http://127.0.0.1:${address.port}`, {
      credentials: CREDS,
      maxSockets: 64,
    });
    const TOTAL = 2_000;
    const created = new Map<string, number>();
    const latencies: number[] = [];
    const done = new Promise<void>((resolve) => {
      const off = rig.core.payments.on('updated', (p) => {
        const t0 = created.get(p.orderNo);
        if (t0 === undefined || !['succeeded', 'failed', 'unknown'].includes(p.status)) return;
        latencies.push(performance.now() - t0);
        created.delete(p.orderNo);
        if (latencies.length === TOTAL) {
          off();
          resolve();
        }
      });
    });
    const start = performance.now();
    for (let batch = 0; batch < TOTAL / 100; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, k) => {
          const orderNo = `BU${batch * 100 + k}`;
          created.set(orderNo, performance.now());
          return client.send({
            method: 'POST',
            target: '/api/v1/payments',
            body: { orderNo, amount: '1.00', qrCode: `https://qr.alipay.com/fkx?amount=1.00&o=${orderNo}` },
          });
        }),
      );
    }
    let guard: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise(
        (_, rej) => (guard = setTimeout(() => rej(new Error('burst did not finish in 180 s')), 180_000)),
      ),
    ]).finally(() => clearTimeout(guard));
    const seconds = (performance.now() - start) / 1000;
    client.close();
    console.log(
      `burst through HTTP + adb: ${TOTAL} payments over 4 phones in ${seconds.toFixed(1)} s = ${(TOTAL / seconds).toFixed(0)} payments/s; ` +
        `end-to-end (POST → final) p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms; ` +
        `per phone ${phones.map((p) => p.app.commands.length).join('/')}`,
    );
  } finally {
    await rig.close();
  }
}
