import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_TEXTS, deviceText } from '../../../src/shared/i18n/device-texts';
import type { CoreRig } from '../../support/core-rig';
import { createCoreRig } from '../../support/core-rig';
import { waitFor } from '../../support/adb-station';

// The misattribution defences through the real adb server: a late notification that lands in the restarted phone
// app must never answer the next payment; too-fast results are suspect; one settling phone
// does not hold up the others.

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const qr = (yuan: string, tag: string) => `https://qr.alipay.com/fkx?amount=${yuan}&t=${tag}`;

describe('no misattribution after a phone-app restart (real adb)', () => {
  it('a late 3.00 that reaches the restarted app never answers the next 7.00 payment', async () => {
    rig = await createCoreRig({
      // A second is the shortest result timeout the settings allow.
      settingsOverrides: { payments: { resultTimeoutMs: 1_000, settleMs: 1_500, minResultMs: 0 } },
    });
    const phone = await rig.addPhone({ model: 'LATE' });
    await rig.waitReady(phone);

    phone.app.queueBehavior({ kind: 'never' });
    rig.core.payments.create({ orderNo: 'B', amountFen: 300, qrCode: qr('3.00', 'B') });
    const b = await rig.final('B');
    expect(b.status).toBe('unknown');
    expect(b.review?.reason).toBe('timeout');

    // The station restarts the app through adb; Alipay's notification for B arrives just after.
    await waitFor('first restart', () => phone.shellLog.some((c) => c.includes('force-stop')));
    await waitFor('app running again', () => phone.app.running);
    phone.app.notify('你已成功付款3.00元');
    expect(phone.app.pendingNotifications).toEqual(['你已成功付款3.00元']);

    rig.core.payments.create({
      orderNo: 'C',
      amountFen: 700,
      qrCode: qr('7.00', 'C'),
      deviceSerial: phone.serial,
    });
    // While settling, the phone says so, with the seconds left.
    const settling = await waitFor('settling shown', async () => {
      const d = await rig!.shown(phone.serial);
      return d?.state === 'needs-attention' && d.reason?.code === 'SETTLING' ? d : null;
    });
    const secondsLeft = Number(settling.reason?.params?.secondsLeft);
    expect(secondsLeft).toBeGreaterThan(0);
    // What the device card shows, in both languages.
    expect(deviceText(settling.reason!.messageKey, 'zh-CN', settling.reason!.params)).toBe(
      `手机在冷却中，还剩 ${secondsLeft} 秒`,
    );
    expect(deviceText(settling.reason!.messageKey, 'en', settling.reason!.params)).toBe(
      `Settling, ${secondsLeft} s left`,
    );
    expect(DEVICE_TEXTS[settling.reason!.hintKey]).toBeDefined();

    const c = await rig.final('C');
    expect(c.status).toBe('succeeded');
    expect(c.notificationText).toBe('你已成功付款7.00元');
    expect(c.notificationText).not.toContain('3.00');
    // The second restart dropped the late text before C was sent.
    expect(phone.shellLog.filter((cmd) => cmd.includes('force-stop')).length).toBeGreaterThanOrEqual(2);
    expect(phone.app.commands.map((cmd) => cmd.msg)).toEqual([qr('3.00', 'B'), qr('7.00', 'C')]);
  }, 60_000);

  it('a result faster than the threshold is unknown with result_too_fast', async () => {
    rig = await createCoreRig({
      settingsOverrides: { payments: { resultTimeoutMs: 5_000, settleMs: 500, minResultMs: 1_000 } },
    });
    const phone = await rig.addPhone({
      model: 'FAST',
      app: { defaultBehavior: { kind: 'notify', afterMs: 5 } },
    });
    await rig.waitReady(phone);
    rig.core.payments.create({ orderNo: 'F1', amountFen: 100, qrCode: qr('1.00', 'F1') });
    const f = await rig.final('F1');
    expect(f.status).toBe('unknown');
    expect(f.review?.reason).toBe('result_too_fast');
    // A plausible one on the same phone, once it has settled, is credited.
    phone.app.queueBehavior({ kind: 'notify', afterMs: 1_200 });
    rig.core.payments.create({ orderNo: 'F2', amountFen: 100, qrCode: qr('1.00', 'F2') });
    expect((await rig.final('F2')).status).toBe('succeeded');
  }, 60_000);

  it('other phones keep taking payments while one settles, and the queue is not stuck behind it', async () => {
    rig = await createCoreRig({
      settingsOverrides: { payments: { resultTimeoutMs: 1_000, settleMs: 30_000, minResultMs: 0 } },
    });
    const wedged = await rig.addPhone({ model: 'WEDGED' });
    const healthy = await rig.addPhone({ model: 'HEALTHY' });
    await rig.waitReady(wedged);
    await rig.waitReady(healthy);
    wedged.app.setDefaultBehavior({ kind: 'never' });
    rig.core.payments.create({
      orderNo: 'W',
      amountFen: 100,
      qrCode: qr('1.00', 'W'),
      deviceSerial: wedged.serial,
    });
    expect((await rig.final('W')).status).toBe('unknown');
    for (let i = 0; i < 6; i++)
      rig.core.payments.create({ orderNo: `Q${i}`, amountFen: 100, qrCode: qr('1.00', `Q${i}`) });
    for (let i = 0; i < 6; i++) expect((await rig.final(`Q${i}`)).status).toBe('succeeded');
    // All six went through the healthy phone while the wedged one was still settling: it got no
    // second restart yet and shows its countdown.
    expect(healthy.app.commands.length).toBe(6);
    expect(wedged.app.commands.length).toBe(1);
    expect(wedged.shellLog.filter((c) => c.includes('force-stop'))).toHaveLength(1);
    expect(await rig.shown(wedged.serial)).toMatchObject({
      state: 'needs-attention',
      reason: { code: 'SETTLING' },
    });
  }, 60_000);
});
