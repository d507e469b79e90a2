/**
 * Command-line options of `npm run serve`. Parsing is strict: an unknown flag or a bad value is
 * an error that names the flag and what it accepts, never a silently ignored setting.
 */
export interface ServeArgs {
  dataDir: string | null;
  httpHost: string | null;
  httpPort: number | null;
  uiPort: number | null;
  adbPort: number | null;
  adbBin: string | null;
  phonePort: number | null;
  phoneApp: { package: string; activity: string } | null;
  resultTimeoutSec: number | null;
  settleSec: number | null;
  minResultMs: number | null;
  help: boolean;
}

export class ServeArgsError extends Error {
  readonly code = 'BAD_SERVE_ARGS';
  constructor(message: string) {
    super(`${message}\nRun with --help to see every option.`);
    this.name = 'ServeArgsError';
  }
}

export const SERVE_USAGE = `usage: npm run serve -- [options]

  --data-dir DIR           where the database lives (default: the user-data folder)
  --http-host H            API listen address (default 127.0.0.1)
  --http-port N            API port (default 17800)
  --ui-port N              port of the browser UI (default: API port + 1; 0 picks a free one)
  --adb-port N             adb server port (default 5037)
  --adb-bin PATH           adb binary (default: settings, bundled, ANDROID_HOME, PATH)
  --phone-port N           phone app port on the phone (default 10010)
  --phone-app PKG/ACTIVITY phone app to restart when wedged
  --result-timeout SEC     how long to wait for a payment result (default 90)
  --settle-sec N           settle period after a wedged phone (default 60)
  --min-result-ms N        results faster than this are suspect (default 1500)
  --help                   this text`;

function intFlag(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || raw.startsWith('--')) throw new ServeArgsError(`${flag} needs a value.`);
  if (!/^[0-9]+$/.test(raw))
    throw new ServeArgsError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}".`);
  const n = Number(raw);
  if (n < min || n > max) throw new ServeArgsError(`${flag} must be from ${min} to ${max}, got ${n}.`);
  return n;
}

function stringFlag(flag: string, raw: string | undefined): string {
  if (raw === undefined || raw.startsWith('--') || raw.trim() === '')
    throw new ServeArgsError(`${flag} needs a value.`);
  return raw;
}

export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const out: ServeArgs = {
    dataDir: null,
    httpHost: null,
    httpPort: null,
    uiPort: null,
    adbPort: null,
    adbBin: null,
    phonePort: null,
    phoneApp: null,
    resultTimeoutSec: null,
    settleSec: null,
    minResultMs: null,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--help':
      case '-h':
        out.help = true;
        break;
      case '--data-dir':
        out.dataDir = stringFlag(flag, value());
        break;
      case '--http-host':
        out.httpHost = stringFlag(flag, value());
        break;
      case '--http-port':
        out.httpPort = intFlag(flag, value(), 0, 65535);
        break;
      case '--ui-port':
        out.uiPort = intFlag(flag, value(), 0, 65535);
        break;
      case '--adb-port':
        out.adbPort = intFlag(flag, value(), 1, 65535);
        break;
      case '--adb-bin':
        out.adbBin = stringFlag(flag, value());
        break;
      case '--phone-port':
        out.phonePort = intFlag(flag, value(), 1, 65535);
        break;
      case '--phone-app': {
        const raw = stringFlag(flag, value());
        const m = /^([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)+)\/(\.?[A-Za-z][\w.$]*)$/.exec(raw);
        if (!m)
          throw new ServeArgsError(`--phone-app must look like com.example.pay/.MainActivity, got "${raw}".`);
        out.phoneApp = { package: m[1], activity: m[2] };
        break;
      }
      case '--result-timeout':
        out.resultTimeoutSec = intFlag(flag, value(), 5, 600);
        break;
      case '--settle-sec':
        out.settleSec = intFlag(flag, value(), 0, 3600);
        break;
      case '--min-result-ms':
        out.minResultMs = intFlag(flag, value(), 0, 60_000);
        break;
      default:
        throw new ServeArgsError(`Unknown option "${arg}".`);
    }
  }
  return out;
}

/** Flags of {@link SERVE_USAGE} that take a value. */
const VALUE_FLAGS = new Set([
  '--data-dir',
  '--http-host',
  '--http-port',
  '--ui-port',
  '--adb-port',
  '--adb-bin',
  '--phone-port',
  '--phone-app',
  '--result-timeout',
  '--settle-sec',
  '--min-result-ms',
]);

/**
 * The station's own flags out of a desktop app's command line, which also carries Electron's
 * and Chromium's (`--no-sandbox`, `--enable-logging`, the app path…): those are left alone
 * rather than refused, and only the station's flags go on to {@link parseServeArgs}.
 */
export function pickStationFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.has(flag)) continue;
    out.push(arg);
    if (eq < 0 && i + 1 < argv.length) out.push(argv[++i]);
  }
  return out;
}

/** What the parsed flags mean for {@link createCore}, shared by serve and the desktop app. */
export function coreOptionsFromArgs(args: ServeArgs): {
  httpHost?: string;
  httpPort?: number;
  adbPort?: number;
  adbBin: string | null;
  phonePort?: number;
  phoneApp: { package: string; activity: string } | null;
  settingsOverrides: { resultTimeoutMs?: number; settleMs?: number; minResultMs?: number };
} {
  return {
    ...(args.httpHost !== null ? { httpHost: args.httpHost } : {}),
    ...(args.httpPort !== null ? { httpPort: args.httpPort } : {}),
    ...(args.adbPort !== null ? { adbPort: args.adbPort } : {}),
    adbBin: args.adbBin,
    ...(args.phonePort !== null ? { phonePort: args.phonePort } : {}),
    phoneApp: args.phoneApp,
    settingsOverrides: {
      ...(args.resultTimeoutSec !== null ? { resultTimeoutMs: args.resultTimeoutSec * 1000 } : {}),
      ...(args.settleSec !== null ? { settleMs: args.settleSec * 1000 } : {}),
      ...(args.minResultMs !== null ? { minResultMs: args.minResultMs } : {}),
    },
  };
}
