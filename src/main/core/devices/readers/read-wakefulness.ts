import type { Reading } from './reading';
import { notUnderstood, outputLines, understood } from './reading';

export type Wakefulness = 'awake' | 'asleep' | 'dreaming' | 'dozing';

// AOSP PowerManagerService.dumpInternal: `pw.println("  mWakefulness=" +
// PowerManagerInternal.wakefulnessToString(…))`, whose names are exactly Asleep, Awake, Dreaming,
// Dozing (anything else prints as a number). The indent matters: Android 16 also prints an
// unindented `mWakefulness=1` inside "Power Group User Activity". HyperOS and Android 14 phones
// report `Dozing` with the screen off. Before 12, `Display Power: state=ON|OFF|DOZE` (the
// callbacks' toString); from 12 that line prints an object id. Corpus: test/fixtures/android/power/.
const WAKEFULNESS = /^ {2}mWakefulness=(\S+)$/;
const DISPLAY_POWER = /^Display Power: state=(\w+)$/;
const NAMES: Record<string, Wakefulness> = {
  Awake: 'awake',
  Asleep: 'asleep',
  Dreaming: 'dreaming',
  Dozing: 'dozing',
};
// Display.stateToString names; DOZE_SUSPEND is the doze state with the CPU suspended.
const DISPLAY: Record<string, 'on' | 'off' | 'doze'> = {
  ON: 'on',
  OFF: 'off',
  DOZE: 'doze',
  DOZE_SUSPEND: 'doze',
};

export interface PowerState {
  /** The `  mWakefulness=` line, or null where the output has none. */
  wakefulness: Wakefulness | null;
  /** The old `Display Power: state=` line, or null. */
  display: 'on' | 'off' | 'doze' | null;
}

/** `dumpsys power`: is the phone awake? */
export function readWakefulness(output: string): Reading<PowerState> {
  const lines = outputLines(output);
  const w = lines.find((l) => WAKEFULNESS.test(l));
  const d = lines.find((l) => DISPLAY_POWER.test(l));
  const evidence = [w, d].filter((l): l is string => l !== undefined);
  let wakefulness: Wakefulness | null = null;
  if (w) {
    const name = WAKEFULNESS.exec(w)![1];
    if (!NAMES[name]) return notUnderstood(`unknown wakefulness: ${name}`);
    wakefulness = NAMES[name];
  }
  let display: PowerState['display'] = null;
  if (d) {
    const state = DISPLAY_POWER.exec(d)![1];
    display = DISPLAY[state] ?? null;
    if (!display) return notUnderstood(`unknown display state: ${state}`);
  }
  if (!wakefulness && !display) return notUnderstood('no "  mWakefulness=" line');
  return understood({ wakefulness, display }, evidence);
}

/** Awake or not, from the wakefulness where printed, else from the display state. */
export function awakeness(p: PowerState): Wakefulness {
  if (p.wakefulness) return p.wakefulness;
  return p.display === 'on' ? 'awake' : p.display === 'doze' ? 'dozing' : 'asleep';
}
