import { z } from 'zod';
import type { CliValues } from './cli-options';
import { oneOf, parseCli, switchOption, textValue, valueOption, wholeNumber } from './cli-options';
import type { DispatchVia } from '../../../shared/settings/payment-settings';
import { DISPATCH_VIA, paymentSettingsSchema } from '../../../shared/settings/payment-settings';
import { fleetSettingsSchema } from '../../../shared/settings/fleet-settings';
import { phoneAppSettingsSchema } from '../../../shared/settings/phone-app-settings';
import { STATION_SETTINGS_DEFAULTS } from '../../../shared/settings/station-settings';
import { parsePrinterAddressText } from '../../../shared/printing/printer-address';
import { formatUsage } from './cli-usage';

/** What Settings holds when nobody changed it: the help says so. */
const DEFAULTS = STATION_SETTINGS_DEFAULTS;

/**
 * The bounds of a numeric setting, in the flag's unit (`per` of the setting's own: 1000 for a
 * flag in seconds over a setting in milliseconds), so a flag and its setting cannot disagree.
 */
function boundsOf(setting: z.ZodType, per = 1): [number, number] {
  const n = (setting instanceof z.ZodDefault ? setting.unwrap() : setting) as z.ZodNumber;
  return [Math.ceil((n.minValue ?? 0) / per), Math.floor((n.maxValue ?? Number.MAX_SAFE_INTEGER) / per)];
}
const PAYMENTS = paymentSettingsSchema.shape;
const FLEET = fleetSettingsSchema.shape;

/** A flag whose value is checked by the setting it overrides, so both accept the same text. */
const settingText = (setting: z.ZodDefault<z.ZodString>): z.ZodType<string, string> =>
  textValue().pipe(setting.unwrap());

/** A network printer's address, checked by the rule Settings → Printer uses. */
const printerAddress = textValue().transform((raw, ctx) => {
  const parsed = parsePrinterAddressText(raw);
  if (parsed.ok) return raw;
  ctx.addIssue({ code: 'custom', message: `${parsed.message}, got "${raw}".` });
  return z.NEVER;
});

/** `com.example.pay/.MainActivity`: the package, then the activity (relative with a leading dot). */
const PHONE_APP = /^([A-Za-z][\w]*(?:\.[A-Za-z][\w]*)+)\/(\.?[A-Za-z][\w.$]*)$/;

const phoneApp = textValue().transform((raw, ctx) => {
  const m = PHONE_APP.exec(raw);
  if (m) return { package: m[1], activity: m[2] };
  ctx.addIssue({ code: 'custom', message: `must look like com.example.pay/.MainActivity, got "${raw}".` });
  return z.NEVER;
});

/**
 * Command-line options of `npm run serve`, which the desktop app takes too. An option left out
 * is `null`, so that settings and the core's defaults decide; `defaultText` says what they are.
 */
