import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AnnouncerLogEntry } from '../../src/shared/voice/announcer-types';
import type { E2eStation, StationWindow } from '../support/e2e-station';
import {
  buildRenderer,
  eventually,
  launchChromium,
  openStationWindow,
  startE2eStation,
} from '../support/e2e-station';

/**
 * The window, end to end: the built window in real Chromium, against `npm run serve` (from source),
 * which drives simulated phones through a real adb server. The backend is a signed HTTP client.
 * One station and one window for the whole file; the tests run in order and each leaves the
 * board calm (its orders accepted) so the next one hears only its own announcements.
 */

const SCREEN_DIR = path.resolve(__dirname, '../../test-output/e2e-screens');
/** The shortest repeat interval Settings accepts. */
const REPEAT_SEC = 10;

let station: E2eStation;
let browser: Browser;
let win: StationWindow;

const phoneA = () => station.phones[0];
const phoneB = () => station.phones[1];

interface PaymentJson {
  payment: {
    status: string;
    deviceSerial: string | null;
    resolution: { status: string; note: string } | null;
    review: { reason: string } | null;
  };
}

async function postOrder(
  orderNo: string,
  amount: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const res = await station.client.send({
    method: 'POST',
    target: '/api/v1/orders',
    body: { orderNo, amount, ...extra },
  });
  expect(res.status, res.text).toBe(201);
}

async function postPayment(orderNo: string, amount: string, deviceSerial: string): Promise<void> {
  const res = await station.client.send({
    method: 'POST',
    target: '/api/v1/payments',
    body: { orderNo, amount, qrCode: `https://qr.alipay.com/e2e?amount=${amount}`, deviceSerial },
  });
  expect(res.status, res.text).toBe(202);
}

async function getPayment(orderNo: string): Promise<PaymentJson['payment']> {
  const res = await station.client.send({ method: 'GET', target: `/api/v1/payments/${orderNo}` });
  expect(res.status, res.text).toBe(200);
  return (res.json as PaymentJson).payment;
}

/** The first log entry matching `match`, polled until it is there. */
function heard(what: string, match: (e: AnnouncerLogEntry) => boolean, timeoutMs = 20_000) {
  return eventually(`announcer log: ${what}`, async () => (await win.voiceLog()).find(match), timeoutMs, 100);
}

async function acceptByClick(orderNo: string): Promise<void> {
  await win.page.click(`[data-testid="order-${orderNo}"] button:has-text("接单")`);
  await win.page.waitForSelector(`[data-testid="column-accepted"] [data-testid="order-${orderNo}"]`);
}

beforeAll(async () => {
  buildRenderer();
  station = await startE2eStation({
    phones: [
      { model: 'E2E-A', profile: 'android11-miui' },
      { model: 'E2E-B', profile: 'android16-hyperos' },
      { model: 'E2E-C', profile: 'android15-coloros' },
    ],
    resultTimeoutSec: 5,
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (!station) return;
  const code = await station.close();
  expect(code, station.serve.stderr()).toBe(0);
}, 60_000);

describe('the window without its session token', () => {
  it('serves only an error page, without the app', async () => {
    const bare = station.uiUrl.replace(/\?token=.*/, '');
    expect(bare).not.toBe(station.uiUrl);
    const page = await browser.newPage();
    try {
      for (const url of [bare, `${bare}?token=not-the-token`]) {
        const res = await page.goto(url);
        expect(res?.status()).toBe(403);
        expect(await page.$('#root')).toBeNull();
        expect(await page.textContent('body')).toMatch(/token/i);
      }
      // The assets are guarded too: the page's script is not served without the cookie.
      const asset = await fetch(new URL('/assets/', bare));
      expect(asset.status).toBe(403);
      // And the bridge's socket refuses the upgrade.
      const refused = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(new URL('/station-ws', bare.replace(/^http/, 'ws')).toString());
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => reject(new Error('the socket opened without a token')));
        ws.on('error', () => undefined);
      });
      expect([401, 403]).toContain(refused);
    } finally {
      await page.close();
    }
  });
});

