import type { Reading } from './reading';
import { notUnderstood, outputLines, understood } from './reading';

/**
 * `getprop` with no argument. Android's toolbox prints every property as `[name]: [value]`, one
 * per line; a value holding newlines runs on to the line that ends in `]` (seen in the corpus:
 * `persist.sys.boot.reason.history`, camera fuse ids). Corpus: `test/fixtures/android/getprop/`.
 */
export function readGetprop(output: string): Reading<Record<string, string>> {
  const props: Record<string, string> = {};
  let open: { name: string; value: string[] } | null = null;
  let stray = 0;
  for (const line of outputLines(output)) {
    if (open) {
      if (line.endsWith(']')) {
        open.value.push(line.slice(0, -1));
        props[open.name] = open.value.join('\n');
        open = null;
      } else open.value.push(line);
      continue;
    }
    const m = /^\[([^\]]+)\]: \[(.*)$/.exec(line);
    if (!m) {
      if (line.trim() !== '') stray++;
      continue;
    }
    if (m[2].endsWith(']')) props[m[1]] = m[2].slice(0, -1);
    else open = { name: m[1], value: [m[2]] };
  }
  const count = Object.keys(props).length;
  if (count === 0) return notUnderstood('no `[name]: [value]` lines');
  if (stray > count) return notUnderstood(`${stray} lines are not properties`);
  const shown = ['ro.product.brand', 'ro.product.model', 'ro.build.version.release', 'ro.build.version.sdk']
    .filter((k) => k in props)
    .map((k) => `[${k}]: [${props[k]}]`);
  return understood(props, shown);
}

/**
 * The vendor ROM, from the property each one sets (values as the corpus shows them):
 * MIUI `ro.miui.ui.version.name` = `V125`; HyperOS `ro.mi.os.version.name` = `OS3.0`;
 * EMUI `ro.build.version.emui` = `EmotionUI_9.1.0`; HarmonyOS `hw_sc.build.platform.version`;
 * realme UI `ro.build.version.realmeui` = `V3.0`; ColorOS `ro.build.version.oplusrom` (older
 * `ro.build.version.opporom`) = `V12.1`;
 * vivo `ro.vivo.os.name` + `ro.vivo.os.version`.
 */
export function romOf(p: Readonly<Record<string, string>>): string | null {
  if (p['ro.mi.os.version.name']) return `HyperOS ${p['ro.mi.os.version.name'].replace(/^OS/, '')}`;
  if (p['ro.miui.ui.version.name']) return `MIUI ${p['ro.miui.ui.version.name']}`;
  if (p['hw_sc.build.platform.version']) return `HarmonyOS ${p['hw_sc.build.platform.version']}`;
  if (p['ro.build.version.emui']) return p['ro.build.version.emui'].replace(/^EmotionUI_/, 'EMUI ');
  if (p['ro.build.version.realmeui']) return `realme UI ${p['ro.build.version.realmeui']}`;
  const oplus = p['ro.build.version.oplusrom'] ?? p['ro.build.version.opporom'];
  if (oplus) return `ColorOS ${oplus}`;
  if (p['ro.vivo.os.version']) return `${p['ro.vivo.os.name'] ?? 'vivo OS'} ${p['ro.vivo.os.version']}`;
  return null;
}
