import { expect } from 'vitest';
import type { CliOption } from '../../src/main/core/config/cli-options';
import { defaultText } from '../../src/main/core/config/cli-usage';

/** A `--help` text names every option of its table, with its value name, description and default. */
export function expectUsageListsEveryOption(usage: string, options: Record<string, CliOption>): void {
  const lines = usage.split('\n');
  for (const o of Object.values(options)) {
    const line = lines.find((l) => l.trimStart().split(/[ ,]/)[0] === o.flag);
    expect(line, o.flag).toBeDefined();
    if (o.kind === 'value') expect(line).toContain(`${o.flag} ${o.valueName} `);
    expect(line).toContain(o.description);
    const shown = defaultText(o);
    if (shown !== null) expect(line).toContain(`(default: ${shown})`);
  }
}
