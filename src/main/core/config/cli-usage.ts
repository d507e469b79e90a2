import type { CliOption, CliTable } from './cli-options';

/** The flag column of an option's usage line: `--http-port N`, `-h, --help`. */
function flagColumn(o: CliOption): string {
  if (o.kind === 'value') return `${o.flag} ${o.valueName}`;
  return o.short ? `${o.flag}, -${o.short}` : o.flag;
}

/** The default as the usage shows it, or null when there is nothing to show. */
export function defaultText(o: CliOption): string | null {
  if (o.kind === 'switch') return null;
  if (o.defaultText !== undefined) return o.defaultText;
  if (o.default === null || o.default === undefined) return null;
  return Array.isArray(o.default) ? o.default.join(',') : String(o.default);
}

/**
 * `--help` from an options table: a line per option (flag and value name, description,
 * default), in the table's order, with `more` lines indented under the description.
 */
export function formatUsage(input: { usage: string; intro?: string; options: CliTable }): string {
  const options = Object.values(input.options);
  const width = Math.max(...options.map((o) => flagColumn(o).length)) + 2;
  const lines = options.flatMap((o) => {
    const shown = defaultText(o);
    const first = `  ${flagColumn(o).padEnd(width)}${o.description}${shown !== null ? ` (default: ${shown})` : ''}`;
    const more = o.kind === 'value' && o.more ? o.more.split('\n') : [];
    return [first, ...more.map((m) => `  ${' '.repeat(width)}${m}`)];
  });
  return [`usage: ${input.usage}`, '', ...(input.intro ? [input.intro, ''] : []), ...lines].join('\n');
}
