import type { SoakAdb } from './soak-adb';
import type { SoakHub } from './soak-hub';
import type { FaultKind } from './soak-options';
import type { SoakPhone } from './soak-phones';
import type { Random } from './soak-random';
import type { SoakStation } from './soak-station';

export interface FaultRecord {
  kind: FaultKind;
  at: number;
  /** When the fault's effect was over (the phone replugged, the station ready…); null while it lasts. */
  endAt: number | null;
  /** The phone it hit; null for faults on the whole station. */
  phone: string | null;
  detail: string;
}

export interface FaultContext {
  rng: Random;
  phones: readonly SoakPhone[];
  adb: SoakAdb;
  /** Keeps every plugged phone on whatever adb server runs. */
  hub: SoakHub;
  station: SoakStation;
  receiver: { down(): Promise<void>; up(): Promise<void> };
  /** Fleet mode's Redis, when the soak runs in fleet mode. */
  redis: { kill(): Promise<void>; restart(): Promise<void> } | null;
  log: FaultRecord[];
  /** Phones the station has `ready` or `busy` (0 while it does not answer). */
  phonesInUse: () => Promise<number>;
  /** Problems the harness itself hit (a replug that never worked…), reported at the end. */
  trouble: string[];
  stopping: () => boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const QUICK_CHECK_MARK = '--cashier-station-quick-check--';

/** Deals every enabled kind once, in a random order, before any kind comes again. */
export function createFaultDeck(kinds: readonly FaultKind[], rng: Random): () => FaultKind {
  let deck: FaultKind[] = [];
  return () => {
    if (deck.length === 0) {
      deck = [...kinds];
      for (let i = deck.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [deck[i], deck[j]] = [deck[j], deck[i]];
      }
    }
    return deck.pop()!;
  };
}

/** How long a phone may take to be back on a running adb server before the harness counts trouble. */
const ATTACH_MS = 20_000;

/** How long an adb kill waits for the station to use every phone again before the next fault. */
const STATION_BACK_MS = 30_000;

/** Waits until the hub has every plugged phone of `phones` on the running server. */
async function reattached(ctx: FaultContext, phones: readonly SoakPhone[]): Promise<void> {
  const { missing, lastError } = await ctx.hub.attached(phones, ATTACH_MS);
  for (const name of missing)
    ctx.trouble.push(
      `${name}: not back on the adb server within ${ATTACH_MS / 1000} s (last error: ${lastError ?? 'none'})`,
    );
}

/** The cashier (or the ROM) starts an app the station did not revive within `ms`. */
function reviveLater(ctx: FaultContext, phone: SoakPhone, ms: number, rec: FaultRecord): void {
  void sleep(ms).then(() => {
    if (!phone.sim.app.running) {
      phone.sim.app.startApp();
      rec.detail += '; app restarted by the harness';
    } else rec.detail += '; app revived by the station';
    rec.endAt = Date.now();
  });
}

async function pickPhone(
  ctx: FaultContext,
  want: (p: SoakPhone) => boolean,
  waitMs: number,
): Promise<SoakPhone | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const candidates = ctx.phones.filter(want);
    if (candidates.length > 0) return ctx.rng.pick(candidates);
    if (Date.now() > deadline || ctx.stopping()) return null;
    await sleep(20);
  }
}