export const SERVE_OPTIONS = {
  dataDir: valueOption({
    flag: '--data-dir',
    valueName: 'DIR',
    description: 'where the database lives',
    schema: textValue(),
    default: null,
    defaultText: 'the user-data folder',
  }),
  httpHost: valueOption({
    flag: '--http-host',
    valueName: 'H',
    description: 'API listen address',
    schema: textValue(),
    default: null,
    defaultText: '127.0.0.1',
  }),
  httpPort: valueOption({
    flag: '--http-port',
    valueName: 'N',
    description: 'API port',
    schema: wholeNumber(0, 65535),
    default: null,
    defaultText: `from Settings (${DEFAULTS.api.httpPort})`,
  }),
  uiPort: valueOption({
    flag: '--ui-port',
    valueName: 'N',
    description: 'port of the browser UI; 0 picks a free one',
    schema: wholeNumber(0, 65535),
    default: null,
    defaultText: 'API port + 1',
  }),
  adbPort: valueOption({
    flag: '--adb-port',
    valueName: 'N',
    description: 'adb server port',
    schema: wholeNumber(1, 65535),
    default: null,
    defaultText: '5037',
  }),
  adbBin: valueOption({
    flag: '--adb-bin',
    valueName: 'PATH',
    description: 'adb binary',
    schema: textValue(),
    default: null,
    defaultText: 'Settings, then bundled, ANDROID_HOME, PATH',
  }),
  phonePort: valueOption({
    flag: '--phone-port',
    valueName: 'N',
    description: 'phone app port on the phone',
    schema: wholeNumber(...boundsOf(phoneAppSettingsSchema.shape.port)),
    default: null,
    defaultText: `from Settings (${DEFAULTS.phoneApp.port})`,
  }),
  phoneApp: valueOption({
    flag: '--phone-app',
    valueName: 'PKG/ACTIVITY',
    description: 'phone app to restart when wedged',
    schema: phoneApp,
    default: null,
    defaultText: `from Settings (${DEFAULTS.phoneApp.package}/${DEFAULTS.phoneApp.activity})`,
  }),
  resultTimeoutSec: valueOption({
    flag: '--result-timeout',
    valueName: 'SEC',
    description: 'how long to wait for a payment result',
    schema: wholeNumber(...boundsOf(PAYMENTS.resultTimeoutMs, 1000)),
    default: null,
    defaultText: `from Settings (${DEFAULTS.payments.resultTimeoutMs / 1000})`,
  }),
  settleSec: valueOption({
    flag: '--settle-sec',
    valueName: 'SEC',
    description: 'settle period after a wedged phone',
    schema: wholeNumber(...boundsOf(PAYMENTS.settleMs, 1000)),
    default: null,
    defaultText: `from Settings (${DEFAULTS.payments.settleMs / 1000})`,
  }),
  minResultMs: valueOption({
    flag: '--min-result-ms',
    valueName: 'MS',
    description: 'results faster than this are suspect',
    schema: wholeNumber(...boundsOf(PAYMENTS.minResultMs)),
    default: null,
    defaultText: `from Settings (${DEFAULTS.payments.minResultMs})`,
  }),
  dispatchVia: valueOption({
    flag: '--dispatch-via',
    valueName: DISPATCH_VIA.join('|'),
    description: "how payments reach phones: adb's transport (exact) or the phone's forward",
    schema: oneOf(DISPATCH_VIA),
    default: null,
    defaultText: `from Settings (${DEFAULTS.payments.dispatchVia})`,
  }),
  fleet: valueOption({
    flag: '--fleet',
    valueName: 'redis://[user:pass@]host:port[/db]',
    description: 'fleet mode: share one Redis with other stations (docs/FLEET.md); rediss:// for TLS',
    schema: settingText(FLEET.redisUrl),
    default: null,
    defaultText: 'from Settings (off)',
  }),
  stationId: valueOption({
    flag: '--station-id',
    valueName: 'ID',
    description: "this station's id in the fleet",
    schema: settingText(FLEET.stationId),
    default: null,
    defaultText: 'from Settings, else generated and kept in the data folder',
  }),
  storeId: valueOption({
    flag: '--store-id',
    valueName: 'ID',
    description: 'the store whose orders this window shows (fleet mode)',
    schema: settingText(FLEET.storeId),
    default: null,
    defaultText: `from Settings (${DEFAULTS.fleet.storeId})`,
  }),
  fleetPrefix: valueOption({
    flag: '--fleet-prefix',
    valueName: 'PREFIX',
    description: 'put in front of every Redis key of the fleet',
    schema: settingText(FLEET.prefix),
    default: null,
    defaultText: `from Settings (${DEFAULTS.fleet.prefix})`,
  }),
  printer: valueOption({
    flag: '--printer',
    valueName: 'tcp://HOST:PORT',
    description: 'print order tickets to this network ESC/POS printer (this run only)',
    schema: printerAddress,
    default: null,
    defaultText: 'from Settings → Printer (none)',
  }),
  help: switchOption({ flag: '--help', short: 'h', description: 'this text' }),
};

export type ServeArgs = CliValues<typeof SERVE_OPTIONS>;

export class ServeArgsError extends Error {
  readonly code = 'BAD_SERVE_ARGS';
  constructor(message: string) {
    super(`${message}\nRun with --help to see every option.`);
    this.name = 'ServeArgsError';
  }
}

export const SERVE_USAGE = formatUsage({ usage: 'npm run serve -- [options]', options: SERVE_OPTIONS });

/**
 * The station's flags, strictly: an unknown flag or a bad value is an error that names the flag
 * and what it accepts, never a silently ignored setting.
 */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  return parseCli(SERVE_OPTIONS, argv, (message) => new ServeArgsError(message));
}

/** Flags of {@link SERVE_OPTIONS} that take a value. */
const VALUE_FLAGS = new Set<string>(
  Object.values(SERVE_OPTIONS).flatMap((o) => (o.kind === 'value' ? [o.flag] : [])),
);

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
  settingsOverrides: {
    resultTimeoutMs?: number;
    settleMs?: number;
    minResultMs?: number;
    dispatchVia?: DispatchVia;
    fleetRedisUrl?: string;
    fleetStationId?: string;
    fleetStoreId?: string;
    fleetPrefix?: string;
    printerAddress?: string;
  };
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
      ...(args.dispatchVia !== null ? { dispatchVia: args.dispatchVia } : {}),
      ...(args.fleet !== null ? { fleetRedisUrl: args.fleet } : {}),
      ...(args.stationId !== null ? { fleetStationId: args.stationId } : {}),
      ...(args.storeId !== null ? { fleetStoreId: args.storeId } : {}),
      ...(args.fleetPrefix !== null ? { fleetPrefix: args.fleetPrefix } : {}),
      ...(args.printer !== null ? { printerAddress: args.printer } : {}),
    },
  };
}
