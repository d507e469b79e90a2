import { afterAll, describe, expect, it } from 'vitest';
import type { SimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import type { ApiClient } from '../../support/api-client';
import { createHttpClient } from '../../support/api-client';
import type { TestAdbServer } from '../../support/adb-server';
import { startTestAdbServer } from '../../support/adb-server';
import { waitFor } from '../../support/adb-station';
import type { ServeChild } from '../../support/serve-child';
import { fastStationArgs, startServeChild, TEST_CREDENTIALS } from '../../support/serve-child';
import { makeTempDir } from '../../support/temp-dir';

// Crash: a serve process is SIGKILLed during a burst of 500 payments over 3 phones
// behind a real adb server. After a restart on the same database every accepted payment is
// there, no phone got any orderNo twice, what was in flight is unknown, and the rest complete.

const TOTAL = 500;
const temp = makeTempDir('serve-crash-');
let adb: TestAdbServer;
const phones: SimulatedPhone[] = [];
const serves: ServeChild[] = [];
const clients: ApiClient[] = [];

afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of serves) await s.kill();
  for (const p of phones) await p.close();
  await adb?.close();
  temp.cleanup();
});

interface WirePayment {
  orderNo: string;
  status: string;
  deviceSerial: string | null;
  review: { reason: string } | null;
}

async function startStation(): Promise<{ serve: ServeChild; client: ApiClient }> {
  const serve = await startServeChild(fastStationArgs(temp.dir, adb.port));
  serves.push(serve);
  const client = createHttpClient(serve.apiUrl, { credentials: TEST_CREDENTIALS, maxSockets: 32 });
  clients.push(client);
  return { serve, client };
}

async function readyPhones(client: ApiClient): Promise<number> {
  const res = await client.send({ method: 'GET', target: '/api/v1/devices' });
  return (res.json as { devices: { state: string }[] }).devices.filter((d) => d.state === 'ready').length;
}

async function listAll(client: ApiClient): Promise<WirePayment[]> {
  const all: WirePayment[] = [];
  let cursor: string | null = null;
  do {
    const target: string = `/api/v1/payments?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await client.send({ method: 'GET', target });
    expect(res.status, res.text).toBe(200);
    const page = res.json as { payments: WirePayment[]; nextCursor: string | null };
    all.push(...page.payments);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe('serve killed with SIGKILL during a burst', () => {
  it('loses nothing, sends nothing twice, and finishes the rest after a restart', async () => {
    adb = await startTestAdbServer();
    for (let i = 0; i < 3; i++) {
      const phone = createSimulatedPhone({
        model: `CRASH-${i}`,
        app: { defaultBehavior: { kind: 'notify', afterMs: 15 } },
      });
      await phone.listen();
      await phone.plugInto({ host: '127.0.0.1', port: adb.port });
      phones.push(phone);
    }
    const first = await startStation();
    await waitFor('3 phones ready', async () => (await readyPhones(first.client)) === 3, 30_000);

    const accepted = new Set<string>();
    let sent = 0;
    const burst = (async () => {
      for (let batch = 0; batch < TOTAL / 50; batch++) {
        const requests = Array.from({ length: 50 }, () => {
          const n = sent++;
          const orderNo = `CR${String(n).padStart(4, '0')}`;
          return first.client
            .send({
              method: 'POST',
              target: '/api/v1/payments',
              body: {
                orderNo,
                amount: '1.00',
                qrCode: `https://qr.alipay.com/fkx?amount=1.00&order=${orderNo}`,
              },
            })
            .then(
              (res) => {
                if (res.status === 202 || res.status === 200) accepted.add(orderNo);
              },
              () => undefined, // the connection died with the process: not accepted
            );
        });
        await Promise.all(requests);
      }
    })();
    // Kill once the phones are busy and a good part of the burst is in.
    await waitFor(
      'payments flowing',
      () => phones.reduce((n, p) => n + p.app.commands.length, 0) >= 60,
      30_000,
    );
    await first.serve.kill();
    await burst;
    const commandsAtKill = phones.reduce((n, p) => n + p.app.commands.length, 0);
    expect(accepted.size).toBeGreaterThan(60);

    // Restart on the same database and send the rest of the burst.
    const second = await startStation();
    for (let n = sent; n < TOTAL; n++) {
      const orderNo = `CR${String(n).padStart(4, '0')}`;
      const res = await second.client.send({
        method: 'POST',
        target: '/api/v1/payments',
        body: { orderNo, amount: '1.00', qrCode: `https://qr.alipay.com/fkx?amount=1.00&order=${orderNo}` },
      });
      expect(res.status).toBe(202);
      accepted.add(orderNo);
    }
    const final = await waitFor(
      'every payment final',
      async () => {
        const all = await listAll(second.client);
        return all.every((p) => !['queued', 'dispatching', 'awaiting_result'].includes(p.status))
          ? all
          : null;
      },
      90_000,
    );

    // Nothing accepted is lost.
    const byOrder = new Map(final.map((p) => [p.orderNo, p]));
    for (const orderNo of accepted) expect(byOrder.has(orderNo), orderNo).toBe(true);

    // No phone received the same orderNo twice (nor did two phones share one).
    const seen = new Map<string, number>();
    for (const phone of phones) {
      for (const c of phone.app.commands) {
        const orderNo = /order=(CR\d{4})/.exec(c.msg)![1];
        seen.set(orderNo, (seen.get(orderNo) ?? 0) + 1);
      }
    }
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);

    // What was in flight at the kill is unknown; everything else succeeded, each sent once.
    const unknown = final.filter((p) => p.status === 'unknown');
    // Three phones are busy almost all the time during the burst, so the kill catches some in flight.
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    expect(unknown.length).toBeLessThanOrEqual(3);
    for (const p of unknown) expect(seen.get(p.orderNo) ?? 0, p.orderNo).toBeLessThanOrEqual(1);
    for (const p of unknown) expect(p.review?.reason).toBe('in_flight_at_restart');
    const succeeded = final.filter((p) => p.status === 'succeeded');
    expect(succeeded.length + unknown.length).toBe(final.length);
    for (const p of succeeded) expect(seen.get(p.orderNo), p.orderNo).toBe(1);
    expect(final.length).toBeGreaterThanOrEqual(accepted.size);
    expect(phones.reduce((n, p) => n + p.app.commands.length, 0)).toBeGreaterThan(commandsAtKill);

    const code = await second.serve.stop();
    expect(code, second.serve.stderr()).toBe(0);
  }, 180_000);
});
