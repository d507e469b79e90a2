import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../../src/main/core/phone/frame-codec';
import { exchangeWithPhone } from '../../../src/main/core/phone/phone-client';
import type { AnsweredCommand, PhoneAppSimulator } from '../../../src/sim/phone-app-simulator';
import { createPhoneAppSimulator } from '../../../src/sim/phone-app-simulator';

// The simulator must reproduce the reference phone app's Java server (docs/PHONE-PROTOCOL.md), hazards included, because
// the station's defences are tested against it.

const sims: PhoneAppSimulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function start(): Promise<{
  sim: PhoneAppSimulator;
  pay: (msg: string, timeoutMs?: number) => ReturnType<typeof exchangeWithPhone>;
}> {
  const sim = createPhoneAppSimulator();
  sims.push(sim);
  const port = await sim.listen();
  const pay = (msg: string, resultTimeoutMs = 2000) =>
    exchangeWithPhone({ to: { port, connectGraceMs: 5 }, command: { groupId: 1, msg }, resultTimeoutMs });
  return { sim, pay };
}

const waitFor = async (cond: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('phone-app simulator (seed semantics)', () => {
  it('answers each command with the notification its payment produced', async () => {
    const { sim, pay } = await start();
    const a = await pay('qr?amount=1.00');
    const b = await pay('qr?amount=2.00');
    expect(a).toMatchObject({ kind: 'result', text: '你已成功付款1.00元' });
    expect(b).toMatchObject({ kind: 'result', text: '你已成功付款2.00元' });
    expect(sim.commands.map((c) => c.msg)).toEqual(['qr?amount=1.00', 'qr?amount=2.00']);
  });

  it('reports a failed payment as a failure notification', async () => {
    const { sim, pay } = await start();
    sim.queueBehavior({ kind: 'fail', text: '付款失败，余额不足' });
    expect(await pay('qr?amount=1.00')).toMatchObject({ kind: 'result', text: '付款失败，余额不足' });
  });

  it('wedges when no notification comes: the next command is not even executed until one arrives', async () => {
    const { sim, pay } = await start();
    sim.queueBehavior({ kind: 'never' });
    expect((await pay('qr?amount=3.00', 100)).kind).toBe('timeout');
    // B's client gives up too: its handler waits for semaCommand, execPay never ran.
    expect((await pay('qr?amount=4.00', 100)).kind).toBe('timeout');
    expect(sim.commands).toHaveLength(1);
    expect(sim.blockedCommands).toBe(1);
    // A's notification finally arrives: A's abandoned handler takes it, and only now does B pay,
    // long after B's client gave up. This is why the station restarts a wedged app.
    sim.notify('你已成功付款3.00元');
    await waitFor(() => sim.commands.length === 2);
    expect(sim.commands[1].msg).toBe('qr?amount=4.00');
  });

  it('hands a late notification that lands in a restarted app to the NEXT command at once', async () => {
    const { sim, pay } = await start();
    sim.queueBehavior({ kind: 'never' });
    expect((await pay('qr?amount=3.00', 100)).kind).toBe('timeout');
    sim.restartApp(); // the station's first defence
    sim.notify('你已成功付款3.00元'); // Alipay's notification for B, late, after the restart
    sim.queueBehavior({ kind: 'notify', afterMs: 200, text: '你已成功付款7.00元' });
    const c = await pay('qr?amount=7.00');
    // Misattribution: C is answered with B's text, and C's own notification waits in the FIFO.
    expect(c).toMatchObject({ kind: 'result', text: '你已成功付款3.00元' });
    await waitFor(() => sim.pendingNotifications.length === 1);
    expect(sim.pendingNotifications).toEqual(['你已成功付款7.00元']);
  });

  it('hands a stray notification (nobody waiting) to the next command', async () => {
    const { sim, pay } = await start();
    sim.notify('你已成功付款9.99元');
    sim.queueBehavior({ kind: 'notify', afterMs: 50, text: '你已成功付款1.00元' });
    expect(await pay('qr?amount=1.00')).toMatchObject({ kind: 'result', text: '你已成功付款9.99元' });
  });

  it('keeps the books a soak needs: which PAY each answer was produced for, and in which app process', async () => {
    const { sim, pay } = await start();
    const answered: AnsweredCommand[] = [];
    sim.on('answered', (a: AnsweredCommand) => answered.push(a));
    // The first PAY's notification comes late, into the restarted app, and answers the second PAY.
    sim.setBehaviorChooser((cmd) => (cmd.seq === 1 ? { kind: 'never' } : { kind: 'notify', afterMs: 2000 }));
    expect((await pay('qr?amount=1.00', 100)).kind).toBe('timeout');
    sim.restartApp();
    sim.notifyAfter(150, '你已成功付款1.00元', 1);
    const second = await pay('qr?amount=1.00', 1000);
    expect(second).toMatchObject({ kind: 'result', text: '你已成功付款1.00元' });
    expect(sim.commands.map((c) => [c.seq, c.generation])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const last = answered.at(-1)!;
    expect(last.cmd.seq).toBe(2);
    expect(last.notification).toMatchObject({ forSeq: 1, generation: 2, text: '你已成功付款1.00元' });
    expect(last.peerGone).toBe(false);
  });

  it('queues notifications posted by the app itself (notify group) and answers "ok"', async () => {
    const sim = createPhoneAppSimulator({ notifyGroupId: 0 });
    sims.push(sim);
    const port = await sim.listen();
    const reply = await new Promise<string[]>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write(encodeFrame(JSON.stringify({ groupId: 0, msg: '你已成功付款5.00元' }))),
      );
      const decoder = new FrameDecoder();
      const frames: string[] = [];
      socket.on('data', (c) => frames.push(...decoder.push(c)));
      socket.on('close', () => resolve(frames));
      socket.on('error', reject);
    });
    expect(reply).toEqual(['ok']);
    expect(sim.pendingNotifications).toEqual(['你已成功付款5.00元']);
    expect(sim.commands).toHaveLength(0);
  });

  it('refuses connections while the app is down, and drops notifications meant for a dead app', async () => {
    const { sim, pay } = await start();
    sim.stopApp();
    expect((await pay('qr?amount=1.00')).kind).toBe('not_delivered');
    sim.notify('你已成功付款1.00元');
    sim.startApp();
    await new Promise((r) => setTimeout(r, 20));
    expect(sim.pendingNotifications).toEqual([]);
    expect(await pay('qr?amount=2.00')).toMatchObject({ kind: 'result', text: '你已成功付款2.00元' });
  });

  it('kills every open connection when the app crashes mid-payment, and refuses until restarted', async () => {
    const { sim, pay } = await start();
    sim.queueBehavior({ kind: 'crash', afterMs: 30 });
    expect((await pay('qr?amount=1.00')).kind).toBe('delivered_no_result');
    expect(sim.running).toBe(false);
    expect((await pay('qr?amount=1.00')).kind).toBe('not_delivered');
    sim.restartApp();
    await new Promise((r) => setTimeout(r, 20));
    expect(await pay('qr?amount=1.00')).toMatchObject({ kind: 'result' });
  });
});
