import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeviceTcp } from '../../../src/main/core/adb/commands/open-tcp';
import type { DeviceTcpOpen } from '../../../src/main/core/adb/commands/open-tcp';
import { encodeHostRequest, hostRequest } from '../../../src/main/core/adb/host-request';
import type { TcpOpener } from '../../../src/main/core/adb/tcp-opener';
import { createTcpOpener } from '../../../src/main/core/adb/tcp-opener';
import { encodeFrame, FrameDecoder } from '../../../src/main/core/phone/frame-codec';
import type { SimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../../src/sim/adb-device/simulated-phone';
import { waitFor } from '../../support/adb-station';
import type { TestAdbServer } from '../../support/adb-server';
import { startTestAdbServer } from '../../support/adb-server';

// Opening the phone app's port through Debian's adb server (host:transport, then tcp:<port>),
// with a simulated phone attached by `adb connect`. The server is the peer under test: what it
// answers to each case is what the station decides on.

let adb: TestAdbServer;
let phone: SimulatedPhone;
const endpoint = () => ({ host: '127.0.0.1', port: adb.port });

beforeAll(async () => {
  adb = await startTestAdbServer();
  phone = createSimulatedPhone({ model: 'OPEN' });
  await phone.listen();
  await phone.plugInto(endpoint());
  await waitFor('phone online', async () =>
    (await hostRequest(endpoint(), 'host:devices', 'value')).includes(`${phone.serial}\tdevice`),
  );
}, 30_000);

afterAll(async () => {
  await phone?.close();
  await adb?.close();
});

function closeIfOpen(r: DeviceTcpOpen): void {
  if (r.kind === 'open') r.socket.destroy();
}

/** One exchange on an opened stream: the phone-app simulator answers the command with a notification. */
function payOn(socket: net.Socket, msg: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new FrameDecoder();
    socket.on('data', (c: Buffer) => {
      const frames = decoder.push(c);
      if (frames.length > 0) {
        socket.destroy();
        resolve(frames[0]);
      }
    });
    socket.on('error', reject);
    socket.write(encodeFrame(JSON.stringify({ groupId: 1, msg })));
    socket.resume();
  });
}

describe('openDeviceTcp through a real adb server', () => {
  it('opens the app port once the phone accepted, and the stream carries a payment', async () => {
    const r = await openDeviceTcp(endpoint(), phone.serial, 10010, 5000);
    expect(r).toMatchObject({ kind: 'open' });
    if (r.kind !== 'open') return;
    expect(r.early).toHaveLength(0);
    expect(r.socket.isPaused()).toBe(true);
    const reply = await payOn(r.socket, 'https://qr.alipay.com/x?amount=0.30');
    expect(JSON.parse(reply)).toEqual({ msg: '你已成功付款0.30元' });
  });

  it('says refused, with adb\'s own "closed", when nothing listens on the phone', async () => {
    phone.app.stopApp();
    try {
      const r = await openDeviceTcp(endpoint(), phone.serial, 10010, 5000);
      expect(r).toEqual({
        kind: 'refused',
        detail: `${phone.serial} did not accept tcp:10010: the app is not listening, or the phone went away (adb: closed)`,
      });
    } finally {
      phone.app.startApp();
    }
  });

  it('waits for a refusal however late it comes (here 400 ms)', async () => {
    phone.app.stopApp();
    phone.openDelay.refuseMs = 400;
    try {
      const t0 = performance.now();
      const r = await openDeviceTcp(endpoint(), phone.serial, 10010, 5000);
      expect(r.kind).toBe('refused');
      expect(performance.now() - t0).toBeGreaterThanOrEqual(380);
    } finally {
      phone.openDelay.refuseMs = 0;
      phone.app.startApp();
    }
  });

  it("says no_device with adb's message for a serial adb does not know", async () => {
    const r = await openDeviceTcp(endpoint(), 'NO-SUCH-PHONE', 10010, 5000);
    expect(r).toEqual({ kind: 'no_device', detail: "adb: device 'NO-SUCH-PHONE' not found" });
  });

  it('says timeout when the phone does not answer the open in time, and closes the connection', async () => {
    phone.openDelay.acceptMs = 1_000;
    try {
      const r = await openDeviceTcp(endpoint(), phone.serial, 10010, 200);
      closeIfOpen(r);
      expect(r).toMatchObject({ kind: 'timeout' });
      expect((r as { detail: string }).detail).toMatch(/did not answer the open of tcp:10010 within 200 ms/);
    } finally {
      phone.openDelay.acceptMs = 0;
    }
  });

  it('says unavailable when no adb server listens', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await openDeviceTcp({ host: '127.0.0.1', port: free }, phone.serial, 10010, 2000);
    expect(r).toMatchObject({ kind: 'unavailable' });
    expect((r as { detail: string }).detail).toMatch(/ECONNREFUSED/);
  });

  it('the server drops a tcp: request sent in the same write as the transport request (why it waits)', async () => {
    // What openDeviceTcp avoids: adb 29 answers the transport switch and never the pipelined tcp:.
    const got = await new Promise<string>((resolve) => {
      const s = net.connect(adb.port, '127.0.0.1', () =>
        s.write(
          Buffer.concat([
            encodeHostRequest(`host:transport:${phone.serial}`),
            encodeHostRequest('tcp:10010'),
          ]),
        ),
      );
      let text = '';
      s.on('data', (c) => (text += c.toString('latin1')));
      setTimeout(() => {
        s.destroy();
        resolve(text);
      }, 500);
    });
    expect(got).toBe('OKAY');
  });

  it('a phone unplugged while its open is pending is refused too (adb 29 answers FAIL closed)', async () => {
    phone.openDelay.acceptMs = 600;
    try {
      const pending = openDeviceTcp(endpoint(), phone.serial, 10010, 5000);
      await new Promise((r) => setTimeout(r, 150));
      await phone.unplug();
      const r = await pending;
      closeIfOpen(r);
      expect(r.kind).toBe('refused');
    } finally {
      phone.openDelay.acceptMs = 0;
    }
  });
});

