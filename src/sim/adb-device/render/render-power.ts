/**
 * `dumpsys power` of a profile: the captured dump with the wakefulness set to the simulated
 * phone's screen state. PowerManagerInternal.wakefulnessToString names it `Awake`, or, with the
 * screen off, `Asleep` or `Dozing`: phones that doze (HyperOS, Android 14 in the corpus) say
 * `Dozing`, so the profile says which word its phone uses. The old `Display Power: state=`
 * line follows the screen too (`ON` / `OFF`, Display.stateToString).
 */
export function renderPower(base: string, screenOn: boolean, offWord: 'Asleep' | 'Dozing'): string {
  return base
    .split('\n')
    .map((line) =>
      line
        .replace(/^( {2}mWakefulness=)\w+$/, `$1${screenOn ? 'Awake' : offWord}`)
        .replace(/^(Display Power: state=)\w+$/, `$1${screenOn ? 'ON' : 'OFF'}`),
    )
    .join('\n');
}
