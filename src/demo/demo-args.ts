import { z } from 'zod';
import { parseCli, switchOption, textValue, valueOption, wholeNumber } from '../main/core/config/cli-options';
import { formatUsage } from '../main/core/config/cli-usage';
import { DEMO_PROFILE_IDS, DEVICE_PROFILES } from '../sim/adb-device/profiles/device-profiles';

/** What `npm run demo` was asked to do, from {@link DEMO_OPTIONS}. */
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
  /** One simulated phone per device profile, in this order (with `fleet`: for each station). */
  profiles: string[];
  /** `--profiles` was given; without it the fleet demo gives each station 2 phones of its own kinds. */
  profilesGiven: boolean;
  /** Two stations sharing one private Redis (docs/FLEET.md), fed by a backend that speaks only Redis. */
  fleet: boolean;
  help: boolean;
}

export class DemoArgsError extends Error {
  readonly code = 'BAD_DEMO_ARGS';
  constructor(message: string) {
    super(`${message}\nRun with --help to see every option.`);
    this.name = 'DemoArgsError';
  }
}

const MAX_DEMO_PHONES = 8;
const KNOWN = DEVICE_PROFILES.map((p) => p.id);
// The story needs a phone that pays; the others show what the station says about them.
const READY = DEVICE_PROFILES.filter((p) => p.expect.state === 'ready').map((p) => p.id);

/** `a,b,c` → known device profile ids, 1 to 8 of them, at least one of a phone that pays. */
const profileList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  )
  .superRefine((ids, ctx) => {
    const unknown = ids.find((id) => !KNOWN.includes(id));
    const problem =
      ids.length === 0
        ? `needs a comma-separated list of: ${KNOWN.join(', ')}.`
        : ids.length > MAX_DEMO_PHONES
          ? `takes at most ${MAX_DEMO_PHONES} phones.`
          : unknown !== undefined
            ? `takes known device profiles only. Unknown device profile "${unknown}". Known profiles: ${KNOWN.join(', ')}.`
            : !ids.some((id) => READY.includes(id))
              ? `needs at least one phone that is ready: ${READY.join(', ')}.`
              : null;
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Command-line options of `npm run demo`: parsed by, and listed in `--help` from, this table. */
export const DEMO_OPTIONS = {
  dataDir: valueOption({
    flag: '--data-dir',
    valueName: 'DIR',
    description: "keep the station's database in DIR (with --fleet: one subfolder per station)",
    schema: textValue(),
    default: null,
    defaultText: 'a temporary folder, removed at exit',
  }),
  durationSec: valueOption({
    flag: '--duration',
    valueName: 'SEC',
    description: 'stop by itself after SEC seconds of scenario',
    schema: wholeNumber(1, 86_400),
    default: null,
    defaultText: 'run until Ctrl-C',
  }),
  fast: switchOption({
    flag: '--fast',
    description: 'the whole story in about 15 s (short timeouts, quick phones)',
  }),
  noOpen: switchOption({
    flag: '--no-open',
    description: "print the window's URL instead of opening a browser",
  }),
  serve: switchOption({
    flag: '--serve',
    description: 'serve mode (browser window) even where Electron is installed',
  }),
  electron: switchOption({
    flag: '--electron',
    description: 'the desktop app; fails when the Electron binary is missing',
  }),
  fleet: switchOption({
    flag: '--fleet',
    description:
      'two stations sharing one private Redis (docs/FLEET.md), 2 simulated phones each, and a backend that only speaks Redis; serve mode',
  }),
  httpPort: valueOption({
    flag: '--http-port',
    valueName: 'N',
    description:
      "the station's API port; 0 picks a free one (with --fleet: the first station's, the second takes N+1)",
    schema: wholeNumber(0, 65_535),
    default: 0,
  }),
  profiles: valueOption({
    flag: '--profiles',
    valueName: 'A,B,…',
    description: `one simulated phone per device profile, 1 to ${MAX_DEMO_PHONES} (with --fleet: for each station; without it there, 2 per station)`,
    more: `profiles: ${KNOWN.join(', ')}`,
    schema: profileList,
    default: [...DEMO_PROFILE_IDS],
  }),
  // scripts/demo.mjs acts on it before the demo starts; listed and accepted here so that the
  // help shows it and a run started without that script does not refuse it.
  noBuild: switchOption({
    flag: '--no-build',
    description: 'do not rebuild the window first (runs the station from source if the build is stale)',
  }),
  help: switchOption({ flag: '--help', short: 'h', description: 'this text' }),
};

export const DEMO_USAGE = formatUsage({
  usage: 'npm run demo -- [options]',
  intro: `Runs the station with simulated phones (3 by default, each answering from real captures of
a kind of phone) behind a private adb server, and a simulated mini-program backend that posts
orders, rush reminders and payments. With --fleet: two such stations on one private Redis,
the backend adding signed orders and payments to its streams. Ctrl-C stops everything.`,
  options: DEMO_OPTIONS,
});

/**
 * The demo's flags. Strict like `npm run serve`: an unknown flag or a bad value is an error
 * naming the flag, never a silently ignored setting.
 */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const fail = (message: string) => new DemoArgsError(message);
  // A bare `--` is the separator npm and vite-node pass on in some versions, not the end of
  // the demo's options.
  const a = parseCli(
    DEMO_OPTIONS,
    argv.filter((x) => x !== '--'),
    fail,
  );
  if (a.serve && a.electron) throw fail('--serve and --electron exclude each other; give one of them.');
  if (a.fleet && a.electron)
    throw fail(
      '--fleet runs two stations side by side, each with a browser window; the desktop app is one station per PC. Drop --electron (fleet mode is serve mode).',
    );
  if (a.fleet && a.httpPort === 65_535)
    throw fail('--http-port with --fleet takes at most 65534: the second station listens on N+1.');
  return {
    dataDir: a.dataDir,
    durationSec: a.durationSec,
    fast: a.fast,
    open: !a.noOpen,
    mode: a.serve || a.fleet ? 'serve' : a.electron ? 'electron' : 'auto',
    httpPort: a.httpPort,
    profiles: a.profiles,
    profilesGiven: argv.some((x) => x === '--profiles' || x.startsWith('--profiles=')),
    fleet: a.fleet,
    help: a.help,
  };
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
