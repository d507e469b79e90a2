import { DEMO_PROFILE_IDS, DEVICE_PROFILES } from '../sim/adb-device/profiles/device-profiles';

/**
 * Command-line options of `npm run demo`. Strict like `npm run serve`: an unknown flag or a bad
 * value is an error naming the flag, never a silently ignored setting.
 */
export interface DemoArgs {
  /** Keep the database here instead of a temporary folder that is removed at exit. */
  dataDir: string | null;
  /** Stop by itself after this many seconds of scenario (null: run until Ctrl-C). */
  durationSec: number | null;
  /** `fast`: the same story in about 15 s, for tests and impatient readers. */
  fast: boolean;
  /** Do not try to open a browser. */
  open: boolean;
  /** `auto` picks Electron when its binary is installed, else serve mode. */
  mode: 'auto' | 'serve' | 'electron';
  /** API port of the station. 0 picks a free one (the default, so a real station is never in the way). */
  httpPort: number;
  /** One simulated phone per device profile, in this order. */
  profiles: string[];
  help: boolean;
}

export class DemoArgsError extends Error {
  readonly code = 'BAD_DEMO_ARGS';
  constructor(message: string) {
    super(`${message}\nRun with --help to see every option.`);
    this.name = 'DemoArgsError';
  }
}

export const DEMO_USAGE = `usage: npm run demo -- [options]

Runs the station with simulated phones (3 by default, each answering from real captures of a
kind of phone) behind a private adb server and a simulated
mini-program backend that posts orders, rush reminders and payments. Ctrl-C stops everything.

  --data-dir DIR     keep the station's database in DIR (default: a temporary folder, removed at exit)
  --duration SEC     stop by itself after SEC seconds of scenario (default: run until Ctrl-C)
  --fast             the whole story in about 15 s (short timeouts, quick phones)
  --no-open          print the window's URL instead of opening a browser
  --serve            serve mode (browser window) even where Electron is installed
  --electron         the desktop app; fails when the Electron binary is missing
  --http-port N      the station's API port (default 0: a free one)
  --profiles A,B,…   one simulated phone per device profile (1 to 8; default ${DEMO_PROFILE_IDS.join(',')});
                     profiles: ${DEVICE_PROFILES.map((p) => p.id).join(', ')}
  --no-build         do not rebuild the window first (runs the station from source if the build is stale)
  --help             this text`;

function intFlag(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^[0-9]+$/.test(raw))
    throw new DemoArgsError(`${flag} needs a whole number from ${min} to ${max}.`);
  const n = Number(raw);
  if (n < min || n > max) throw new DemoArgsError(`${flag} must be from ${min} to ${max}, got ${n}.`);
  return n;
}

const MAX_DEMO_PHONES = 8;

function profileList(raw: string | undefined): string[] {
  const known = DEVICE_PROFILES.map((p) => p.id);
  const ids = (raw ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  if (ids.length === 0 || raw?.startsWith('--')) {
    throw new DemoArgsError(`--profiles needs a comma-separated list of: ${known.join(', ')}.`);
  }
  if (ids.length > MAX_DEMO_PHONES)
    throw new DemoArgsError(`--profiles takes at most ${MAX_DEMO_PHONES} phones.`);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new DemoArgsError(`Unknown device profile "${unknown[0]}". Known profiles: ${known.join(', ')}.`);
  }
  // The story needs a phone that pays; the others show what the station says about them.
  const ready = DEVICE_PROFILES.filter((p) => p.expect.state === 'ready').map((p) => p.id);
  if (!ids.some((id) => ready.includes(id))) {
    throw new DemoArgsError(`--profiles needs at least one phone that is ready: ${ready.join(', ')}.`);
  }
  return ids;
}

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const out: DemoArgs = {
    dataDir: null,
    durationSec: null,
    fast: false,
    open: true,
    mode: 'auto',
    httpPort: 0,
    profiles: [...DEMO_PROFILE_IDS],
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--':
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      case '--data-dir': {
        const dir = value();
        if (!dir || dir.startsWith('--')) throw new DemoArgsError('--data-dir needs a folder.');
        out.dataDir = dir;
        break;
      }
      case '--duration':
        out.durationSec = intFlag(flag, value(), 1, 86_400);
        break;
      case '--fast':
        out.fast = true;
        break;
      case '--no-open':
        out.open = false;
        break;
      case '--serve':
        out.mode = 'serve';
        break;
      case '--electron':
        out.mode = 'electron';
        break;
      case '--http-port':
        out.httpPort = intFlag(flag, value(), 0, 65_535);
        break;
      case '--profiles':
        out.profiles = profileList(value());
        break;
      default:
        throw new DemoArgsError(`Unknown option "${arg}".`);
    }
  }
  return out;
}

/** Timings of one demo run. The station's own settings are passed as its command-line flags. */
export interface DemoTimings {
  /** Gap between two things the simulated backend does. */
  beatMs: number;
  /** How long a simulated phone takes to "pay" (the notification's delay), min and max. */
  answerMs: readonly [number, number];
  /** Station: `--result-timeout` (seconds). */
  resultTimeoutSec: number;
  /** Station: `--settle-sec`. */
  settleSec: number;
  /** Station: `--min-result-ms`; below the phones' quickest answer, or every result is suspect. */
  minResultMs: number;
}

export function demoTimings(fast: boolean): DemoTimings {
  return fast
    ? { beatMs: 500, answerMs: [400, 800], resultTimeoutSec: 5, settleSec: 3, minResultMs: 200 }
    : { beatMs: 3000, answerMs: [2000, 4000], resultTimeoutSec: 20, settleSec: 15, minResultMs: 1000 };
}
