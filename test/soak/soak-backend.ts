import type { ApiClient, ApiRequest, ApiResponse } from '../support/api-client';
import type { Random } from './soak-random';

/** Amounts a shop sees over and over: the same amount on many payments is what makes misattribution possible. */
const COMMON_AMOUNTS = ['10.00', '12.50', '25.00', '8.80', '30.00'];

export interface PlannedPayment {
  index: number;
  orderNo: string;
  amount: string;
  qrCode: string;
}

export interface BackendBooks {
  /** orderNo → when the station first answered 200/202 for it. */
  accepted: Map<string, number>;
  /** Payments the backend gave up posting (with the last answer), which the station never took. */
  givenUp: Map<string, string>;
  /** POSTs that got no answer or a retryable one (the station down, 429, 5xx) and were sent again. */
  retries: number;
  /** Payments added to fleet mode's Redis stream rather than POSTed. */
  viaRedis: Set<string>;
  /** Answers that should never happen for a fresh, valid, signed request (409, 400, 401…). */
  refused: { orderNo: string; status: number; text: string }[];
}

export function planPayments(count: number, seed: number, rng: Random): PlannedPayment[] {
  const out: PlannedPayment[] = [];
  for (let i = 0; i < count; i++) {
    const amount = rng.next() < 0.5 ? rng.pick(COMMON_AMOUNTS) : (rng.int(1, 19_999) / 100).toFixed(2);
    const orderNo = `SOAK${seed}-${String(i + 1).padStart(6, '0')}`;
    out.push({
      index: i,
      orderNo,
      amount,
      qrCode: `https://qr.alipay.com/fkx${seed}x${i + 1}?order=${orderNo}&amount=${amount}`,
    });
  }
  return out;
}

export async function sendWithin(client: ApiClient, req: ApiRequest, ms: number): Promise<ApiResponse> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      client.send(req),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Posts one payment until the station takes it: a station that is down, restarting or busy is
 * retried with the same body (the API is idempotent by orderNo), as a real backend would.
 */
async function postUntilTaken(
  client: () => ApiClient,
  p: PlannedPayment,
  callbackUrl: string,
  books: BackendBooks,
  giveUpAt: number,
  addToStream: ((body: Record<string, unknown>) => Promise<string>) | null,
): Promise<void> {
  const body = { orderNo: p.orderNo, amount: p.amount, qrCode: p.qrCode, callbackUrl, expiresInSec: 3600 };
  let gap = 100;
  let last = '';
  for (;;) {
    if (addToStream) {
      // Fleet mode: taken once Redis has the entry (a fresh signature and nonce each try).
      try {
        await addToStream(body);
        books.accepted.set(p.orderNo, Date.now());
        books.viaRedis.add(p.orderNo);
        return;
      } catch (err) {
        last = (err as Error).message;
      }
    } else
      try {
        const res = await sendWithin(client(), { method: 'POST', target: '/api/v1/payments', body }, 10_000);
        if (res.status === 202 || res.status === 200) {
          books.accepted.set(p.orderNo, Date.now());
          return;
        }
        last = `${res.status} ${res.text.slice(0, 200)}`;
        if (res.status !== 429 && res.status < 500) {
          books.refused.push({ orderNo: p.orderNo, status: res.status, text: res.text.slice(0, 300) });
          return;
        }
      } catch (err) {
        last = (err as Error).message;
      }
    books.retries++;
    if (Date.now() > giveUpAt) {
      books.givenUp.set(p.orderNo, last);
      return;
    }
    await sleep(gap);
    gap = Math.min(2000, gap * 2);
  }
}

/** Posts the planned payments at `rate` per second; resolves when each was taken or given up. */
export async function runBackend(options: {
  client: () => ApiClient;
  payments: readonly PlannedPayment[];
  rate: number;
  callbackUrl: string;
  books: BackendBooks;
  /** Stop starting new posts after this time (Unix ms). */
  postUntil: number;
  onPosted?: (n: number) => void;
  /** Fleet mode: every other payment goes to the Redis stream through this. */
  addToStream?: (body: Record<string, unknown>) => Promise<string>;
}): Promise<number> {
  const started = Date.now();
  const pending = new Set<Promise<void>>();
  let posted = 0;
  for (const p of options.payments) {
    if (Date.now() > options.postUntil) break;
    const due = started + (p.index * 1000) / options.rate;
    if (due > Date.now()) await sleep(due - Date.now());
    // Bounded: a station that is down does not pile up thousands of sockets.
    while (pending.size >= 64) await Promise.race(pending);
    const viaStream = options.addToStream && p.index % 2 === 0 ? options.addToStream : null;
    const job = postUntilTaken(
      options.client,
      p,
      options.callbackUrl,
      options.books,
      Date.now() + 120_000,
      viaStream,
    );
    pending.add(job);
    void job.finally(() => pending.delete(job));
    posted++;
    options.onPosted?.(posted);
  }
  await Promise.all(pending);
  return posted;
}

export function newBackendBooks(): BackendBooks {
  return { accepted: new Map(), givenUp: new Map(), retries: 0, refused: [], viaRedis: new Set() };
}
