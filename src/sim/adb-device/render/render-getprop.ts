/**
 * `getprop` of a profile: the captured listing (toybox: `printf("[%s]: [%s]\n", name, value)`,
 * sorted by name), with the values a test overrides replaced in place, or inserted in sorted
 * position where the capture does not have the property.
 */
export function renderGetprop(base: string, overrides: Readonly<Record<string, string>>): string {
  const lines = base.split('\n');
  for (const [name, value] of Object.entries(overrides)) {
    const line = `[${name}]: [${value}]`;
    const at = lines.findIndex((l) => l.startsWith(`[${name}]: [`));
    if (at >= 0) {
      lines[at] = line;
      continue;
    }
    const after = lines.findIndex((l) => /^\[/.test(l) && l > line);
    lines.splice(after < 0 ? lines.length - (lines.at(-1) === '' ? 1 : 0) : after, 0, line);
  }
  return lines.join('\n');
}

/**
 * `getprop <name>`: toybox's getprop_main `puts()` the value, or the default (empty) for a
 * property that is not set: one line either way.
 */
export function getpropValue(base: string, name: string): string | null {
  const m = new RegExp(`^\\[${name.replace(/[.]/g, '\\.')}\\]: \\[(.*)\\]$`, 'm').exec(base);
  return m ? m[1] : null;
}