describe('the opener keeps one spare connection per phone, switched to its transport', () => {
  let phone2: SimulatedPhone;
  beforeAll(async () => {
    phone2 = createSimulatedPhone({ model: 'SPARE' });
    await phone2.listen();
    await phone2.plugInto(endpoint());
    await waitFor('second phone online', async () =>
      (await hostRequest(endpoint(), 'host:devices', 'value')).includes(`${phone2.serial}\tdevice`),
    );
  }, 30_000);
  afterAll(async () => {
    await phone2?.close();
  });

  const spareReady = (opener: TcpOpener) => waitFor('a spare', () => opener.spares === 1, 5_000);

  it('after a first open, the next one goes through the spare and still carries a payment', async () => {
    const opener = createTcpOpener(endpoint());
    try {
      const first = await opener.open(phone2.serial, 10010, 5000);
      expect(first.kind).toBe('open');
      closeIfOpen(first);
      await spareReady(opener);
      const second = await opener.open(phone2.serial, 10010, 5000);
      expect(opener.spares).toBe(0);
      expect(second.kind).toBe('open');
      if (second.kind !== 'open') return;
      expect(JSON.parse(await payOn(second.socket, 'qr?amount=0.40'))).toEqual({ msg: '你已成功付款0.40元' });
    } finally {
      opener.close();
    }
  });

  it('a spare is as exact as a fresh open: an app that is down is refused', async () => {
    const opener = createTcpOpener(endpoint());
    try {
      closeIfOpen(await opener.open(phone2.serial, 10010, 5000));
      await spareReady(opener);
      phone2.app.stopApp();
      const r = await opener.open(phone2.serial, 10010, 5000);
      expect(r.kind).toBe('refused');
    } finally {
      phone2.app.startApp();
      opener.close();
    }
  });

  it('adb closes the spare when the phone goes away; after a replug, opening works again', async () => {
    const opener = createTcpOpener(endpoint());
    try {
      closeIfOpen(await opener.open(phone2.serial, 10010, 5000));
      await spareReady(opener);
      await phone2.unplug();
      await waitFor('spare retired', () => opener.spares === 0, 5_000);
      await phone2.plugInto(endpoint());
      await waitFor('back online', async () =>
        (await hostRequest(endpoint(), 'host:devices', 'value')).includes(`${phone2.serial}\tdevice`),
      );
      const r = await opener.open(phone2.serial, 10010, 5000);
      expect(r.kind).toBe('open');
      if (r.kind === 'open')
        expect(JSON.parse(await payOn(r.socket, 'qr?amount=0.50'))).toEqual({ msg: '你已成功付款0.50元' });
    } finally {
      opener.close();
    }
  }, 30_000);

  it('close() drops the spares, and no spare is made for a phone adb does not know', async () => {
    const opener = createTcpOpener(endpoint());
    closeIfOpen(await opener.open(phone2.serial, 10010, 5000));
    await spareReady(opener);
    opener.close();
    expect(opener.spares).toBe(0);
    expect((await opener.open('NO-SUCH-PHONE', 10010, 5000)).kind).toBe('no_device');
    await new Promise((r) => setTimeout(r, 100));
    expect(opener.spares).toBe(0);
  });
});
