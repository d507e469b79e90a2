import { spawn } from 'node:child_process';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { openDeviceTcp } from '../src/main/core/adb/commands/open-tcp';
import { encodeFrame, FrameDecoder } from '../src/main/core/phone/frame-codec';
import { createHttpClient } from '../test/support/api-client';
import { waitFor } from '../test/support/adb-station';
import type { CoreRig } from '../test/support/core-rig';
import { createCoreRig } from '../test/support/core-rig';

/**
 * The whole station path, through a real adb server and simulated phones:
 * - overhead: signed POST → command bytes at the phone, in each dispatch mode, against a raw
 *   client doing connect + writeUTF through the same adb forward. The phone runs in its own
 *   process (bench/peers/phone-peer.ts) and stamps arrivals with the machine's monotonic clock,
 *   so it never waits for the station's event loop as an in-process phone would;
 * - burst: 2,000 payments over 4 phones answering at once, through HTTP and adb.
 */
const CREDS = { key: 'cs_rig_key_0001', secret: 'rig-secret-0123456789abcdef' };
const N = 200;
/** The first payments warm the JIT, the statement cache and the connections; they are not counted. */
const WARMUP = 20;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const nowNs = () => process.hrtime.bigint();
const msSince = (t0: bigint, t: bigint) => Number(t - t0) / 1e6;

interface PhonePeer {
  serial: string;
  /** When the command with this `msg` reached the phone app (monotonic ns). */
  arrival(msg: string): Promise<bigint>;
  close(): Promise<void>;
}