describe('the window against npm run serve', () => {
  it('opens with the token and lists the three phones as ready', async () => {
    win = await openStationWindow(browser, station.uiUrl);
    await win.page.waitForSelector('[data-testid="status-phones"]:has-text("手机 3/3 就绪")', {
      timeout: 30_000,
    });
    await win.show('devices');
    for (const p of station.phones) {
      await win.page.waitForSelector(`[data-testid="device-${p.serial}"].state-ready`);
    }
    expect(await win.page.textContent(`[data-testid="device-${phoneA().serial}"]`)).toContain('E2E-A');
  }, 45_000);

  it("shows a check's evidence and the phone's raw output behind it, and copies it all for support", async () => {
    const card = `[data-testid="device-${phoneB().serial}"]`;
    expect(await win.page.textContent(card)).toContain('HyperOS 3.0');
    await win.page.click(`${card} .health-row:has-text("通知监听在运行")`);
    const detail = `${card} [data-testid="health-detail"]`;
    // The app's own line, as the simulated HyperOS phone printed it from the real capture.
    expect(await win.page.textContent(detail)).toContain(
      'ComponentInfo{com.cashier.phone/com.cashier.phone.PayNotificationListener} (user 0)',
    );
    await win.page.click(`${detail} button:has-text("原始输出")`);
    const raw = await win.page.waitForSelector('[role="dialog"] [data-testid="raw-output"]');
    expect(await raw.textContent()).toContain(
      '(user 0):   All notification listeners (2) enabled for current profiles:',
    );
    await win.page.selectOption('[role="dialog"] select', 'dumpsys power');
    expect(await raw.textContent()).toMatch(/^ {2}mWakefulness=Awake$/m);
    await win.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await win.page.click('[role="dialog"] button:has-text("全部复制给技术支持")');
    await win.page.waitForSelector('[role="dialog"] [role="status"]:has-text("已复制")');
    // A string: this file is type-checked for Node, without the page's DOM types.
    const copied = (await win.page.evaluate('navigator.clipboard.readText()')) as string;
    expect(copied).toContain(`Cashier Station diagnostics for ${phoneB().serial}`);
    expect(copied).toContain('===== dumpsys window');
    await win.page.keyboard.press('Escape');
    await win.page.waitForSelector('[role="dialog"]', { state: 'detached' });
  }, 45_000);

  it('saves a short voice repeat interval through Settings', async () => {
    await win.show('settings');
    await win.page.fill('#setting-voice-repeatIntervalSec', String(REPEAT_SEC));
    await win.page.click('button:has-text("保存设置")');
    await win.page.waitForSelector('.feedback.tone-ok:has-text("已保存")');
    await eventually(
      'the announcer to take the new interval',
      async () => (await win.voiceState()).settings.repeatIntervalMs === REPEAT_SEC * 1000,
    );
  }, 45_000);

  it('shows a posted order as a new card and announces it', async () => {
    await win.show('orders');
    const posted = Date.now();
    await postOrder('E2E-N1', '23.00', {
      items: [{ name: '珍珠奶茶', qty: 2, price: '11.50' }],
      customer: { name: '王女士', phoneTail: '6688' },
    });
    const card = await win.page.waitForSelector('[data-testid="column-new"] [data-testid="order-E2E-N1"]');
    expect(await card.getAttribute('class')).toContain('is-fresh');
    expect(await card.textContent()).toContain('¥23.00');
    const started = await heard(
      'new order E2E-N1 started',
      (e) => e.orderId === 'E2E-N1' && e.kind === 'new-order' && e.outcome === 'started',
    );
    expect(started.repeat).toBe(0);
    expect(started.at).toBeGreaterThanOrEqual(posted);
    await heard('new order E2E-N1 played', (e) => e.orderId === 'E2E-N1' && e.outcome === 'played');
    // The keyboard shortcut accepts the oldest new order: this one.
    await win.page.keyboard.press('a');
    await win.page.waitForSelector('[data-testid="column-accepted"] [data-testid="order-E2E-N1"]');
    expect((await win.voiceState()).repeatingOrders).not.toContain('E2E-N1');
  }, 45_000);

  it('repeats an unaccepted order, and never again once it is accepted', async () => {
    // R1 is accepted after its first announcement; R2, posted with it, is the control that
    // shows a repeat was due.
    await postOrder('E2E-R1', '8.00');
    await postOrder('E2E-R2', '9.00');
    await win.page.waitForSelector('[data-testid="order-E2E-R2"]');
    await heard('E2E-R1 played', (e) => e.orderId === 'E2E-R1' && e.outcome === 'played');
    await acceptByClick('E2E-R1');
    const acceptedAt = Date.now();
    const state = await win.voiceState();
    expect(state.repeatingOrders).not.toContain('E2E-R1');
    expect(state.repeatingOrders).toContain('E2E-R2');

    // The control is said again a full interval after its first announcement ended; R1 is not.
    const control = await heard(
      'the first repeat of the control E2E-R2',
      (e) => e.orderId === 'E2E-R2' && e.outcome === 'started' && e.repeat === 1,
      REPEAT_SEC * 1000 + 20_000,
    );
    const log = await win.voiceLog();
    const r1Played = log.find((e) => e.orderId === 'E2E-R1' && e.outcome === 'played');
    const r2Played = log.find((e) => e.orderId === 'E2E-R2' && e.outcome === 'played');
    expect(control.at - (r2Played?.at ?? 0)).toBeGreaterThanOrEqual(REPEAT_SEC * 1000 - 50);
    // R1 finished first, so its repeat, had it not been accepted, was due before this one.
    expect(r1Played!.at).toBeLessThanOrEqual(r2Played!.at);
    await heard(
      'the repeat of E2E-R2 played',
      (e) => e.orderId === 'E2E-R2' && e.outcome === 'played' && e.repeat === 1,
    );
    const r1Later = (await win.voiceLog()).filter(
      (e) => e.orderId === 'E2E-R1' && e.outcome === 'started' && e.at >= acceptedAt,
    );
    expect(r1Later).toEqual([]);
    await acceptByClick('E2E-R2');
    expect((await win.voiceState()).repeatingOrders).toEqual([]);
  }, 60_000);

  it('raises the rush badge and speaks a rush reminder', async () => {
    await postOrder('E2E-U1', '15.00');
    await acceptByClick('E2E-U1');
    const remind = async (eventId: string) => {
      const res = await station.client.send({
        method: 'POST',
        target: '/api/v1/orders/E2E-U1/reminders',
        body: { eventId },
      });
      expect(res.status, res.text).toBe(200);
    };
    await remind('e2e-rush-1');
    const badge = await win.page.waitForSelector(
      '[data-testid="column-rush"] [data-testid="order-E2E-U1"] [data-testid="rush-badge"]',
    );
    expect(await badge.textContent()).toBe('催 1');
    const spoken = await heard(
      'rush reminder for E2E-U1 started',
      (e) => e.kind === 'rush' && e.orderId === 'E2E-U1' && e.outcome === 'started',
    );
    expect(spoken.text).not.toBe('');
    await remind('e2e-rush-2');
    await win.page.waitForSelector(
      '[data-testid="order-E2E-U1"] [data-testid="rush-badge"]:has-text("催 2")',
    );
    await heard(
      'the second rush reminder started',
      (e) => e.kind === 'rush' && e.eventId !== spoken.eventId && e.outcome === 'started',
    );
  }, 45_000);

  it("shows a payment in its phone's lane until it completes", async () => {
    await win.show('payments');
    // Long enough to be seen in flight, well inside the 5 s result timeout.
    phoneA().app.queueBehavior({ kind: 'notify', afterMs: 2500 });
    await postPayment('E2E-P1', '12.50', phoneA().serial);
    const lane = `[data-testid="lane-${phoneA().serial}"]`;
    await win.page.waitForSelector(`${lane} .lane-payment:has-text("E2E-P1")`);
    expect(await win.page.textContent(`${lane} .lane-payment`)).toContain('¥12.50');
    // No other lane shows it.
    expect(await win.page.$$(`.lane:has-text("E2E-P1")`)).toHaveLength(1);
    await win.page.waitForSelector(`${lane} .lane-idle`, { timeout: 20_000 });
    expect(await win.page.textContent(lane)).not.toContain('E2E-P1');
    const payment = await getPayment('E2E-P1');
    expect(payment.status).toBe('succeeded');
    expect(payment.deviceSerial).toBe(phoneA().serial);
    const spoken = await heard(
      'payment success started',
      (e) => e.kind === 'payment-succeeded' && e.outcome === 'started',
    );
    expect(spoken.text).toContain('支付宝到账');
    expect(spoken.text).toContain('十二点五元');
  }, 45_000);

  it('lists a wedged payment under unknown and resolves it through the UI with a confirmation', async () => {
    phoneB().app.queueBehavior({ kind: 'never' });
    await postPayment('E2E-W1', '30.00', phoneB().serial);
    await win.page.waitForSelector(`[data-testid="lane-${phoneB().serial}"]:has-text("E2E-W1")`);
    const item = '[data-testid="unknown-list"] [data-testid="unknown-E2E-W1"]';
    await win.page.waitForSelector(item, { timeout: 25_000 });
    expect(await win.page.textContent(item)).toContain('手机在规定时间内没有回复');
    await heard(
      'payment attention started',
      (e) => e.kind === 'payment-attention' && e.outcome === 'started',
    );

    await win.page.click(`${item} button:has-text("确认已付款")`);
    const dialog = await win.page.waitForSelector('[role="dialog"]');
    expect(await dialog.textContent()).toContain('30.00');
    const confirm = '[role="dialog"] .dialog-actions button:has-text("确认已付款")';
    // A note is required before the decision can be confirmed.
    expect(await win.page.isDisabled(confirm)).toBe(true);
    await win.page.fill('[role="dialog"] textarea', '已在支付宝账单中核对 (e2e)');
    await win.page.click(confirm);
    await win.page.waitForSelector('[role="dialog"]', { state: 'detached' });
    await win.page.waitForSelector(item, { state: 'detached' });
    const payment = await getPayment('E2E-W1');
    expect(payment.status).toBe('succeeded');
    expect(payment.review?.reason).toBe('timeout');
    expect(payment.resolution).toMatchObject({ status: 'succeeded', note: '已在支付宝账单中核对 (e2e)' });
  }, 45_000);

  it('updates the device list when a phone is unplugged, and again when it is back', async () => {
    await win.show('devices');
    const card = `[data-testid="device-${phoneA().serial}"]`;
    await win.page.waitForSelector(card);
    await phoneA().unplug();
    await win.page.waitForSelector(card, { state: 'detached', timeout: 20_000 });
    await win.page.waitForSelector('[data-testid="status-phones"]:has-text("/2 就绪")');
    expect(await win.page.$(`[data-testid="device-${phoneB().serial}"]`)).not.toBeNull();
    await heard('phone disconnected', (e) => e.kind === 'phone-disconnected' && e.outcome === 'started');

    await phoneA().plugInto({ host: '127.0.0.1', port: station.adb.port });
    await win.page.waitForSelector(`${card}.state-ready`, { timeout: 30_000 });
  }, 60_000);

  it('writes screenshots of every view at 1280×800 and 1024×768', async () => {
    mkdirSync(SCREEN_DIR, { recursive: true });
    await win.show('orders');
    // Something in every view: new, rush and accepted orders, a payment in flight, a queue,
    // and a payment waiting for a person.
    await postOrder('E2E-S1', '36.00', {
      items: [
        { name: '招牌牛肉面', qty: 1, price: '22.00' },
        { name: '卤蛋', qty: 2, price: '3.00' },
        { name: '冰红茶', qty: 2, price: '4.00' },
      ],
      customer: { name: '李先生', phoneTail: '1234' },
      note: '少辣，不要香菜',
    });
    await postOrder('E2E-S2', '128.80', { items: [{ name: '家庭套餐', qty: 1, price: '128.80' }] });
    await postOrder('E2E-S3', '9.90');
    await acceptByClick('E2E-S3');
    phoneB().app.queueBehavior({ kind: 'never' });
    await postPayment('E2E-S-WEDGE', '66.00', phoneB().serial);
    await eventually(
      'E2E-S-WEDGE to be unknown',
      async () => (await getPayment('E2E-S-WEDGE')).status === 'unknown',
      25_000,
      200,
    );
    // A payment in flight must stay there while both sizes are shot: a longer result timeout.
    await win.show('settings');
    await win.page.fill('#setting-payments-resultTimeoutMs', '120');
    await win.page.click('button:has-text("保存设置")');
    await win.page.waitForSelector('.feedback.tone-ok:has-text("已保存")');
    await win.show('orders');
    phoneA().app.queueBehavior({ kind: 'never' });
    await postPayment('E2E-S-FLY', '18.80', phoneA().serial);
    await postPayment('E2E-S-Q1', '5.00', phoneA().serial);
    await postPayment('E2E-S-Q2', '7.50', phoneA().serial);

    const shots: string[] = [];
    for (const language of ['zh-CN', 'en'] as const) {
      if (language === 'en') {
        // Through the window's own switch: it is persisted, so new windows open in English.
        await win.page.selectOption('.language-switch select', 'en');
        await win.page.waitForSelector('nav.sidebar .nav-item:has-text("Orders")');
      }
      const suffix = language === 'en' ? '-en' : '';
      for (const size of [
        { width: 1280, height: 800 },
        { width: 1024, height: 768 },
      ]) {
        const w = await openStationWindow(browser, station.uiUrl, size);
        const shoot = async (name: string) => {
          const file = path.join(SCREEN_DIR, `${name}${suffix}-${size.width}x${size.height}.png`);
          await w.page.screenshot({ path: file });
          shots.push(file);
        };
        try {
          await w.page.waitForSelector('[data-testid="order-E2E-S1"]');
          // A fresh order, so the shot shows a highlighted card and the "now speaking" line.
          await postOrder(`E2E-S-${size.width}${suffix}`, '42.00', { note: '打包带走' });
          await w.page.waitForSelector('.now-speaking.is-speaking');
          await shoot('orders');
          await w.show('payments');
          await w.page.waitForSelector(`[data-testid="lane-${phoneA().serial}"]:has-text("E2E-S-FLY")`);
          await w.page.waitForSelector('[data-testid="queued-E2E-S-Q2"]');
          await shoot('payments');
          await w.page.click('[data-testid="unknown-E2E-S-WEDGE"] .btn-danger-quiet');
          await w.page.waitForSelector('[role="dialog"]');
          await shoot('payments-confirm');
          await w.page.keyboard.press('Escape');
          await w.page.waitForSelector('[role="dialog"]', { state: 'detached' });
          await w.show('devices');
          await w.page.waitForSelector('.device-card');
          await shoot('devices');
          await w.show('history');
          await w.page.waitForSelector('text=E2E-S1');
          await shoot('history');
          // No Redis here: the view says fleet mode is off and how to turn it on.
          await w.show('fleet');
          await w.page.waitForSelector('[data-testid="fleet-off"] code:has-text("--fleet")');
          await shoot('fleet');
          await w.show('settings');
          await w.page.waitForSelector('.settings-section');
          await shoot('settings');
          await w.page.$eval('.settings-scroll', (el) => el.scrollTo(0, el.scrollHeight));
          await shoot('settings-scrolled');
          expect(w.errors).toEqual([]);
        } finally {
          await w.page.close();
        }
      }
    }
    expect(shots).toHaveLength(32);
    // Leave nothing in flight: the queued payments are cancelled, the wedged one settled.
    for (const orderNo of ['E2E-S-Q1', 'E2E-S-Q2']) {
      await station.client.send({ method: 'POST', target: `/api/v1/payments/${orderNo}/cancel`, body: {} });
    }
    phoneA().app.notify('你已成功付款18.80元');
  }, 90_000);

  it('logged no errors in the window', () => {
    expect(win.errors).toEqual([]);
  });
});
