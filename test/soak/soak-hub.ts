import type { AdbEndpoint } from '../../src/main/core/adb/host-request';
import { hostRequest } from '../../src/main/core/adb/host-request';
import type { SoakPhone } from './soak-phones';

/**
 * The USB hub the soak's phones hang on. A USB phone shows up on whatever adb server runs, a new
 * one after a kill or a crash included; the simulated phones are attached over TCP (`adb connect`),
 * which a new server forgets. The hub watches the server's device list and connects every phone
 * whose cable is in (`plugged`) and which the running server does not list, for as long as it takes
 * a server to come back: a replug that gives up after a while would leave a phone off adb for good
 * when the server it waited for came up later, or was replaced right after the connect.
 */
export interface SoakHub {
  /**
   * Resolves once every phone in `phones` that is plugged is listed as `device` by the running
   * server; with the phones still missing after `ms` (and the last error seen) otherwise.
   */
  attached(
    phones: readonly SoakPhone[],
    ms: number,
  ): Promise<{ missing: string[]; lastError: string | null }>;
  stop(): Promise<void>;
}

/** `host:devices` text (`<serial>\t<state>` a line) as serial → state. */
export function parseDeviceList(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [serial, state] = line.trim().split(/\s+/);
    if (serial && state) out.set(serial, state);
  }
  return out;
}

/**
 * Phones to `adb connect` now: plugged and not listed at all. A listed phone in another state
 * (`offline`, `connecting`) is the server's to bring up.
 */
export function phonesToConnect<P extends { plugged: boolean; serial: string }>(
  phones: readonly P[],
  listed: ReadonlyMap<string, string>,
): P[] {
  return phones.filter((p) => p.plugged && !listed.has(p.serial));
}

const POLL_MS = 100;

export function startSoakHub(adb: AdbEndpoint, phones: readonly SoakPhone[]): SoakHub {
  let stopped = false;
  let listed = new Map<string, string>();
  let lastError: string | null = null;
  const view = () => phones.map((p) => ({ phone: p, plugged: p.plugged, serial: p.sim.serial }));

  async function connect(phone: SoakPhone): Promise<void> {
    try {
      await phone.sim.plugInto(adb);
      // The cable was pulled while the connect was on its way: pull it again.
      if (!phone.plugged || stopped) await phone.sim.unplug();
    } catch (err) {
      lastError = (err as Error).message;
    }
  }

  // Polls started and the last one finished: `attached` trusts only a list asked for after it was called.
  let started = 0;
  let finished = 0;
  const loop = (async () => {
    while (!stopped) {
      const n = ++started;
      try {
        listed = parseDeviceList(await hostRequest(adb, 'host:devices', 'value', { timeoutMs: 3000 }));
        // One at a time, as a hub enumerates: Debian's adb 29 aborted twice in a soak
        // (fdevent_epoll.cpp:88 "failed to unregister fd") right after four connects to a fresh server at once.
        for (const v of phonesToConnect(view(), listed)) if (v.phone.plugged) await connect(v.phone);
      } catch (err) {
        // No server right now (killed, crashed, not restarted yet): the phones wait on the hub.
        listed = new Map();
        lastError = (err as Error).message;
      }
      finished = n;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();

  return {
    async attached(want, ms) {
      const deadline = Date.now() + ms;
      const after = started;
      for (;;) {
        const missing = want.filter((p) => p.plugged && listed.get(p.sim.serial) !== 'device');
        if (finished > after && missing.length === 0) return { missing: [], lastError: null };
        if (Date.now() > deadline || stopped) return { missing: missing.map((p) => p.name), lastError };
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
