import type { PaymentDto } from '../shared/api/payment-schemas';
import { isFinal } from '../shared/domain/payment-status';
import type { ApiClient, ApiResponse } from '../../test/support/api-client';
import type { DemoTimings } from './demo-args';
import type { DemoLog } from './demo-log';

/** Marker in a QR code that makes the simulated phone app never report (see demo-phones.ts). */
export const WEDGE_MARKER = 'demo=wedge';

export interface BackendStats {
  orders: number;
  reminders: number;
  payments: number;
  /** Final payment states seen by the backend's long polls, by status. */
  finals: Record<string, number>;
}

export interface DemoBackendOptions {
  client: ApiClient;
  log: DemoLog;
  timings: DemoTimings;
  callbackUrl: string;
  /** The phone the wedging payment is pinned to, and its name in the output. */
  wedgePhone: { serial: string; name: string };
  /** Serial → phone name, for the output. */
  phoneName(serial: string | null): string;
  /** Unique per run, so orderNos never clash with an earlier run's (`--data-dir` keeps them). */
  runId: string;
}

export interface DemoBackend {
  readonly stats: BackendStats;
  /** Plays the scripted story, then keeps a steady trickle until {@link stop}. */
  run(): Promise<void>;
  /** Stops posting; pending long polls end when the station stops. */
  stop(): void;
}

type Step =
  | {
      kind: 'order';
      orderNo: string;
      amount: string;
      items: { name: string; qty: number; price: string }[];
      note?: string;
    }
  | { kind: 'remind'; orderNo: string }
  | { kind: 'pay'; orderNo: string; amount: string; wedge?: boolean };

/** What the simulated shop sells (the fleet backend sells the same). */
export const DEMO_MENU = [
  { name: '黄焖鸡米饭', price: '22.00' },
  { name: '酸辣粉', price: '13.50' },
  { name: '冰美式', price: '9.90' },
  { name: '鲜肉小笼包', price: '16.80' },
  { name: '番茄牛腩面', price: '28.00' },
];

function describe(res: ApiResponse): string {
  const err = (res.json as { error?: { code?: string; message?: string } } | undefined)?.error;
  return err ? `${res.status} ${err.code}: ${err.message}` : `${res.status}`;
}

