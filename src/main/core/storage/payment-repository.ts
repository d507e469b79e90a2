import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { PaymentStatus, ReviewReason } from '../../../shared/domain/payment-status';
import type { paymentRecordSchema } from '../../../shared/domain/records';

/**
 * A payment as stored: the shared record (integer fen, epoch-ms times) plus the hash of the
 * creating request's canonical body, for idempotency by orderNo. The engine's `Payment`.
 */
export type StoredPayment = z.infer<typeof paymentRecordSchema> & { requestHash: string };
type Payment = StoredPayment;

interface PaymentRow {
  id: number;
  order_no: string;
  status: PaymentStatus;
  amount_fen: number;
  qr_code: string;
  pinned_serial: string | null;
  device_serial: string | null;
  callback_url: string | null;
  notification_text: string | null;
  review_reason: ReviewReason | null;
  review_detail: string | null;
  cancel_requested: number;
  refund_needed: number;
  resolution_status: 'succeeded' | 'failed' | null;
  resolution_note: string | null;
  resolution_by: string | null;
  resolution_at: number | null;
  expires_at: number;
  created_at: number;
  updated_at: number;
  request_hash: string;
}

function toPayment(r: PaymentRow): Payment {
  return {
    orderNo: r.order_no,
    status: r.status,
    amountFen: r.amount_fen,
    qrCode: r.qr_code,
    deviceSerial: r.device_serial,
    pinnedSerial: r.pinned_serial,
    callbackUrl: r.callback_url,
    notificationText: r.notification_text,
    review:
      r.review_reason === null
        ? null
        : r.review_detail === null
          ? { reason: r.review_reason }
          : { reason: r.review_reason, detail: r.review_detail },
    cancelRequested: r.cancel_requested === 1,
    refundNeeded: r.refund_needed === 1,
    resolution:
      r.resolution_status === null
        ? null
        : {
            status: r.resolution_status,
            note: r.resolution_note ?? '',
            by: r.resolution_by ?? '',
            at: r.resolution_at ?? 0,
          },
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    requestHash: r.request_hash,
  };
}

function toParams(p: Payment) {
  return {
    order_no: p.orderNo,
    status: p.status,
    amount_fen: p.amountFen,
    qr_code: p.qrCode,
    pinned_serial: p.pinnedSerial,
    device_serial: p.deviceSerial,
    callback_url: p.callbackUrl,
    notification_text: p.notificationText,
    review_reason: p.review?.reason ?? null,
    review_detail: p.review?.detail ?? null,
    cancel_requested: p.cancelRequested ? 1 : 0,
    refund_needed: p.refundNeeded ? 1 : 0,
    resolution_status: p.resolution?.status ?? null,
    resolution_note: p.resolution?.note ?? null,
    resolution_by: p.resolution?.by ?? null,
    resolution_at: p.resolution?.at ?? null,
    expires_at: p.expiresAt,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    request_hash: p.requestHash,
  };
}

const COLUMNS = Object.keys(toParams({} as Payment));

export interface PaymentPage {
  payments: Payment[];
  /** The id of the last row, to continue after; null on the last page. */
  nextAfterId: number | null;
}

export interface PaymentRepository {
  insert(p: Payment): void;
  get(orderNo: string): Payment | undefined;
  /**
   * Writes the whole payment, but only if its stored status is still `expected`. Returns false
   * when someone else moved it first, so two writers can never both win a transition.
   */
  replace(p: Payment, expected: PaymentStatus): boolean;
  withStatus(statuses: readonly PaymentStatus[]): Payment[];
  page(query: { status?: PaymentStatus; limit: number; beforeId?: number }): PaymentPage;
  countByStatus(): Record<string, number>;
}

export function createPaymentRepository(db: Database): PaymentRepository {
  const insert = db.prepare(
    `INSERT INTO payments (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`,
  );
  const get = db.prepare('SELECT * FROM payments WHERE order_no = ?');
  const replace = db.prepare(
    `UPDATE payments SET ${COLUMNS.filter((c) => c !== 'order_no')
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE order_no = @order_no AND status = @expected`,
  );
  const pageAll = db.prepare('SELECT * FROM payments WHERE id < ? ORDER BY id DESC LIMIT ?');
  const pageStatus = db.prepare(
    'SELECT * FROM payments WHERE status = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  const counts = db.prepare('SELECT status, COUNT(*) AS n FROM payments GROUP BY status');

  return {
    insert: (p) => void insert.run(toParams(p)),
    get: (orderNo) => {
      const r = get.get(orderNo) as PaymentRow | undefined;
      return r ? toPayment(r) : undefined;
    },
    replace: (p, expected) => replace.run({ ...toParams(p), expected }).changes === 1,
    withStatus: (statuses) => {
      if (statuses.length === 0) return [];
      const rows = db
        .prepare(`SELECT * FROM payments WHERE status IN (${statuses.map(() => '?').join(',')}) ORDER BY id`)
        .all(...statuses) as PaymentRow[];
      return rows.map(toPayment);
    },
    page: ({ status, limit, beforeId }) => {
      const before = beforeId ?? Number.MAX_SAFE_INTEGER;
      // One row more than asked tells whether there is a next page without a COUNT.
      const rows = (
        status ? pageStatus.all(status, before, limit + 1) : pageAll.all(before, limit + 1)
      ) as PaymentRow[];
      const more = rows.length > limit;
      const slice = more ? rows.slice(0, limit) : rows;
      return { payments: slice.map(toPayment), nextAfterId: more ? slice[slice.length - 1].id : null };
    },
    countByStatus: () => {
      const out: Record<string, number> = {};
      for (const r of counts.all() as { status: string; n: number }[]) out[r.status] = r.n;
      return out;
    },
  };
}
