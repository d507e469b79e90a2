/**
 * Reads the payment notification text a phone sends back. The phone app forwards whatever
 * Alipay or WeChat posted, so the text is never trusted blindly: the verdict comes from
 * keywords, and the amount found is compared with the amount the station asked for.
 */
import type { NotificationRules } from '../../../shared/settings/notification-rules';
import { STATION_SETTINGS_DEFAULTS } from '../../../shared/settings/station-settings';

/** Rules are plain data so that settings can replace them without a code change. */
export type { NotificationRules };

/** The rules a station starts with: the defaults of the shared settings schema. */
export const DEFAULT_NOTIFICATION_RULES: NotificationRules = STATION_SETTINGS_DEFAULTS.notificationRules;

export type NotificationVerdict = 'succeeded' | 'failed' | 'unrecognized';

export interface NotificationReading {
  verdict: NotificationVerdict;
  /** The amount found in the text, in fen, or null when none was found. */
  amountFen: number | null;
  /** Whether the amount found equals the expected amount; null when no amount was found. */
  amountMatches: boolean | null;
}

export class InvalidRulesError extends Error {
  readonly code = 'INVALID_NOTIFICATION_RULES';
  constructor(
    message: string,
    /** The rule at fault, e.g. `['amountPatterns', 1]`, so settings can show it on its field. */
    readonly path: (string | number)[] = [],
  ) {
    super(message);
    this.name = 'InvalidRulesError';
  }
}

/** Validates rules from settings and precompiles their patterns. */
export function compileRules(rules: NotificationRules): CompiledRules {
  const fail = rules.failureKeywords.filter((k) => k.length > 0);
  const ok = rules.successKeywords.filter((k) => k.length > 0);
  if (ok.length === 0)
    throw new InvalidRulesError(
      'At least one success keyword is needed; without one no payment can ever succeed.',
      ['successKeywords'],
    );
  const patterns = rules.amountPatterns.map((src, i) => {
    let re: RegExp;
    try {
      re = new RegExp(src, 'u');
    } catch (err) {
      throw new InvalidRulesError(
        `Amount pattern ${i + 1} is not a valid regular expression: ${(err as Error).message}`,
        ['amountPatterns', i],
      );
    }
    if (new RegExp(`${src}|`, 'u').exec('')!.length < 2) {
      throw new InvalidRulesError(
        `Amount pattern ${i + 1} needs a capture group around the amount, e.g. ￥([0-9.]+)`,
        ['amountPatterns', i],
      );
    }
    return re;
  });
  return { fail, ok, patterns };
}

export interface CompiledRules {
  readonly fail: readonly string[];
  readonly ok: readonly string[];
  readonly patterns: readonly RegExp[];
}

const DEFAULT_COMPILED = compileRules(DEFAULT_NOTIFICATION_RULES);

/** Parses `12.50`, `1,234.5` or `0.01` into fen without floating point. Null when it is not an amount. */
export function parseYuanToFen(text: string): number | null {
  const m = /^([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]{1,2}))?$/.exec(text);
  if (!m) return null;
  const yuan = Number(m[1].replace(/,/g, ''));
  const fen = yuan * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

export function readNotification(
  text: string,
  expectedFen: number,
  rules: CompiledRules = DEFAULT_COMPILED,
): NotificationReading {
  // Full-width digits and punctuation turn up in some ROMs' notifications.
  const normalized = text.normalize('NFKC').replace(/\s+/g, ' ');
  let verdict: NotificationVerdict = 'unrecognized';
  if (rules.fail.some((k) => normalized.includes(k.normalize('NFKC')))) verdict = 'failed';
  else if (rules.ok.some((k) => normalized.includes(k.normalize('NFKC')))) verdict = 'succeeded';

  let amountFen: number | null = null;
  for (const re of rules.patterns) {
    const m = re.exec(normalized);
    if (m && m[1] !== undefined) {
      amountFen = parseYuanToFen(m[1]);
      if (amountFen !== null) break;
    }
  }
  return { verdict, amountFen, amountMatches: amountFen === null ? null : amountFen === expectedFen };
}