/** Injects one fault. Returns once it is injected; recoveries that take a while run on. */
export async function injectFault(ctx: FaultContext, kind: FaultKind): Promise<FaultRecord | null> {
  const { rng } = ctx;
  const record = (phone: SoakPhone | null, detail: string): FaultRecord => {
    const r: FaultRecord = { kind, at: Date.now(), endAt: null, phone: phone?.name ?? null, detail };
    ctx.log.push(r);
    return r;
  };
  switch (kind) {
    case 'app_crash_during': {
      const phone = await pickPhone(ctx, (p) => p.plugged && p.sim.app.running && p.inFlight > 0, 8000);
      if (!phone) return null;
      const rec = record(phone, 'the app process died with a PAY open');
      phone.sim.app.stopApp();
      reviveLater(ctx, phone, 8000, rec);
      return rec;
    }
    case 'app_crash_idle': {
      const phone = await pickPhone(ctx, (p) => p.plugged && p.sim.app.running && p.inFlight === 0, 8000);
      if (!phone) return null;
      const rec = record(phone, 'the app process died while idle');
      phone.sim.app.stopApp();
      reviveLater(ctx, phone, 8000, rec);
      return rec;
    }
    case 'slow_refusal': {
      const phone = await pickPhone(ctx, (p) => p.plugged && p.sim.app.running, 8000);
      if (!phone) return null;
      const refuseMs = rng.int(300, 900);
      phone.sim.openDelay.refuseMs = refuseMs;
      const refusalsBefore = phone.sim.appRefusals;
      const rec = record(phone, `armed: refusals come ${refuseMs} ms late`);
      // The ROM kills the app in the gap before the station's next OPEN: right after the app
      // answered a payment (the phone counts as checked for a few seconds, so no quick check
      // comes first), or right after a quick check saw the port listening. The OPEN is refused, late.
      const kill = (when: string) => {
        if (!rec.detail.startsWith('armed') || !phone.sim.app.running) return;
        offShell();
        phone.sim.app.off('answered', onAnswered);
        rec.detail = `the app died ${when}; refusals come ${refuseMs} ms late`;
        setImmediate(() => phone.sim.app.stopApp());
        void sleep(6000).then(() => {
          rec.detail += `; ${phone.sim.appRefusals - refusalsBefore} OPENs refused`;
        });
        reviveLater(ctx, phone, 8000, rec);
      };
      const onAnswered = (a: { peerGone: boolean }) => {
        if (!a.peerGone) kill('right after answering a payment');
      };
      phone.sim.app.on('answered', onAnswered);
      const offShell = phone.sim.onShell((line) => {
        if (line.includes(QUICK_CHECK_MARK)) kill('between the quick check and the OPEN');
      });
      // Stays armed until it fires (the phone may be unplugged meanwhile); disarmed when posting stops.
      void (async () => {
        while (!ctx.stopping() && rec.detail.startsWith('armed')) await sleep(200);
        if (rec.detail.startsWith('armed')) {
          offShell();
          phone.sim.app.off('answered', onAnswered);
          rec.detail = 'not triggered: no payment on that phone before the end';
          rec.endAt = Date.now();
        }
      })();
      return rec;
    }
    case 'unplug': {
      const phone = await pickPhone(ctx, (p) => p.plugged, 1000);
      if (!phone) return null;
      const during = phone.inFlight > 0;
      const rec = record(phone, during ? 'cable pulled with a PAY open' : 'cable pulled while idle');
      phone.plugged = false;
      await phone.sim.unplug();
      void sleep(rng.int(500, 4000)).then(async () => {
        phone.plugged = true;
        await reattached(ctx, [phone]);
        rec.endAt = Date.now();
      });
      return rec;
    }
    case 'adb_kill': {
      const rec = record(null, 'adb server SIGKILLed');
      await ctx.adb.killAll();
      const by = await ctx.adb.ensureUp(4000);
      rec.detail += `; restarted by the ${by}`;
      // USB phones come back by themselves on a new server; these are attached over TCP, so the
      // hub reattaches them. The next fault waits until it has and the station uses them again:
      // kills every few seconds would otherwise keep every phone offline for good (the station
      // backs off up to 5 s and, seeing the server killed three times a minute, leaves restarting
      // it to the harness), and the run would only end when the faults do.
      await reattached(ctx, ctx.phones);
      const want = ctx.phones.filter((p) => p.plugged).length;
      const t = Date.now();
      let seen = await ctx.phonesInUse();
      while (seen < want && Date.now() - t < STATION_BACK_MS && !ctx.stopping()) {
        await sleep(200);
        seen = await ctx.phonesInUse();
      }
      rec.detail +=
        seen >= want
          ? `; the station used every phone again after ${Date.now() - t} ms`
          : `; the station used ${seen} of ${want} phones after ${STATION_BACK_MS / 1000} s`;
      rec.endAt = Date.now();
      return rec;
    }
    case 'late_notification': {
      const phone = rng.pick(ctx.phones);
      phone.forceNext('late');
      return record(phone, "the next PAY's notification comes after the station gave up");
    }
    case 'station_kill': {
      const rec = record(null, 'station process group SIGKILLed');
      await ctx.station.killGroup();
      await sleep(rng.int(200, 2000));
      await ctx.station.start();
      rec.endAt = Date.now();
      return rec;
    }
    case 'redis_kill': {
      if (!ctx.redis) return null;
      const ms = rng.int(500, 3000);
      const rec = record(null, `redis-server SIGKILLed, back (AOF replayed) after ${ms} ms`);
      await ctx.redis.kill();
      await sleep(ms);
      await ctx.redis.restart();
      rec.endAt = Date.now();
      return rec;
    }
    case 'callback_down': {
      const ms = rng.int(1500, 6000);
      const rec = record(null, `callback receiver down for ${ms} ms`);
      await ctx.receiver.down();
      void sleep(ms).then(async () => {
        await ctx.receiver.up();
        rec.endAt = Date.now();
      });
      return rec;
    }
  }
}
