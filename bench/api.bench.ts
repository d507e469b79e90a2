import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { createApiServer } from '../src/main/core/http/api-server';
import { systemClock } from '../src/main/core/util/clock';
import { signedRequest } from '../test/support/api-client';
import { createApiKit, TEST_CREDENTIALS } from '../test/support/api-test-kit';

/**
 * Long-poll waiters: 1,000 concurrent `GET /payments/:orderNo?wait=30` on a listening loopback
 * server over the real engine and SQLite, then CPU time and memory while they sit idle, then how
 * fast a wave of final states (1,000 cancels) answers them all. The clients live in the same
 * process, so CPU and memory are an upper bound for the server alone. Bounded: about 10 s.
 */
const WAITERS = 1_000;
const IDLE_MS = 3_000;
const credentials = TEST_CREDENTIALS;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export async function run(): Promise<void> {
  const kit = createApiKit({ clock: systemClock });
  const { app, payments } = kit;
  for (let i = 0; i < WAITERS; i++)
    payments.create({ orderNo: `BENCH${i}`, amountFen: 100 + i, qrCode: 'q' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: WAITERS + 10 });

  const get = (target: string) =>
    new Promise<number>((resolve, reject) => {
      const { headers } = signedRequest(
        credentials,
        { method: 'GET', target },
        Math.floor(Date.now() / 1000),
      );
      const req = request({ host: '127.0.0.1', port, path: target, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });

  try {
    global.gc?.();
    const memBefore = process.memoryUsage();
    const answered: Promise<number>[] = [];
    for (let i = 0; i < WAITERS; i++) answered.push(get(`/api/v1/payments/BENCH${i}?wait=30`));
    const deadline = Date.now() + 10_000;
    while (payments.listenerCount !== 1 || (await waitingCount(app)) < WAITERS) {
      if (Date.now() > deadline) throw new Error('waiters did not all arrive within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    global.gc?.();
    const memWaiting = process.memoryUsage();
    const readsBefore = payments.reads;
    const cpuStart = process.cpuUsage();
    const wallStart = process.hrtime.bigint();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const cpu = process.cpuUsage(cpuStart);
    const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
    const readsIdle = payments.reads - readsBefore;

    const wakeStart = process.hrtime.bigint();
    for (let i = 0; i < WAITERS; i++) payments.cancel(`BENCH${i}`);
    const statuses = await Promise.all(answered);
    const wakeMs = Number(process.hrtime.bigint() - wakeStart) / 1e6;

    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(`api long-poll waiters: ${WAITERS} concurrent GET /payments/:orderNo?wait=30 on 127.0.0.1`);
    console.log(
      `  idle ${wallMs.toFixed(0)} ms: CPU ${cpuMs.toFixed(1)} ms (user ${(cpu.user / 1000).toFixed(1)}, system ${(cpu.system / 1000).toFixed(1)}) = ${((cpuMs / wallMs) * 100).toFixed(2)}% of one core; service reads while idle: ${readsIdle}`,
    );
    console.log(
      `  memory with waiters: heapUsed +${mib(memWaiting.heapUsed - memBefore.heapUsed)} (≈${((memWaiting.heapUsed - memBefore.heapUsed) / WAITERS / 1024).toFixed(1)} KiB per waiter incl. client), rss +${mib(memWaiting.rss - memBefore.rss)} (rss ${mib(memWaiting.rss)})`,
    );
    console.log(
      `  wake: ${WAITERS} final states (cancels) answered all waiters in ${wakeMs.toFixed(0)} ms; all 200: ${statuses.every((s) => s === 200)}`,
    );
  } finally {
    agent.destroy();
    await kit.close();
  }
}

/** Reads the waiter count through the API itself (/health), as a backend would. */
async function waitingCount(app: ReturnType<typeof createApiServer>): Promise<number> {
  const { headers } = signedRequest(
    credentials,
    { method: 'GET', target: '/api/v1/health' },
    Math.floor(Date.now() / 1000),
  );
  const res = await app.inject({ method: 'GET', url: '/api/v1/health', headers });
  return (res.json() as { longPollWaiters: number }).longPollWaiters;
}
