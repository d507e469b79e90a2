import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPaymentLedger } from '../../../src/main/core/payments/payment-ledger';
import type { Payment } from '../../../src/main/core/payments/payment-types';
import type { Storage } from '../../../src/main/core/storage/storage';
import { openStorage } from '../../../src/main/core/storage/storage';
import { createManualClock } from '../../../src/main/core/util/clock';
import { makeTempDir } from '../../support/temp-dir';

// A new payment that a free phone takes in its create is stored in one step (insertDispatching).
// It must leave exactly the rows that the two steps it replaces leave: insert as queued, then
// move to dispatching. Both are run on real SQLite files and their rows compared.

const opened: { storage: Storage; cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    o.storage.close();
    o.cleanup();
  }
});

function open(): Storage {
  const tmp = makeTempDir('ledger-');
  const storage = openStorage({ file: path.join(tmp.dir, 'station.db') });
  opened.push({ storage, cleanup: tmp.cleanup });
  return storage;
}

const AT = 1_764_000_000_000;
const clock = createManualClock(AT);

const newPayment = (orderNo: string, pinnedSerial: string | null): Payment => ({
  orderNo,
  status: 'queued',
  amountFen: 1250,
  qrCode: `https://qr.alipay.com/fkx?o=${orderNo}`,
  deviceSerial: pinnedSerial,
  pinnedSerial,
  callbackUrl: 'http://127.0.0.1:9/cb',
  notificationText: null,
  review: null,
  cancelRequested: false,
  refundNeeded: false,
  resolution: null,
  expiresAt: AT + 120_000,
  createdAt: AT,
  updatedAt: AT,
  requestHash: 'hash',
});

describe('ledger.insertDispatching', () => {
  it.each([
    ['unpinned', null],
    ['pinned', 'PHONE-1'],
  ])('leaves the same payment and attempt rows as insert + dispatching (%s)', (_name, pinned) => {
    const twoSteps = open();
    const oneStep = open();
    const ledgerA = createPaymentLedger(twoSteps, clock);
    const ledgerB = createPaymentLedger(oneStep, clock);
    const a = twoSteps.transaction(() => {
      ledgerA.insert(newPayment('P1', pinned));
      return ledgerA.dispatching('P1', 'PHONE-1');
    });
    const b = oneStep.transaction(() => ledgerB.insertDispatching(newPayment('P1', pinned), 'PHONE-1'));
    expect(a).not.toBeNull();
    expect(b.payment).toEqual(a!.payment);
    expect(b.attemptId).toBe(a!.attemptId);
    expect(oneStep.payments.get('P1')).toEqual(twoSteps.payments.get('P1'));
    expect(oneStep.payments.get('P1')).toMatchObject({ status: 'dispatching', deviceSerial: 'PHONE-1' });
    expect(oneStep.attempts.forPayment('P1')).toEqual(twoSteps.attempts.forPayment('P1'));
    expect(oneStep.attempts.forPayment('P1')).toHaveLength(1);
  });
});
