import { describe, expect, it } from 'vitest';
import type { CheckInput, StationPayment } from '../../soak/soak-check';
import { checkSoak } from '../../soak/soak-check';
import { newBackendBooks } from '../../soak/soak-backend';
import { parseSoakArgs, SOAK_DEFAULTS, SoakArgsError } from '../../soak/soak-options';
import type { PlannedKind } from '../../soak/soak-phones';
import { newBooks } from '../../soak/soak-phones';

// The soak's checks must be able to fail: each invariant is fed a run that breaks it.

const T = Date.parse('2026-12-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function payment(orderNo: string, status: string, extra: Partial<StationPayment> = {}): StationPayment {
  return {
    orderNo,
    status,
    amount: '10.00',
    deviceSerial: '127.0.0.1:5001',
    notificationText: status === 'succeeded' ? '你已成功付款10.00元' : null,
    review: null,
    resolution: null,
    createdAt: iso(T),
    updatedAt: iso(T + 1500),
    ...extra,
  };
}

/** A run with one phone P whose PAY #seq for `orderNo` was answered with notification `forSeq`. */
function input(): CheckInput & {
  pay: (
    orderNo: string,
    seq: number,
    forSeq: number | null,
    planned?: PlannedKind,
    answerMs?: number,
  ) => void;
} {
  const phones = newBooks();
  const backend = newBackendBooks();
  const base: CheckInput = {
    options: SOAK_DEFAULTS,
    seconds: 1,
    plannedCount: 0,
    posted: 0,
    backend,
    phones,
    serials: new Map([['P', '127.0.0.1:5001']]),
    faults: [],
    station: [],
    callbacks: [],
    leftovers: { processes: [], forwards: [] },
    trouble: [],
  };
  return {
    ...base,
    pay(orderNo, seq, forSeq, planned = 'pay', answerMs = 800) {
      const list = phones.pays.get(orderNo) ?? [];
      list.push({ phone: 'P', seq, generation: 1, at: T + 10, planned });
      phones.pays.set(orderNo, list);
      if (forSeq === null) return;
      const text = '你已成功付款10.00元';
      phones.answers.set(`P#${seq}`, {
        phone: 'P',
        at: T + 10 + answerMs,
        cmd: { seq, at: T + 10, groupId: 1, msg: '', raw: '', generation: 1 },
        text,
        notification: { id: seq, text, forSeq, generation: 1, at: T + 10 + answerMs },
        peerGone: false,
      });
    },
  };
}

function withCallbacks(i: CheckInput): CheckInput {
  return {
    ...i,
    callbacks: i.station.map((p, n) => ({
      eventId: `e${n}`,
      orderNo: p.orderNo,
      status: p.status,
      amount: p.amount,
      reason: null,
      signatureOk: true,
    })),
  };
}

describe('soak invariants', () => {
  it('passes a clean run', () => {
    const i = input();
    i.pay('A', 1, 1);
    i.backend.accepted.set('A', T);
    const r = checkSoak(withCallbacks({ ...i, station: [payment('A', 'succeeded')] }));
    expect(r.ok).toBe(true);
  });

  it('flags a success answered with the notification of another PAY of the same amount', () => {
    const i = input();
    i.pay('A', 1, null, 'never');
    i.pay('B', 2, 1);
    const r = checkSoak(
      withCallbacks({
        ...i,
        station: [
          payment('A', 'unknown', { review: { reason: 'timeout', detail: 'x' } }),
          payment('B', 'succeeded'),
        ],
      }),
    );
    expect(r.misattributed).toEqual([
      expect.objectContaining({
        orderNo: 'B',
        why: expect.stringContaining('produced for PAY #1, not its own #2'),
      }),
    ]);
    expect(r.ok).toBe(false);
  });

  it('flags a payment PAYed twice, one accepted but missing, one never final, and a missing callback', () => {
    const i = input();
    i.pay('A', 1, 1);
    i.pay('A', 2, 2);
    i.backend.accepted.set('LOST', T);
    const r = checkSoak({ ...i, station: [payment('A', 'succeeded'), payment('Q', 'queued')] });
    expect(r.paidTwice).toEqual([{ orderNo: 'A', pays: ['P#1 gen 1', 'P#2 gen 1'] }]);
    expect(r.lost).toEqual(['LOST']);
    expect(r.notFinal).toEqual(['Q queued']);
    expect(r.callbacks.missing).toEqual(['A succeeded']);
  });

  it('flags an unknown whose reason the truth does not bear out', () => {
    const i = input();
    // The phone answered its own PAY in 100 ms, yet the station says timeout; no fault anywhere.
    i.pay('A', 1, 1, 'pay', 100);
    // A restart reason with no station kill.
    i.pay('B', 2, 2);
    const r = checkSoak(
      withCallbacks({
        ...i,
        station: [
          payment('A', 'unknown', { review: { reason: 'timeout', detail: 'no result within 2000 ms' } }),
          payment('B', 'unknown', {
            review: { reason: 'in_flight_at_restart', detail: 'was awaiting_result' },
          }),
        ],
      }),
    );
    expect(r.unexplained.map((u) => u.orderNo)).toEqual(['A', 'B']);
  });

  it('accepts a restart reason when a station kill happened while the payment was open', () => {
    const i = input();
    i.pay('B', 2, null, 'never');
    const r = checkSoak(
      withCallbacks({
        ...i,
        faults: [{ kind: 'station_kill', at: T + 500, endAt: T + 4000, phone: null, detail: '' }],
        station: [
          payment('B', 'unknown', {
            review: { reason: 'in_flight_at_restart', detail: 'was awaiting_result' },
          }),
        ],
      }),
    );
    expect(r.unexplained).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('flags two distinct events for one payment, and a callback with the wrong state', () => {
    const i = input();
    i.pay('A', 1, 1);
    const r = checkSoak({
      ...i,
      station: [payment('A', 'succeeded')],
      callbacks: [
        {
          eventId: 'e1',
          orderNo: 'A',
          status: 'succeeded',
          amount: '10.00',
          reason: null,
          signatureOk: true,
        },
        {
          eventId: 'e1',
          orderNo: 'A',
          status: 'succeeded',
          amount: '10.00',
          reason: null,
          signatureOk: true,
        },
        { eventId: 'e2', orderNo: 'A', status: 'failed', amount: '10.00', reason: null, signatureOk: true },
      ],
    });
    expect(r.callbacks.redelivered).toBe(1);
    expect(r.callbacks.extra).toEqual(['A: succeeded, failed']);
  });
});

describe('soak options', () => {
  it('reads the flags of the long run', () => {
    expect(parseSoakArgs(['--', '--payments', '10000', '--phones', '4', '--fault-every', '3'])).toMatchObject(
      {
        payments: 10000,
        phones: 4,
        faultEverySec: 3,
      },
    );
    expect(parseSoakArgs(['--faults', 'unplug,adb_kill'])?.faults).toEqual(['unplug', 'adb_kill']);
    expect(parseSoakArgs(['--help'])).toBeNull();
  });

  it('refuses bad values with the flag named', () => {
    expect(() => parseSoakArgs(['--payments', '0'])).toThrow(
      new SoakArgsError('--payments must be between 1 and 1000000, not 0'),
    );
    expect(() => parseSoakArgs(['--phones', 'many'])).toThrow('--phones needs a whole number');
    expect(() => parseSoakArgs(['--faults', 'meteor'])).toThrow(/unknown kind meteor/);
    expect(() => parseSoakArgs(['--rate'])).toThrow('--rate needs a value');
    expect(() => parseSoakArgs(['--bogus'])).toThrow('unknown option --bogus');
  });
});
