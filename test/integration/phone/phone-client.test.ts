import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeWithPhone } from '../../../src/main/core/phone/phone-client';
import { createManualClock } from '../../../src/main/core/util/clock';
import { encodeFrame } from '../../../src/main/core/phone/frame-codec';
import type { PhoneAppSimulator } from '../../../src/sim/phone-app-simulator';
import { createPhoneAppSimulator } from '../../../src/sim/phone-app-simulator';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startSim(): Promise<{ sim: PhoneAppSimulator; port: number }> {
  const sim = createPhoneAppSimulator();
  const port = await sim.listen();
  cleanups.push(() => sim.close());
  return { sim, port };
}

/** A raw TCP peer whose behaviour the test scripts byte by byte. */
async function startRawPeer(onConn: (s: net.Socket) => void): Promise<number> {
  const server = net.createServer(onConn);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as net.AddressInfo).port;
}

async function unusedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const command = { groupId: 1, msg: 'https://qr.alipay.com/fkx1?amount=12.50' };

describe('exchangeWithPhone against the phone-app simulator', () => {
  it('sends the seed command and returns the notification as a result', async () => {
    const { sim, port } = await startSim();
    const outcome = await exchangeWithPhone({
      to: { port, connectGraceMs: 5 },
      command,
      resultTimeoutMs: 2000,
    });
    expect(outcome.kind).toBe('result');
    if (outcome.kind !== 'result') return;
    expect(outcome.text).toBe('你已成功付款12.50元');
    expect(outcome.json).toEqual({ msg: '你已成功付款12.50元' });
    expect(outcome.receivedAt).toBeGreaterThanOrEqual(outcome.writtenAt);
    expect(sim.commands.map((c) => JSON.parse(c.raw))).toEqual([command]);
  });

  it('reports not_delivered when the port refuses', async () => {
    const port = await unusedPort();
    const outcome = await exchangeWithPhone({ to: { port, connectGraceMs: 5 }, command });
    expect(outcome).toMatchObject({ kind: 'not_delivered', reason: 'refused' });
  });

  it('reports not_delivered when the peer closes before the command was written (adb forward, app down)', async () => {
    const port = await startRawPeer((s) => s.destroy());
    const outcome = await exchangeWithPhone({ to: { port, connectGraceMs: 100 }, command });
    expect(outcome).toMatchObject({ kind: 'not_delivered', reason: 'closed_before_write' });
  });

  it('reports timeout when the phone never notifies, and closes the socket', async () => {
    const { sim, port } = await startSim();
    sim.queueBehavior({ kind: 'never' });
    const outcome = await exchangeWithPhone({
      to: { port, connectGraceMs: 5 },
      command,
      resultTimeoutMs: 150,
    });
    expect(outcome.kind).toBe('timeout');
    if (outcome.kind === 'timeout') expect(outcome.endedAt - outcome.writtenAt).toBeGreaterThanOrEqual(140);
    expect(sim.commands).toHaveLength(1);
    // The reference app's handler is still blocked holding semaCommand: the next command waits behind it.
    const second = exchangeWithPhone({ to: { port, connectGraceMs: 5 }, command, resultTimeoutMs: 150 });
    expect((await second).kind).toBe('timeout');
    expect(sim.blockedCommands).toBe(1);
  });

  it('reports delivered_no_result when the app crashes mid-payment', async () => {
    const { sim, port } = await startSim();
    sim.queueBehavior({ kind: 'crash', afterMs: 20 });
    const outcome = await exchangeWithPhone({
      to: { port, connectGraceMs: 5 },
      command,
      resultTimeoutMs: 2000,
    });
    expect(outcome.kind).toBe('delivered_no_result');
    expect(sim.running).toBe(false);
  });

  it('reports protocol_error for a malformed frame', async () => {
    const { sim, port } = await startSim();
    sim.queueBehavior({ kind: 'garbage' });
    const outcome = await exchangeWithPhone({
      to: { port, connectGraceMs: 5 },
      command,
      resultTimeoutMs: 2000,
    });
    expect(outcome.kind).toBe('protocol_error');
    if (outcome.kind === 'protocol_error') expect(outcome.detail).toMatch(/Malformed frame/);
  });

  it('reports protocol_error for a well-framed reply that is not a JSON object', async () => {
    for (const reply of ['ok', '[1,2]', 'null']) {
      const port = await startRawPeer((s) => s.once('data', () => s.end(encodeFrame(reply))));
      const outcome = await exchangeWithPhone({
        to: { port, connectGraceMs: 5 },
        command,
        resultTimeoutMs: 2000,
      });
      expect(outcome.kind, reply).toBe('protocol_error');
    }
  });

  it('reports delivered_no_result when the reply is cut mid-frame', async () => {
    const port = await startRawPeer((s) =>
      s.once('data', () => s.end(encodeFrame('{"msg":"你已成功付款1.00元"}').subarray(0, 9))),
    );
    const outcome = await exchangeWithPhone({
      to: { port, connectGraceMs: 5 },
      command,
      resultTimeoutMs: 2000,
    });
    expect(outcome.kind).toBe('delivered_no_result');
    if (outcome.kind === 'delivered_no_result') expect(outcome.detail).toMatch(/incomplete frame/);
  });

  it('reassembles a reply that arrives one byte at a time', async () => {
    const frame = encodeFrame('{"msg":"付款成功，￥0.01"}');
    const port = await startRawPeer((s) =>
      s.once('data', async () => {
        for (const b of frame) {
          s.write(Buffer.from([b]));
          await new Promise((r) => setTimeout(r, 1));
        }
        s.end();
      }),
    );
    const outcome = await exchangeWithPhone({
      to: { port, connectGraceMs: 5 },
      command,
      resultTimeoutMs: 5000,
    });
    expect(outcome).toMatchObject({ kind: 'result', text: '付款成功，￥0.01' });
  });

  it('takes its timeouts from the injected clock', async () => {
    const { sim, port } = await startSim();
    sim.queueBehavior({ kind: 'never' });
    const clock = createManualClock(1_000);
    let written = -1;
    const pending = exchangeWithPhone({
      to: { port, connectGraceMs: 0 },
      command,
      clock,
      resultTimeoutMs: 60_000,
      onWritten: (at) => (written = at),
    });
    // Let the real socket connect; the clock has not moved, so nothing can time out.
    await new Promise((r) => setTimeout(r, 50));
    clock.advance(0); // fires the zero grace timer: the command is written
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBe(1_000);
    expect(sim.commands).toHaveLength(1);
    clock.advance(59_999);
    await new Promise((r) => setTimeout(r, 20));
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    clock.advance(1);
    const outcome = await pending;
    expect(outcome).toEqual({ kind: 'timeout', writtenAt: 1_000, endedAt: 61_000 });
  });

  it('refuses an oversize command before opening a socket', async () => {
    let connections = 0;
    const port = await startRawPeer(() => connections++);
    await expect(
      exchangeWithPhone({ to: { port }, command: { groupId: 1, msg: 'x'.repeat(70_000) } }),
    ).rejects.toThrow(/exceeds the limit/);
    await new Promise((r) => setTimeout(r, 30));
    expect(connections).toBe(0);
  });
});
