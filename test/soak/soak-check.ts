import type { ReceivedCallback } from '../../src/demo/callback-receiver';
import { FAULT_KINDS } from './soak-options';
import type { FaultKind, SoakOptions } from './soak-options';
import type { FaultRecord } from './soak-faults';
import type { BackendBooks } from './soak-backend';
import type { PhoneBooks, PlannedKind } from './soak-phones';
import { SOAK_TIMINGS } from './soak-station';
import type { FleetResult } from './soak-fleet';

/** A payment as `GET /api/v1/payments` lists it (the fields the checks read). */
export interface StationPayment {
  orderNo: string;
  status: string;
  amount: string;
  deviceSerial: string | null;
  notificationText: string | null;
  review: { reason: string; detail?: string } | null;
  resolution: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface SoakReport {
  seed: number;
  options: SoakOptions;
  seconds: number;
  payments: {
    planned: number;
    posted: number;
    accepted: number;
    givenUp: number;
    refused: number;
    retries: number;
  };
  faults: Record<FaultKind, number>;
  faultsNotTriggered: number;
  behaviours: Record<PlannedKind, number>;
  finals: Record<string, number>;
  unknownByReason: Record<string, number>;
  /** Stale notifications that reached another PAY's connection: the hazard fired, the station must catch each. */
  staleAnswers: number;
  lost: string[];
  notFinal: string[];
  paidTwice: { orderNo: string; pays: string[] }[];
  misattributed: { orderNo: string; status: string; why: string }[];
  unexplained: { orderNo: string; reason: string; detail: string; truth: string }[];
  callbacks: {
    received: number;
    events: number;
    redelivered: number;
    missing: string[];
    extra: string[];
    badSignature: number;
  };
  leftovers: { processes: string[]; forwards: string[] };
  trouble: string[];
  /** Fleet mode: the payments added to Redis, and their results on the results stream. */
  fleet: {
    viaRedis: number;
    resultEntries: number;
    /** Final states of Redis payments with no verified result entry. */
    missingResults: string[];
    badSignatures: number;
    refused: string[];
  } | null;
  ok: boolean;
}

export interface CheckInput {
  options: SoakOptions;
  seconds: number;
  plannedCount: number;
  posted: number;
  backend: BackendBooks;
  phones: PhoneBooks;
  /** Phone name → adb serial. */
  serials: Map<string, string>;
  faults: readonly FaultRecord[];
  station: readonly StationPayment[];
  callbacks: readonly ReceivedCallback[];
  leftovers: { processes: string[]; forwards: string[] };
  trouble: string[];
  /** Fleet mode's results stream, read at the end; null when not in fleet mode. */
  fleetResults?: readonly FleetResult[] | null;
}

const ms = (isoTime: string) => Date.parse(isoTime);
const iso = (t: number) => new Date(t).toISOString().slice(11, 23);

/** The invariants of issue 15, checked from the phones' own books and the station's API. */
export function checkSoak(input: CheckInput): SoakReport {
  const { phones, faults } = input;
  const byOrder = new Map(input.station.map((p) => [p.orderNo, p]));
  const faultCounts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  let notTriggered = 0;
  for (const f of faults) {
    if (f.detail.startsWith('not triggered')) notTriggered++;
    else faultCounts[f.kind]++;
  }
  const finals: Record<string, number> = {};
  const unknownByReason: Record<string, number> = {};
  const lost: string[] = [];
  const notFinal: string[] = [];
  const paidTwice: SoakReport['paidTwice'] = [];
  const misattributed: SoakReport['misattributed'] = [];
  const unexplained: SoakReport['unexplained'] = [];

  for (const orderNo of input.backend.accepted.keys()) if (!byOrder.has(orderNo)) lost.push(orderNo);
  for (const [orderNo, pays] of phones.pays) {
    if (pays.length > 1)
      paidTwice.push({ orderNo, pays: pays.map((p) => `${p.phone}#${p.seq} gen ${p.generation}`) });
  }

  const faultIn = (p: StationPayment, phone: string | null, kinds: readonly FaultKind[]) => {
    const from = ms(p.createdAt) - 200;
    const to = ms(p.updatedAt) + 200;
    return faults.some(
      (f) =>
        kinds.includes(f.kind) &&
        f.at <= to &&
        (f.endAt ?? Number.MAX_SAFE_INTEGER) >= from &&
        (f.phone === null || phone === null || f.phone === phone),
    );
  };

  /** What the phones and the fault log say about one payment, for the report. */
  const truthOf = (p: StationPayment): string => {
    const created = ms(p.createdAt);
    const parts = [
      `created ${iso(created)}, last change +${ms(p.updatedAt) - created} ms on ${p.deviceSerial}`,
    ];
    for (const pay of phones.pays.get(p.orderNo) ?? []) {
      const a = phones.answers.get(`${pay.phone}#${pay.seq}`);
      parts.push(
        `PAY ${pay.phone}#${pay.seq} gen ${pay.generation} at +${pay.at - created} ms planned ${pay.planned}; ` +
          (a
            ? `answered +${a.at - pay.at} ms after it with notification for #${a.notification?.forSeq ?? 'none'}${a.peerGone ? ' to a closed connection' : ''}`
            : 'never answered'),
      );
    }
    const near = faults.filter(
      (f) => f.at <= ms(p.updatedAt) + 2000 && (f.endAt ?? Infinity) >= created - 2000,
    );
    for (const f of near)
      parts.push(
        `fault ${f.kind} ${f.phone ?? ''} at +${f.at - created} ms${f.endAt ? ` until +${f.endAt - created} ms` : ''}: ${f.detail}`,
      );
    return parts.join(' | ');
  };

  for (const p of input.station) {
    finals[p.status] = (finals[p.status] ?? 0) + 1;
    if (['queued', 'dispatching', 'awaiting_result'].includes(p.status))
      notFinal.push(`${p.orderNo} ${p.status}`);
    const pays = phones.pays.get(p.orderNo) ?? [];
    const pay = pays[0];
    const answer = pay ? phones.answers.get(`${pay.phone}#${pay.seq}`) : undefined;
    const own = answer?.notification?.forSeq === pay?.seq;

    if (p.status === 'succeeded' || p.status === 'failed') {
      const why: string[] = [];
      if (p.resolution) why.push('resolved by hand in a soak');
      if (pays.length !== 1) why.push(`${pays.length} PAYs reached the phones`);
      if (pay && input.serials.get(pay.phone) !== p.deviceSerial)
        why.push(`PAYed on ${pay.phone}, recorded on ${p.deviceSerial}`);
      if (pay && !answer) why.push('its PAY was never answered by the app');
      if (answer && answer.peerGone) why.push("the app's answer went to a closed connection");
      if (answer && !own)
        why.push(
          `answered with a notification produced for PAY #${answer.notification?.forSeq ?? 'none'}, not its own #${pay!.seq}`,
        );
      if (answer && answer.text !== p.notificationText)
        why.push(`the station recorded "${p.notificationText}", the app wrote "${answer.text}"`);
      const expected: PlannedKind[] = p.status === 'succeeded' ? ['pay', 'too_fast'] : ['fail'];
      if (pay && !expected.includes(pay.planned)) why.push(`the phone planned "${pay.planned}"`);
      if (why.length > 0)
        misattributed.push({
          orderNo: p.orderNo,
          status: p.status,
          why: `${why.join('; ')} | ${truthOf(p)}`,
        });
    }

    if (p.status === 'unknown') {
      const reason = p.review?.reason ?? '(none)';
      unknownByReason[reason] = (unknownByReason[reason] ?? 0) + 1;
      const detail = p.review?.detail ?? '';
      let explained = detail.trim() !== '';
      switch (reason) {
        case 'in_flight_at_restart':
          explained &&= faultIn(p, null, ['station_kill']);
          break;
        case 'timeout':
          explained &&=
            pay !== undefined &&
            (!answer ||
              answer.peerGone ||
              // The phone's clock runs from reading the PAY to writing the answer, the station's
              // from writing to reading: on a loaded machine the two differ by the transit and
              // event-loop lag. Only an answer well inside the timeout makes a timeout suspect.
              answer.at - pay.at >= SOAK_TIMINGS.resultTimeoutSec * 1000 - 1000 ||
              faultIn(p, pay.phone, ['app_crash_during', 'unplug', 'adb_kill']));
          break;
        case 'connection_lost':
          explained &&= faultIn(p, pay?.phone ?? null, [
            'app_crash_during',
            'app_crash_idle',
            'slow_refusal',
            'unplug',
            'adb_kill',
          ]);
          break;
        case 'result_too_fast':
          explained &&= answer !== undefined && (pay!.planned === 'too_fast' || !own);
          break;
        case 'amount_mismatch':
          explained &&= answer !== undefined && !own;
          break;
        default:
          explained = false;
      }
      if (!explained) unexplained.push({ orderNo: p.orderNo, reason, detail, truth: truthOf(p) });
    }
  }

  // Callbacks: each final state exactly once after deduplication by eventId.
  const good = input.callbacks.filter((c) => c.signatureOk);
  const events = new Map<string, ReceivedCallback>();
  let redelivered = 0;
  for (const c of good) {
    if (events.has(c.eventId)) redelivered++;
    else events.set(c.eventId, c);
  }
  const perOrder = new Map<string, ReceivedCallback[]>();
  for (const c of events.values()) perOrder.set(c.orderNo, [...(perOrder.get(c.orderNo) ?? []), c]);
  const missing: string[] = [];
  const extra: string[] = [];
  for (const p of input.station) {
    const got = perOrder.get(p.orderNo) ?? [];
    const final = !['queued', 'dispatching', 'awaiting_result'].includes(p.status);
    if (final && got.length === 0) missing.push(`${p.orderNo} ${p.status}`);
    if (got.length > 1) extra.push(`${p.orderNo}: ${got.map((c) => c.status).join(', ')}`);
    if (got.length === 1 && got[0].status !== p.status)
      extra.push(`${p.orderNo}: told ${got[0].status}, is ${p.status}`);
  }
  for (const orderNo of perOrder.keys()) if (!byOrder.has(orderNo)) extra.push(`${orderNo}: no such payment`);

  let fleet: SoakReport['fleet'] = null;
  if (input.fleetResults) {
    const verified = input.fleetResults.filter((r) => r.signatureOk);
    const events = new Set(verified.map((r) => r.eventId));
    const missingResults: string[] = [];
    for (const orderNo of input.backend.viaRedis) {
      const p = byOrder.get(orderNo);
      if (
        p &&
        !['queued', 'dispatching', 'awaiting_result'].includes(p.status) &&
        !events.has(`${orderNo}:${p.status}`)
      )
        missingResults.push(`${orderNo} ${p.status}`);
    }
    fleet = {
      viaRedis: input.backend.viaRedis.size,
      resultEntries: input.fleetResults.length,
      missingResults,
      badSignatures: input.fleetResults.length - verified.length,
      refused: verified.filter((r) => r.error !== null).map((r) => `${r.eventId} ${r.error}`),
    };
  }

  const report: SoakReport = {
    seed: input.options.seed,
    options: input.options,
    seconds: input.seconds,
    payments: {
      planned: input.plannedCount,
      posted: input.posted,
      accepted: input.backend.accepted.size,
      givenUp: input.backend.givenUp.size,
      refused: input.backend.refused.length,
      retries: input.backend.retries,
    },
    faults: faultCounts,
    faultsNotTriggered: notTriggered,
    behaviours: phones.planned,
    finals,
    unknownByReason,
    staleAnswers: phones.lateDelivered,
    lost,
    notFinal,
    paidTwice,
    misattributed,
    unexplained,
    callbacks: {
      received: input.callbacks.length,
      events: events.size,
      redelivered,
      missing,
      extra,
      badSignature: input.callbacks.length - good.length,
    },
    leftovers: input.leftovers,
    trouble: input.trouble,
    fleet,
    ok: false,
  };
  report.ok =
    lost.length === 0 &&
    notFinal.length === 0 &&
    paidTwice.length === 0 &&
    misattributed.length === 0 &&
    unexplained.length === 0 &&
    missing.length === 0 &&
    extra.length === 0 &&
    report.callbacks.badSignature === 0 &&
    input.backend.refused.length === 0 &&
    input.backend.givenUp.size === 0 &&
    phones.unreadable === 0 &&
    input.leftovers.processes.length === 0 &&
    input.leftovers.forwards.length === 0 &&
    input.trouble.length === 0 &&
    (fleet === null ||
      (fleet.missingResults.length === 0 && fleet.badSignatures === 0 && fleet.refused.length === 0));
  return report;
}

/** The table the soak prints. */
export function formatReport(r: SoakReport): string {
  const rows: [string, string][] = [];
  const add = (k: string, v: string | number) => rows.push([k, String(v)]);
  add('seed', r.seed);
  add('time', `${r.seconds.toFixed(0)} s`);
  add('phones', r.options.phones);
  add(
    'payments planned / posted / accepted',
    `${r.payments.planned} / ${r.payments.posted} / ${r.payments.accepted}`,
  );
  add('posts retried (station down or busy)', r.payments.retries);
  add('given up / refused by the station', `${r.payments.givenUp} / ${r.payments.refused}`);
  for (const k of FAULT_KINDS) add(`fault: ${k}`, r.faults[k]);
  if (r.faultsNotTriggered > 0) add('faults armed but not triggered', r.faultsNotTriggered);
  add(
    'phone behaviours',
    Object.entries(r.behaviours)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  );
  for (const [k, v] of Object.entries(r.finals).sort()) add(`final: ${k}`, v);
  for (const [k, v] of Object.entries(r.unknownByReason).sort()) add(`unknown: ${k}`, v);
  add('stale notifications that reached another PAY', r.staleAnswers);
  add('LOST', r.lost.length);
  add('not final at the end', r.notFinal.length);
  add('PAYED TWICE', r.paidTwice.length);
  add('MISATTRIBUTED', r.misattributed.length);
  add('unknown without an explaining reason', r.unexplained.length);
  add(
    'callbacks received / distinct events / redelivered',
    `${r.callbacks.received} / ${r.callbacks.events} / ${r.callbacks.redelivered}`,
  );
  add(
    'callbacks missing / extra / bad signature',
    `${r.callbacks.missing.length} / ${r.callbacks.extra.length} / ${r.callbacks.badSignature}`,
  );
  if (r.fleet) {
    add('fleet: payments added to Redis / result entries', `${r.fleet.viaRedis} / ${r.fleet.resultEntries}`);
    add(
      'fleet: results missing / bad signature / refused',
      `${r.fleet.missingResults.length} / ${r.fleet.badSignatures} / ${r.fleet.refused.length}`,
    );
  }
  add('processes / forwards left behind', `${r.leftovers.processes.length} / ${r.leftovers.forwards.length}`);
  add('harness trouble', r.trouble.length);
  add('RESULT', r.ok ? 'ok: every invariant holds' : 'FAILED');
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v} |`);
  const detail = (title: string, items: readonly unknown[]) =>
    items.length === 0
      ? []
      : [
          `${title} (first 10 of ${items.length}):`,
          ...items.slice(0, 10).map((i) => `  ${JSON.stringify(i)}`),
        ];
  return [
    ...lines,
    ...detail('lost', r.lost),
    ...detail('not final', r.notFinal),
    ...detail('paid twice', r.paidTwice),
    ...detail('misattributed', r.misattributed),
    ...detail('unexplained unknowns', r.unexplained),
    ...detail('callbacks missing', r.callbacks.missing),
    ...detail('callbacks extra', r.callbacks.extra),
    ...detail('processes left', r.leftovers.processes),
    ...detail('forwards left', r.leftovers.forwards),
    ...detail('harness trouble', r.trouble),
    ...detail('fleet results missing', r.fleet?.missingResults ?? []),
    ...detail('fleet entries refused', r.fleet?.refused ?? []),
  ].join('\n');
}
