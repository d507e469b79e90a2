import type { DeviceTcpOpen } from '../../../src/main/core/devices/device-types';
import { waitFor } from '../../support/adb-station';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHarness } from '../../support/engine-harness';
import { createEngineHarness, qr, until } from '../../support/engine-harness';

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

describe('payment engine over simulated phones', () => {
  it('pays a payment end to end and records the attempt', async () => {
    h = await createEngineHarness();
    await h.devices.addPhone('P1');
    const r = h.engine.create({ orderNo: 'A1', amountFen: 1250, qrCode: qr('12.50') });
    expect(r.kind).toBe('created');
    const p = await h.final('A1');
    expect(p).toMatchObject({
      status: 'succeeded',
      deviceSerial: 'P1',
      notificationText: '你已成功付款12.50元',
      review: null,
    });
    expect(h.devices.sim('P1').commands.map((c) => JSON.parse(c.raw))).toEqual([
      { groupId: 1, msg: qr('12.50') },
    ]);
    const attempts = h.storage.attempts.forPayment('A1');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ serial: 'P1', outcome: 'result' });
    expect(attempts[0].writtenAt).not.toBeNull();
  });

  it('emits every committed state in order', async () => {
    h = await createEngineHarness();
    await h.devices.addPhone('P1');
    const seen: string[] = [];
    h.engine.on('updated', (p) => seen.push(p.status));
    // A phone is free: the create's own commit already hands the payment to it.
    const created = h.engine.create({ orderNo: 'E1', amountFen: 100, qrCode: qr('1.00') });
    expect(created).toMatchObject({
      kind: 'created',
      payment: { status: 'dispatching', deviceSerial: 'P1' },
    });
    expect(h.storage.payments.get('E1')?.status).toBe('dispatching');
    await h.final('E1');
    expect(seen).toEqual(['dispatching', 'awaiting_result', 'succeeded']);
  });

  it('a create that is refused after its phone was picked closes the connection it opened, writing nothing', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    const opens: Promise<DeviceTcpOpen>[] = [];
    const openApp = h.devices.openApp.bind(h.devices);
    h.devices.openApp = (serial, ms) => {
      const r = openApp(serial, ms);
      opens.push(r);
      return r;
    };
    // Cancelled before it was ever created: the create is refused inside its transaction.
    h.engine.cancel('E9');
    expect(h.engine.create({ orderNo: 'E9', amountFen: 100, qrCode: qr('1.00') })).toEqual({
      kind: 'cancelled',
    });
    expect(opens).toHaveLength(1);
    const early = await opens[0];
    expect(early.kind).toBe('open');
    if (early.kind !== 'open') return;
    await waitFor('the early connection closed', () => early.socket.destroyed);
    expect(early.socket.bytesWritten).toBe(0);
    expect(sim.commands).toHaveLength(0);
    expect(h.engine.phoneMode('P1').kind).toBe('idle');
    // The phone is still free for the next payment.
    h.engine.create({ orderNo: 'E10', amountFen: 100, qrCode: qr('1.00') });
    expect((await h.final('E10')).status).toBe('succeeded');
  });

  it('commits a payment as queued when no phone is free, and dispatches it once one is', async () => {
    h = await createEngineHarness();
    await h.devices.addPhone('P1');
    const seen: string[] = [];
    h.engine.on('updated', (p) => p.orderNo === 'E3' && seen.push(p.status));
    h.engine.create({ orderNo: 'E2', amountFen: 100, qrCode: qr('1.00') });
    const second = h.engine.create({ orderNo: 'E3', amountFen: 200, qrCode: qr('2.00') });
    expect(second).toMatchObject({ kind: 'created', payment: { status: 'queued' } });
    await h.final('E3');
    expect(seen).toEqual(['queued', 'dispatching', 'awaiting_result', 'succeeded']);
  });

  it('keeps one payment in flight per phone and spreads work least-recently-used first', async () => {
    h = await createEngineHarness();
    for (const s of ['P1', 'P2', 'P3'])
      await h.devices.addPhone(s, { defaultBehavior: { kind: 'notify', afterMs: 30 } });
    let maxPerPhone = 0;
    const inFlight = new Map<string, number>();
    h.engine.on('updated', (p) => {
      if (!p.deviceSerial) return;
      if (p.status === 'dispatching') inFlight.set(p.deviceSerial, (inFlight.get(p.deviceSerial) ?? 0) + 1);
      if (['succeeded', 'failed', 'unknown'].includes(p.status))
        inFlight.set(p.deviceSerial, (inFlight.get(p.deviceSerial) ?? 0) - 1);
      maxPerPhone = Math.max(maxPerPhone, ...inFlight.values());
    });
    for (let i = 0; i < 12; i++)
      h.engine.create({ orderNo: `L${i}`, amountFen: 100 + i, qrCode: qr((1 + i / 100).toFixed(2), `${i}`) });
    const done = await Promise.all(Array.from({ length: 12 }, (_, i) => h.final(`L${i}`)));
    expect(maxPerPhone).toBe(1);
    const per = ['P1', 'P2', 'P3'].map((s) => h.devices.sim(s).commands.length);
    expect(per.reduce((a, b) => a + b)).toBe(12);
    for (const n of per) expect(n).toBeGreaterThanOrEqual(3);
    expect(done.every((p) => p.status === 'succeeded')).toBe(true);
    // All three idle at the start: least recently used first, ties by serial.
    expect(['L0', 'L1', 'L2'].map((o) => h.storage.attempts.forPayment(o)[0].serial)).toEqual([
      'P1',
      'P2',
      'P3',
    ]);
  });

  it('sends a pinned payment only to its phone', async () => {
    h = await createEngineHarness();
    await h.devices.addPhone('P1');
    await h.devices.addPhone('P2');
    for (let i = 0; i < 4; i++)
      h.engine.create({ orderNo: `PIN${i}`, amountFen: 200, qrCode: qr('2.00', `${i}`), deviceSerial: 'P2' });
    for (let i = 0; i < 4; i++) expect((await h.final(`PIN${i}`)).deviceSerial).toBe('P2');
    expect(h.devices.sim('P1').commands).toHaveLength(0);
    expect(h.devices.sim('P2').commands).toHaveLength(4);
  });

  it('reads a failure notification as failed, without restarting the phone', async () => {
    h = await createEngineHarness();
    const sim = await h.devices.addPhone('P1');
    sim.queueBehavior({ kind: 'fail', text: '付款失败，余额不足' });
    h.engine.create({ orderNo: 'F1', amountFen: 300, qrCode: qr('3.00') });
    expect(await h.final('F1')).toMatchObject({ status: 'failed', notificationText: '付款失败，余额不足' });
    expect(h.devices.restarts).toHaveLength(0);
    await until(() => h.engine.phoneMode('P1').kind === 'idle');
  });
});