async function startPhonePeer(adbPort: number): Promise<PhonePeer> {
  const child = spawn(
    process.execPath,
    ['node_modules/vite-node/vite-node.mjs', 'bench/peers/phone-peer.ts', String(adbPort)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting = new Map<string, (t: bigint) => void>();
  const seen = new Map<string, bigint>();
  const lines = readline.createInterface({ input: child.stdout! });
  const serial = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`phone peer exited with ${code} before plugging in`)));
    lines.on('line', (line) => {
      const m = JSON.parse(line) as { serial?: string; t?: string; msg?: string };
      if (m.serial) resolve(m.serial);
      else if (m.t && m.msg !== undefined) {
        const t = BigInt(m.t);
        const w = waiting.get(m.msg);
        if (w) {
          waiting.delete(m.msg);
          w(t);
        } else seen.set(m.msg, t);
      }
    });
  });
  return {
    serial,
    arrival(msg) {
      const t = seen.get(msg);
      if (t !== undefined) {
        seen.delete(msg);
        return Promise.resolve(t);
      }
      return new Promise((resolve) => waiting.set(msg, resolve));
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

/** Connect + writeUTF through the forward, as any backend tool would; ms to the bytes at the phone. */
async function rawForward(port: number, msg: string, phone: PhonePeer): Promise<number> {
  const arrived = phone.arrival(msg);
  const t0 = nowNs();
  await new Promise<void>((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(encodeFrame(JSON.stringify({ groupId: 1, msg }))));
    const d = new FrameDecoder();
    s.on('data', (c) => {
      if (d.push(c).length > 0) s.end();
    });
    s.on('close', () => resolve());
    s.on('error', reject);
  });
  return msSince(t0, await arrived);
}

/** The adb hop alone: host:transport, tcp:<port>, OKAY, writeUTF, with nothing of the station. */
async function rawTransport(adbPort: number, msg: string, phone: PhonePeer): Promise<number> {
  const arrived = phone.arrival(msg);
  const t0 = nowNs();
  const r = await openDeviceTcp({ host: '127.0.0.1', port: adbPort }, phone.serial, 10010, 5000);
  if (r.kind !== 'open') throw new Error(`transport open failed: ${r.kind} ${r.detail}`);
  r.socket.write(encodeFrame(JSON.stringify({ groupId: 1, msg })));
  const t = await arrived;
  await new Promise<void>((resolve) => {
    const d = new FrameDecoder();
    r.socket.on('data', (c) => {
      if (d.push(c).length > 0) r.socket.destroy();
    });
    r.socket.on('close', () => resolve());
    r.socket.resume();
  });
  return msSince(t0, t);
}

const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms, p99 ${pct(xs, 99).toFixed(2)} ms`;

/**
 * Runs the backend peer to the end: each payment is posted once the one before is final (`final`
 * resolves for it). One line per payment: when its POST left the backend.
 */
function runBackendPeer(
  apiUrl: string,
  count: number,
  prefix: string,
  final: (orderNo: string) => Promise<unknown>,
): Promise<{ qrCode: string; t0: bigint }[]> {
  const child = spawn(
    process.execPath,
    ['node_modules/vite-node/vite-node.mjs', 'bench/peers/backend-peer.ts', apiUrl, String(count), prefix],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, STATION_API_KEY: CREDS.key, STATION_API_SECRET: CREDS.secret },
    },
  );
  const sent: { qrCode: string; t0: bigint }[] = [];
  const lines = readline.createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    const m = JSON.parse(line) as { orderNo?: string; qrCode?: string; t0?: string };
    if (!m.orderNo || !m.qrCode || !m.t0) return;
    sent.push({ qrCode: m.qrCode, t0: BigInt(m.t0) });
    void final(m.orderNo).then(() => child.stdin!.write('\n'));
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 && sent.length === count
        ? resolve(sent)
        : reject(new Error(`backend peer exited with ${code} after ${sent.length} of ${count} payments`)),
    ),
  );
}

/**
 * POST → command bytes at the phone, with the backend, the station, the adb server and the phone
 * each in its own process, as in a shop.
 */
export async function overhead(via: 'transport' | 'forward'): Promise<void> {
  const rig: CoreRig = await createCoreRig({
    connectGraceMs: 100,
    settingsOverrides: { payments: { minResultMs: 0, settleMs: 200, dispatchVia: via } },
  });
  const phone = await startPhonePeer(rig.adb.port);
  try {
    await waitFor(
      `${phone.serial} ready`,
      () => rig.core.devices.get(phone.serial)?.state === 'ready',
      30_000,
    );
    const address = rig.core.api.server.address() as net.AddressInfo;
    // Where the time goes inside the station, stamped on the same clock as the peers'.
    const at = new Map<string, { received?: bigint; committed?: bigint; dispatching?: bigint }>();
    let lastReceived: bigint | undefined;
    const onRequest = () => (lastReceived = nowNs());
    rig.core.api.server.prependListener('request', onRequest);
    const off = rig.core.payments.on('updated', (p) => {
      if (p.status !== 'queued' && p.status !== 'dispatching') return;
      let m = at.get(p.qrCode);
      if (!m) {
        // The first event of a payment is its create's commit: queued, or dispatching at once.
        m = { received: lastReceived, committed: nowNs() };
        at.set(p.qrCode, m);
      }
      if (p.status === 'dispatching') m.dispatching ??= nowNs();
    });
    const arrivals = new Map<string, Promise<bigint>>();
    const prefix = `OV-${via}`;
    for (let i = 0; i < WARMUP + N; i++) {
      const qrCode = `https://qr.alipay.com/fkx?amount=1.00&o=${prefix}-${i}`;
      arrivals.set(qrCode, phone.arrival(qrCode));
    }
    const sent = await runBackendPeer(`http://127.0.0.1:${address.port}`, WARMUP + N, prefix, (orderNo) =>
      rig.core.payments.waitForFinal(orderNo, 5_000),
    );
    off();
    rig.core.api.server.removeListener('request', onRequest);
    const station: number[] = [];
    const stages = { received: [] as number[], committed: [] as number[], dispatching: [] as number[] };
    for (const { qrCode, t0 } of sent.slice(WARMUP)) {
      station.push(msSince(t0, await arrivals.get(qrCode)!));
      const m = at.get(qrCode);
      if (m?.received) stages.received.push(msSince(t0, m.received));
      if (m?.committed) stages.committed.push(msSince(t0, m.committed));
      if (m?.dispatching) stages.dispatching.push(msSince(t0, m.dispatching));
    }
    const port = rig.core.devices.get(phone.serial)!.localPort!;
    const raw: number[] = [];
    const hop: number[] = [];
    for (let i = 0; i < WARMUP + N; i++) {
      const r = await rawForward(port, `raw-${via}-${i}`, phone);
      const h = await rawTransport(rig.adb.port, `hop-${via}-${i}`, phone);
      if (i >= WARMUP) {
        raw.push(r);
        hop.push(h);
      }
    }
    const [s50, s99, r50, r99] = [pct(station, 50), pct(station, 99), pct(raw, 50), pct(raw, 99)];
    const mode = via === 'forward' ? 'forward, grace 100 ms' : 'transport';
    console.log(
      `overhead (${mode}), ${N} sequential payments, POST → command bytes at the phone: station ${fmt(station)}; ` +
        `raw connect+writeUTF through the forward ${fmt(raw)}; ratio p50 ${(s50 / r50).toFixed(1)}×, p99 ${(s99 / r99).toFixed(1)}×`,
    );
    if (via === 'transport') {
      const goal = 1.5 * r50 + 1;
      console.log(
        `  goal p50 ≤ 1.5× raw + 1 ms = ${goal.toFixed(2)} ms: ${s50 <= goal ? 'met' : `not met (${(s50 - goal).toFixed(2)} ms over)`}`,
      );
    }
    const p = (xs: number[]) => pct(xs, 50).toFixed(2);
    console.log(
      `  where it goes (p50 from the POST): request at the server ${p(stages.received)} ms, ` +
        `payment committed ${p(stages.committed)} ms, dispatching ${p(stages.dispatching)} ms, ` +
        `bytes at the phone ${p(station)} ms; the adb transport hop alone (connect, host:transport, ` +
        `tcp:, writeUTF) ${fmt(hop)}`,
    );
  } finally {
    await phone.close();
    await rig.close();
  }
}

export async function run(): Promise<void> {
  console.log('\n== station: POST → phone, through a real adb server ==');
  for (const via of ['transport', 'forward'] as const) await overhead(via);

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
