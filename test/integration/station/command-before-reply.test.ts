import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_FIRST_MS } from '../../../src/main/core/http/routes/payment-routes';
import { createHttpClient } from '../../support/api-client';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';

// A payment that a free phone takes in its create: the command goes to the phone before the 202
// goes to the backend, through a real adb server (Debian's adb) and the real HTTP server. A phone
// slow to take the connection does not hold the 202 more than COMMAND_FIRST_MS.

const CREDENTIALS = { key: 'cs_rig_key_0001', secret: 'rig-secret-0123456789abcdef' };
const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;
const SETTINGS = {
  payments: { resultTimeoutMs: 3_000, settleMs: 500, minResultMs: 0, dispatchVia: 'transport' as const },
  care: { preDispatchCheck: false, reviveApp: false },
};

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** POSTs a payment; resolves with the 202's body and how many commands the phone had by then. */
async function post(r: CoreRig, orderNo: string, yuan: string, commandsSoFar: () => number) {
  const client = createHttpClient(r.apiUrl, { credentials: CREDENTIALS });
  try {
    const res = await client.send({
      method: 'POST',
      target: '/api/v1/payments',
      body: { orderNo, amount: yuan, qrCode: qr(yuan, orderNo) },
    });
    return {
      status: res.status,
      json: res.json as { payment: { status: string } },
      commands: commandsSoFar(),
    };
  } finally {
    client.close();
  }
}

describe('the command before the 202', () => {
  it('a free phone has its command written before the 202 is sent', async () => {
    rig = await createCoreRig({ settingsOverrides: SETTINGS });
    const phone = await rig.addPhone({
      model: 'FREE',
      app: { defaultBehavior: { kind: 'notify', afterMs: 200 } },
    });
    await rig.waitReady(phone);
    // In the station's own order of events: `awaiting_result` is committed right after the
    // command is written to the phone; `finish` is the 202 handed to the kernel.
    const order: string[] = [];
    let arrivedAt = 0;
    let finishedAt = 0;
    rig.core.payments.on('updated', (p) => {
      if (p.status === 'awaiting_result') order.push(`written ${p.orderNo}`);
    });
    rig.core.api.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      arrivedAt = performance.now();
      res.on('finish', () => {
        finishedAt = performance.now();
        order.push(`202 ${req.method} ${res.statusCode}`);
      });
    });
    const orderNos = ['F1', 'F2', 'F3', 'F4', 'F5'];
    let commandFirst = 0;
    for (const [i, orderNo] of orderNos.entries()) {
      order.length = 0;
      const answer = await post(rig, orderNo, `${i + 1}.00`, () => phone.app.commands.length);
      expect(answer.status).toBe(202);
      expect(answer.json.payment.status).toBe('dispatching');
      await rig.final(orderNo);
      expect(order).toContain(`written ${orderNo}`);
      if (order[0] === `written ${orderNo}`) {
        commandFirst++;
      } else {
        // Only a machine too busy for the phone to take the connection within the hold may answer
        // first, and then the 202 waited the whole hold.
        expect(finishedAt - arrivedAt, `${orderNo}: ${order.join(', ')}`).toBeGreaterThanOrEqual(
          COMMAND_FIRST_MS - 1,
        );
      }
    }
    // On a loaded machine some payments may miss the hold, not every one of them.
    expect(commandFirst).toBeGreaterThanOrEqual(1);
    expect(phone.app.commands).toHaveLength(orderNos.length);
  }, 60_000);

  it('a phone slow to take the connection does not hold the 202: it comes first, the command after', async () => {
    rig = await createCoreRig({ settingsOverrides: SETTINGS });
    const LATE_MS = 400;
    const phone = await rig.addPhone({ model: 'SLOW', openDelay: { acceptMs: LATE_MS } });
    await rig.waitReady(phone);
    const t0 = performance.now();
    const answer = await post(rig, 'S1', '3.00', () => phone.app.commands.length);
    const answeredMs = performance.now() - t0;
    expect(answer.status).toBe(202);
    expect(answer.json.payment.status).toBe('dispatching');
    expect(answer.commands).toBe(0);
    // Held at most COMMAND_FIRST_MS for the phone, far less than the phone's 400 ms.
    expect(answeredMs).toBeLessThan(LATE_MS / 2);
    expect(COMMAND_FIRST_MS).toBeLessThan(LATE_MS / 2);
    const s1 = await rig.final('S1');
    expect(s1.status).toBe('succeeded');
    expect(phone.app.commands.map((c) => c.msg)).toEqual([qr('3.00', 'S1')]);
  }, 60_000);
});
