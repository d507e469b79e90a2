/** The soak's command line: `npm run soak -- --payments 10000 --phones 4 --fault-every 3`. */

export const FAULT_KINDS = [
  'app_crash_during',
  'app_crash_idle',
  'unplug',
  'adb_kill',
  'late_notification',
  'station_kill',
  'callback_down',
  'slow_refusal',
  'redis_kill',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Faults that need fleet mode (`--fleet`). */
export const FLEET_FAULT_KINDS: readonly FaultKind[] = ['redis_kill'];
const STANDALONE_FAULT_KINDS = FAULT_KINDS.filter((k) => !FLEET_FAULT_KINDS.includes(k));

export interface SoakOptions {
  payments: number;
  phones: number;
  /** Seconds between faults (each gap is drawn around it); 0 = no faults. */
  faultEverySec: number;
  seed: number;
  /** Longest time the backend keeps posting, in s; null = until every payment is posted. */
  durationSec: number | null;
  faults: readonly FaultKind[];
  /** Fleet mode: a private Redis, half the payments added to its stream instead of POSTed. */
  fleet: boolean;
  /** Payments the backend posts per second. */
  rate: number;
  /** After the last post: the longest wait without progress for every payment and callback to be final. */
  drainSec: number;
  /** Write the report as JSON here too. */
  jsonPath: string | null;
  /** Print a progress line every this many seconds (0 = quiet). */
  progressSec: number;
}

export const SOAK_DEFAULTS: SoakOptions = {
  payments: 2000,
  phones: 4,
  faultEverySec: 5,
  seed: 1,
  durationSec: null,
  faults: STANDALONE_FAULT_KINDS,
  fleet: false,
  rate: 4,
  drainSec: 180,
  jsonPath: null,
  progressSec: 10,
};

export const SOAK_USAGE = `npm run soak -- [options]

Runs the station (serve mode, a child process) against a real adb server, simulated phones of the
real device profiles, a signed backend and a callback receiver, while faults are injected; checks
at the end, from the phones' own logs and the station's API, that nothing was lost, paid twice or
misattributed. Exits 0 when every invariant holds, 1 when one does not, 2 on bad options.

  --payments N      payments the backend posts (default ${SOAK_DEFAULTS.payments})
  --phones N        simulated phones, 1-8 (default ${SOAK_DEFAULTS.phones})
  --fault-every SEC mean gap between faults, 0 for none (default ${SOAK_DEFAULTS.faultEverySec})
  --seed N          random seed: the same seed draws the same behaviours and faults (default ${SOAK_DEFAULTS.seed})
  --duration SEC    stop posting after this long even if fewer payments were posted
  --faults LIST     comma-separated fault kinds (default all of the mode): ${FAULT_KINDS.join(', ')}
  --fleet           fleet mode: a private redis-server; half the payments go through its stream
                    (signed XADD), the rest over HTTP; adds the fault redis_kill
  --rate N          payments posted per second (default ${SOAK_DEFAULTS.rate})
  --drain-sec SEC   after the last post, the longest wait without progress for final states and callbacks (default ${SOAK_DEFAULTS.drainSec})
  --json FILE       also write the report as JSON
  --progress SEC    a progress line every SEC seconds, 0 for none (default ${SOAK_DEFAULTS.progressSec})
  -h, --help        this text`;

export class SoakArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoakArgsError';
  }
}

function whole(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new SoakArgsError(`${flag} needs a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw new SoakArgsError(`${flag} must be between ${min} and ${max}, not ${raw}`);
  return n;
}

function positive(flag: string, raw: string | undefined, max: number): number {
  const n = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max)
    throw new SoakArgsError(`${flag} needs a number above 0 and at most ${max}`);
  return n;
}

/** Parses the soak's flags; `null` means help was asked for. Unknown flags are refused. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions | null {
  const o: SoakOptions = { ...SOAK_DEFAULTS };
  let faultsGiven = false;
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new SoakArgsError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return null;
      case '--payments':
        o.payments = whole(flag, value(), 1, 1_000_000);
        break;
      case '--phones':
        o.phones = whole(flag, value(), 1, 8);
        break;
      case '--fault-every':
        o.faultEverySec = whole(flag, value(), 0, 3600);
        break;
      case '--seed':
        o.seed = whole(flag, value(), 0, 2 ** 31 - 1);
        break;
      case '--duration':
        o.durationSec = whole(flag, value(), 1, 7 * 24 * 3600);
        break;
      case '--rate':
        o.rate = positive(flag, value(), 500);
        break;
      case '--drain-sec':
        o.drainSec = whole(flag, value(), 1, 24 * 3600);
        break;
      case '--progress':
        o.progressSec = whole(flag, value(), 0, 3600);
        break;
      case '--fleet':
        o.fleet = true;
        break;
      case '--json':
        o.jsonPath = value();
        break;
      case '--faults': {
        const list = value()
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        const bad = list.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
        if (bad.length > 0)
          throw new SoakArgsError(
            `--faults: unknown kind ${bad.join(', ')}; known: ${FAULT_KINDS.join(', ')}`,
          );
        o.faults = [...new Set(list)] as FaultKind[];
        faultsGiven = true;
        break;
      }
      default:
        throw new SoakArgsError(`unknown option ${flag} (see --help)`);
    }
  }
  if (!faultsGiven) o.faults = o.fleet ? FAULT_KINDS : STANDALONE_FAULT_KINDS;
  const needFleet = o.faults.filter((k) => FLEET_FAULT_KINDS.includes(k));
  if (!o.fleet && needFleet.length > 0)
    throw new SoakArgsError(`--faults ${needFleet.join(', ')} needs --fleet`);
  return o;
}
