import type { AdbForward, AdbPort } from '../adb/adb-port';
import { AdbPortInUseError } from '../adb/adb-errors';
import type { PortStore } from './device-types';

/** An inclusive range of local ports the station may forward from. */
export interface PortRange {
  from: number;
  to: number;
}

export interface ForwardAllocatorOptions {
  adb: AdbPort;
  store: PortStore;
  range: PortRange;
  /** e.g. `tcp:10010` */
  remote: string;
}

/** Thrown when no port of the range can be bound. */
export class NoFreeForwardPortError extends Error {
  readonly code = 'NO_FREE_FORWARD_PORT';
  constructor(range: PortRange, tried: number) {
    super(
      `No free local port in ${range.from}-${range.to} (tried ${tried}); ` +
        'widen the forward port range in Settings or close the programs using those ports.',
    );
    this.name = 'NoFreeForwardPortError';
  }
}

export interface ForwardAllocator {
  /**
   * Makes sure `serial` has its forward, keeping the port it had before (across restarts too)
   * unless another program holds it, and returns the port.
   */
  ensure(serial: string): Promise<number>;
  /**
   * Removes our forward for `serial` after the phone left. adb drops a leaving device's
   * forwards itself, so killforward is sent only when adb still lists the forward: no request
   * goes into a transport adb is tearing down (adb 29 has races there; see the bench).
   */
  releaseGone(serial: string): Promise<void>;
  /** Our current forward port for `serial`, if any. */
  portOf(serial: string): number | undefined;
  /** Forgets every forward without touching adb (the server that held them died). */
  forgetAll(): void;
  /** Whether our forward for `serial` is still in adb's list and still points at `serial`. */
  isIntact(serial: string, forwards: AdbForward[]): boolean;
  /** Removes every forward we own. */
  releaseAll(): Promise<void>;
}

export function createForwardAllocator(options: ForwardAllocatorOptions): ForwardAllocator {
  const { adb, range, remote } = options;
  const preferred = options.store.load();
  const active = new Map<string, number>();
  // One allocation at a time: two phones probed together would otherwise pick the same free
  // port, and the second forward would silently steal it from the first.
  let chain: Promise<unknown> = Promise.resolve();
  function serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => {});
    return run;
  }

  function portOwner(port: number, forwards: AdbForward[]): string | undefined {
    return forwards.find((f) => f.local === `tcp:${port}`)?.serial;
  }

  function candidates(serial: string): number[] {
    const taken = new Set<number>();
    for (const [s, p] of active) if (s !== serial) taken.add(p);
    const remembered = new Set<number>();
    for (const [s, p] of preferred) if (s !== serial) remembered.add(p);
    const out: number[] = [];
    const mine = preferred.get(serial);
    if (mine !== undefined && mine >= range.from && mine <= range.to && !taken.has(mine)) out.push(mine);
    // Ports remembered for other phones come last, so a phone that returns usually gets its port back.
    const rest: number[] = [];
    for (let p = range.from; p <= range.to; p++) {
      if (p === mine || taken.has(p)) continue;
      (remembered.has(p) ? rest : out).push(p);
    }
    return out.concat(rest);
  }

  return {
    ensure: (serial) => serialized(() => ensureNow(serial)),
    releaseGone: (serial) =>
      serialized(async () => {
        const port = active.get(serial);
        if (port === undefined) return;
        const list = await adb.listForwards().catch(() => null);
        if (list && !list.some((f) => f.serial === serial && f.local === `tcp:${port}`)) {
          active.delete(serial);
          return;
        }
        await releaseNow(serial);
      }),
    portOf: (serial) => active.get(serial),
    forgetAll() {
      active.clear();
    },
    isIntact(serial, forwards) {
      const port = active.get(serial);
      return (
        port !== undefined &&
        forwards.some((f) => f.serial === serial && f.local === `tcp:${port}` && f.remote === remote)
      );
    },
    async releaseAll() {
      await Promise.all([...active.keys()].map((s) => serialized(() => releaseNow(s))));
    },
  };

  async function ensureNow(serial: string): Promise<number> {
    const forwards = await adb.listForwards();
    const current = active.get(serial);
    if (current !== undefined && portOwner(current, forwards) === serial) return current;
    let tried = 0;
    for (const port of candidates(serial)) {
      const owner = portOwner(port, forwards);
      // Forwarding a port again silently rebinds it: never take one another device (or program) holds.
      if (owner !== undefined && owner !== serial) continue;
      tried++;
      try {
        await adb.forward(serial, port, remote);
      } catch (err) {
        if (err instanceof AdbPortInUseError) continue;
        throw err;
      }
      active.set(serial, port);
      if (preferred.get(serial) !== port) {
        preferred.set(serial, port);
        options.store.save(serial, port);
      }
      return port;
    }
    throw new NoFreeForwardPortError(range, tried);
  }

  async function releaseNow(serial: string): Promise<void> {
    const port = active.get(serial);
    if (port === undefined) return;
    active.delete(serial);
    await adb.killForward(serial, port).catch(() => {});
  }
}