export function createDemoBackend(options: DemoBackendOptions): DemoBackend {
  const { client, log, timings, runId } = options;
  const stats: BackendStats = { orders: 0, reminders: 0, payments: 0, finals: {} };
  const polls = new Set<Promise<void>>();
  let stopped = false;
  let wake: (() => void) | null = null;
  let orderSeq = 0;
  let paySeq = 0;
  const openOrders: string[] = [];

  const nextOrderNo = () => `O-${runId}-${String(++orderSeq).padStart(3, '0')}`;
  const nextPayNo = () => `P-${runId}-${String(++paySeq).padStart(3, '0')}`;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function postOrder(step: Extract<Step, { kind: 'order' }>): Promise<void> {
    const body = {
      orderNo: step.orderNo,
      amount: step.amount,
      items: step.items,
      eventId: `ev-${step.orderNo}`,
      ...(step.note ? { note: step.note } : {}),
    };
    const res = await client.send({ method: 'POST', target: '/api/v1/orders', body });
    if (res.status !== 201 && res.status !== 200)
      return log.line('backend', `POST /orders ${step.orderNo} failed: ${describe(res)}`);
    stats.orders++;
    openOrders.push(step.orderNo);
    const what = step.items.map((i) => `${i.name}×${i.qty}`).join(', ');
    log.line(
      'backend',
      `→ new order ${step.orderNo} ¥${step.amount} (${what})  [window: orders board + voice]`,
    );
  }

  async function postReminder(orderNo: string): Promise<void> {
    const target = `/api/v1/orders/${orderNo}/reminders`;
    const res = await client.send({
      method: 'POST',
      target,
      body: { eventId: `rush-${orderNo}-${Date.now()}` },
    });
    if (res.status !== 200) return log.line('backend', `POST ${target} failed: ${describe(res)}`);
    stats.reminders++;
    const count = (res.json as { order?: { rushCount?: number } }).order?.rushCount ?? '?';
    log.line('backend', `→ rush reminder for ${orderNo} (rush #${count})  [window: badge + voice 催单]`);
  }

  function finalLine(p: PaymentDto): string {
    const phone = options.phoneName(p.deviceSerial);
    switch (p.status) {
      case 'succeeded':
        return `← ${p.orderNo} succeeded on ${phone}: "${p.notificationText ?? ''}"`;
      case 'unknown':
        return `← ${p.orderNo} is UNKNOWN on ${phone} (reason ${p.review?.reason ?? '?'}): the cashier decides it in the window (付款 → 待人工确认, "needs a person")`;
      default:
        return `← ${p.orderNo} ended ${p.status}${p.review ? ` (${p.review.reason})` : ''}`;
    }
  }

  /** The backend's long poll: ask again with wait=30 until the payment is final. */
  async function follow(orderNo: string): Promise<void> {
    for (;;) {
      const res = await client
        .send({ method: 'GET', target: `/api/v1/payments/${orderNo}?wait=30` })
        .catch(() => null);
      if (!res || res.status !== 200) return;
      const p = (res.json as { payment: PaymentDto }).payment;
      if (isFinal(p)) {
        stats.finals[p.status] = (stats.finals[p.status] ?? 0) + 1;
        log.line('backend', finalLine(p));
        return;
      }
      if (stopped) return;
    }
  }

  async function postPayment(step: Extract<Step, { kind: 'pay' }>): Promise<void> {
    const qrCode = `https://qr.alipay.com/fkx${step.orderNo.replace(/[^0-9A-Za-z]/g, '').toLowerCase()}?amount=${step.amount}${step.wedge ? `&${WEDGE_MARKER}` : ''}`;
    const body = {
      orderNo: step.orderNo,
      amount: step.amount,
      qrCode,
      callbackUrl: options.callbackUrl,
      ...(step.wedge ? { deviceSerial: options.wedgePhone.serial } : {}),
    };
    const res = await client.send({ method: 'POST', target: '/api/v1/payments', body });
    if (res.status !== 202 && res.status !== 200)
      return log.line('backend', `POST /payments ${step.orderNo} failed: ${describe(res)}`);
    stats.payments++;
    log.line(
      'backend',
      step.wedge
        ? `→ payment ${step.orderNo} ¥${step.amount} pinned to ${options.wedgePhone.name}, whose app will never report: watch it wedge (unknown after ${timings.resultTimeoutSec} s)`
        : `→ payment ${step.orderNo} ¥${step.amount}  [window: Payments, a phone's lane]`,
    );
    const poll = follow(step.orderNo);
    polls.add(poll);
    void poll.finally(() => polls.delete(poll));
  }

  function script(): Step[] {
    const o1 = nextOrderNo();
    const o2 = nextOrderNo();
    const o3 = nextOrderNo();
    return [
      {
        kind: 'order',
        orderNo: o1,
        amount: '35.50',
        items: [
          { ...DEMO_MENU[0], qty: 1 },
          { ...DEMO_MENU[1], qty: 1 },
        ],
        note: '少辣',
      },
      { kind: 'pay', orderNo: nextPayNo(), amount: '35.50' },
      { kind: 'order', orderNo: o2, amount: '19.80', items: [{ ...DEMO_MENU[2], qty: 2 }] },
      { kind: 'pay', orderNo: nextPayNo(), amount: '19.80', wedge: true },
      { kind: 'remind', orderNo: o1 },
      { kind: 'pay', orderNo: nextPayNo(), amount: '16.80' },
      { kind: 'pay', orderNo: nextPayNo(), amount: '28.00' },
      { kind: 'order', orderNo: o3, amount: '28.00', items: [{ ...DEMO_MENU[4], qty: 1 }] },
      { kind: 'remind', orderNo: o2 },
      { kind: 'pay', orderNo: nextPayNo(), amount: '9.90' },
    ];
  }

  /**
   * After the story: something every couple of beats, like a quiet lunchtime. Only every other
   * order is rushed, so the board also shows new orders waiting (and announced again) for "accept".
   */
  function steadyStep(n: number): Step {
    const dish = DEMO_MENU[n % DEMO_MENU.length];
    if (n % 8 === 2 && openOrders.length > 0) {
      return { kind: 'remind', orderNo: openOrders[openOrders.length - 1] };
    }
    if (n % 2 === 0) {
      return { kind: 'order', orderNo: nextOrderNo(), amount: dish.price, items: [{ ...dish, qty: 1 }] };
    }
    return { kind: 'pay', orderNo: nextPayNo(), amount: dish.price };
  }

  async function perform(step: Step): Promise<void> {
    try {
      if (step.kind === 'order') await postOrder(step);
      else if (step.kind === 'remind') await postReminder(step.orderNo);
      else await postPayment(step);
    } catch (err) {
      if (!stopped) log.line('backend', `request failed: ${(err as Error).message}`);
    }
  }

  return {
    stats,
    async run() {
      for (const step of script()) {
        if (stopped) return;
        await perform(step);
        await sleep(timings.beatMs);
      }
      for (let n = 0; !stopped; n++) {
        await sleep(timings.beatMs * 2);
        if (!stopped) await perform(steadyStep(n));
      }
    },
    stop() {
      stopped = true;
      wake?.();
    },
  };
}
