import type { AdbEndpoint } from '../../src/main/core/adb/host-request';
import type { SimulatedPhone } from '../../src/sim/adb-device/simulated-phone';
import { createSimulatedPhone } from '../../src/sim/adb-device/simulated-phone';
import { DEVICE_PROFILES } from '../../src/sim/adb-device/profiles/device-profiles';
import type { AnsweredCommand, CommandBehavior, ReceivedCommand } from '../../src/sim/phone-app-simulator';
import type { Random } from './soak-random';
import { SOAK_TIMINGS } from './soak-station';

/** What the simulated Alipay does with one PAY. */
export type PlannedKind = 'pay' | 'fail' | 'never' | 'late' | 'too_fast';

/**
 * Shares of each behaviour. Every delay stays above the station's too-fast threshold and below its
 * result timeout, except `too_fast` (deliberately under the threshold), `never` and `late` (after
 * the station gave up, but inside the settle period whose second app restart drops it: the
 * defence docs/PHONE-PROTOCOL.md promises; later than that, only the amount check stands).
 */
export const BEHAVIOUR_SHARES: readonly [PlannedKind, number][] = [
  ['pay', 0.8],
  ['fail', 0.1],
  ['never', 0.03],
  ['late', 0.04],
  ['too_fast', 0.03],
];

/** The success text the reference flow gets from Alipay (the simulator's default wording). */
export const successText = (amount: string) => `你已成功付款${amount}元`;
/** A failure carrying the amount, so a failure can be traced to its own PAY too. */
export const failureText = (amount: string) => `付款失败，余额不足（${amount}元）`;

export interface PayRecord {
  phone: string;
  seq: number;
  generation: number;
  at: number;
  planned: PlannedKind;
}

export interface AnswerRecord extends AnsweredCommand {
  phone: string;
  at: number;
}

/** The truth the harness keeps: every PAY each phone app received and what it answered. */
export interface PhoneBooks {
  /** orderNo → every PAY of it, on any phone and app generation. */
  pays: Map<string, PayRecord[]>;
  /** `${phone}#${seq}` → what the app wrote on that PAY's connection. */
  answers: Map<string, AnswerRecord>;
  planned: Record<PlannedKind, number>;
  /** Notifications produced for a PAY that arrived after its handler was gone or into a new process. */
  lateDelivered: number;
  /** Commands whose QR code the harness could not read (should be 0). */
  unreadable: number;
}

export interface SoakPhone {
  readonly name: string;
  readonly sim: SimulatedPhone;
  /** PAYs received and not answered yet, in this app process. */
  readonly inFlight: number;
  plugged: boolean;
  /** The next PAY on this phone behaves like this (a fault). */
  forceNext(kind: PlannedKind): void;
}

export function readQr(msg: string): { orderNo: string; amount: string } | null {
  const q = msg.indexOf('?');
  if (q < 0) return null;
  const params = new URLSearchParams(msg.slice(q + 1));
  const orderNo = params.get('order');
  const amount = params.get('amount');
  return orderNo && amount ? { orderNo, amount } : null;
}

function draw(rng: Random): PlannedKind {
  let x = rng.next();
  for (const [kind, share] of BEHAVIOUR_SHARES) {
    if (x < share) return kind;
    x -= share;
  }
  return 'pay';
}

/** Profiles whose captures show a ready phone, in a stable order. */
export const READY_PROFILES = DEVICE_PROFILES.filter((p) => p.expect.state === 'ready').map((p) => p.id);

export function newBooks(): PhoneBooks {
  return {
    pays: new Map(),
    answers: new Map(),
    planned: { pay: 0, fail: 0, never: 0, late: 0, too_fast: 0 },
    lateDelivered: 0,
    unreadable: 0,
  };
}

export async function plugSoakPhones(
  count: number,
  adb: AdbEndpoint,
  rng: Random,
  books: PhoneBooks,
): Promise<SoakPhone[]> {
  const timeoutMs = SOAK_TIMINGS.resultTimeoutSec * 1000;
  const settleMs = SOAK_TIMINGS.settleSec * 1000;
  const minMs = SOAK_TIMINGS.minResultMs;
  const phones: SoakPhone[] = [];
  for (let i = 0; i < count; i++) {
    const profile = READY_PROFILES[i % READY_PROFILES.length];
    const phoneRng = rng.fork(100 + i);
    const forced: PlannedKind[] = [];
    const open = new Set<number>();
    const sim = createSimulatedPhone({ profile, model: `SOAK-${i + 1}` });
    const name = `SOAK-${i + 1} (${profile})`;

    const choose = (cmd: ReceivedCommand): CommandBehavior => {
      const qr = readQr(cmd.msg);
      const planned = forced.shift() ?? draw(phoneRng);
      books.planned[planned]++;
      if (!qr) {
        books.unreadable++;
        return { kind: 'never' };
      }
      const list = books.pays.get(qr.orderNo) ?? [];
      list.push({ phone: name, seq: cmd.seq, generation: cmd.generation, at: cmd.at, planned });
      books.pays.set(qr.orderNo, list);
      switch (planned) {
        case 'pay':
          return {
            kind: 'notify',
            afterMs: phoneRng.int(minMs + 100, timeoutMs - 800),
            text: successText(qr.amount),
          };
        case 'fail':
          return {
            kind: 'fail',
            afterMs: phoneRng.int(minMs + 100, timeoutMs - 800),
            text: failureText(qr.amount),
          };
        case 'never':
          return { kind: 'never' };
        case 'late':
          sim.app.notifyAfter(timeoutMs + phoneRng.int(300, settleMs - 700), successText(qr.amount), cmd.seq);
          return { kind: 'never' };
        case 'too_fast':
          return {
            kind: 'notify',
            afterMs: phoneRng.int(0, Math.max(0, minMs - 150)),
            text: successText(qr.amount),
          };
      }
    };
    sim.app.setBehaviorChooser(choose);
    sim.app.on('command', (cmd: ReceivedCommand) => open.add(cmd.seq));
    sim.app.on('answered', (a: AnsweredCommand) => {
      open.delete(a.cmd.seq);
      books.answers.set(`${name}#${a.cmd.seq}`, { ...a, phone: name, at: Date.now() });
      if (a.notification && a.notification.forSeq !== null && a.notification.forSeq !== a.cmd.seq)
        books.lateDelivered++;
    });
    sim.app.on('app-stopped', () => open.clear());
    await sim.listen();
    await sim.plugInto(adb);
    const phone: SoakPhone = {
      name,
      sim,
      get inFlight() {
        return open.size;
      },
      plugged: true,
      forceNext: (kind) => void forced.push(kind),
    };
    phones.push(phone);
  }
  return phones;
}
