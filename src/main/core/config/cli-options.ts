import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * One command-line option that takes a value. The same entry parses the flag and writes its
 * line of `--help` (see `formatUsage`), so an option cannot be documented one way and parsed
 * another.
 */
export interface ValueOption<V, D> {
  readonly kind: 'value';
  /** The flag as typed, `--http-port`; `--flag value` and `--flag=value` both work. */
  readonly flag: `--${string}`;
  /** The value's name in the usage line: `N`, `DIR`, `SEC`. */
  readonly valueName: string;
  readonly description: string;
  /** Further usage lines under the description (a list of accepted values). @default none */
  readonly more?: string;
  /**
   * The value as typed → what the program gets. It also receives `''` when the flag has no
   * value, so it says what it needs. Its messages follow the flag: "must be …, got …".
   */
  readonly schema: z.ZodType<V, string>;
  /** What the program gets when the flag is not given. */
  readonly default: D;
  /**
   * The default as the usage shows it, when the parser's own (`null`: "not set") is not what
   * the user needs to know, e.g. "the user-data folder".
   * @default the `default` value, comma-joined when it is a list
   */
  readonly defaultText?: string;
}

/** A flag that takes no value: `true` when given, `false` otherwise. */
export interface SwitchOption {
  readonly kind: 'switch';
  readonly flag: `--${string}`;
  /** One-letter alias, `h` for `-h`. @default none */
  readonly short?: string;
  readonly description: string;
}

// `any` here only lets a table mix options of different value types; what a table parses to is
// typed by `CliValues`, from each option's own schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CliOption = ValueOption<any, any> | SwitchOption;
export type CliTable = Readonly<Record<string, CliOption>>;

/** What a table parses to: each key gets its schema's output or its default, a switch a boolean. */
export type CliValues<T extends CliTable> = {
  -readonly [K in keyof T]: T[K] extends ValueOption<infer V, infer D> ? V | D : boolean;
};

/** An option with a value; `default` is typed by the schema (or `null`: left to settings). */
export function valueOption<V, D extends V | null>(
  option: Omit<ValueOption<V, D>, 'kind'>,
): ValueOption<V, D> {
  return { kind: 'value', ...option };
}

export function switchOption(option: Omit<SwitchOption, 'kind'>): SwitchOption {
  return { kind: 'switch', ...option };
}

/** Any text that is not blank, kept as typed. */
export function textValue(): z.ZodType<string, string> {
  return z.string().refine((s) => s.trim() !== '', 'needs a value.');
}

/** One of `choices`, written exactly. */
export function oneOf<C extends string>(choices: readonly C[]): z.ZodType<C, string> {
  return z.string().refine((s): s is C => (choices as readonly string[]).includes(s), {
    error: (iss) => `must be one of ${choices.join(', ')}, got "${String(iss.input)}".`,
  }) as unknown as z.ZodType<C, string>;
}

/** A whole number in `[min, max]`, written in decimal digits only (no sign, point or exponent). */
export function wholeNumber(min: number, max: number): z.ZodType<number, string> {
  const range = (n: unknown) => `must be from ${min} to ${max}, got ${String(n)}.`;
  return z
    .string()
    .min(1, { error: 'needs a value.', abort: true })
    .regex(/^[0-9]+$/, {
      error: (iss) => `must be a whole number from ${min} to ${max}, got "${String(iss.input)}".`,
    })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: (iss) => range(iss.input) })
        .max(max, { error: (iss) => range(iss.input) }),
    );
}

/**
 * Parses `argv` by `table`, strictly: an unknown flag, a value on a switch, a missing or bad
 * value, or a stray argument is an error (made by `fail`) that names the flag and says what it
 * takes. When a flag is given twice the last one counts.
 */
export function parseCli<T extends CliTable>(
  table: T,
  argv: readonly string[],
  fail: (message: string) => Error,
): CliValues<T> {
  const byName = new Map(Object.entries(table).map(([key, o]) => [o.flag.slice(2), { key, o }]));
  const config = Object.fromEntries(
    Object.values(table).map((o) => [
      o.flag.slice(2),
      o.kind === 'value'
        ? { type: 'string' as const }
        : { type: 'boolean' as const, ...(o.short ? { short: o.short } : {}) },
    ]),
  );
  // parseArgs splits the forms (`--a=1`, `--a 1`, `-h`, `--`); its tokens are checked here, not in
  // its strict mode, whose messages cannot name our flags the way these do.
  const { tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const out: Record<string, unknown> = {};
  for (const [key, o] of Object.entries(table)) out[key] = o.kind === 'value' ? o.default : false;

  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional')
      throw fail(`Unexpected argument "${token.value}": options start with --.`);
    const entry = byName.get(token.name);
    if (!entry) throw fail(`Unknown option "${token.rawName}".`);
    const { key, o } = entry;
    if (o.kind === 'switch') {
      if (token.value !== undefined) throw fail(`${o.flag} takes no value, got "${token.value}".`);
      out[key] = true;
      continue;
    }
    // `--a --b` hands "--b" to --a as its value; that is a forgotten value, not a value.
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('--'));
    const parsed = o.schema.safeParse(missing ? '' : token.value);
    if (!parsed.success) throw fail(`${o.flag} ${parsed.error.issues[0]?.message ?? 'has a bad value.'}`);
    out[key] = parsed.data;
  }
  return out as CliValues<T>;
}
