/**
 * What `am start` prints (ActivityManagerShellCommand.runStartActivity), in the shapes of the
 * corpus's captures (test/fixtures/android/am-start/): `Starting: Intent { … }` first; then, for
 * an app whose task already runs, `Warning: Activity not started, its current task has been
 * brought to the front` (MIUI capture); for a missing class `Error type 3` and
 * `Error: Activity class {pkg/full.Class} does not exist.` (the component in its long form);
 * for a URI nothing handles `Error: Activity not started, unable to resolve Intent { … }`
 * (the Intent as `act=… dat=… flg=0x10000000`, as the Expo capture shows).
 */
export function startingLine(intent: string): string {
  return `Starting: Intent { ${intent} }\n`;
}

export function broughtToFront(intent: string): string {
  return `${startingLine(intent)}Warning: Activity not started, its current task has been brought to the front\n`;
}

export function classNotFound(intent: string, longComponent: string): string {
  return `${startingLine(intent)}Error type 3\nError: Activity class {${longComponent}} does not exist.\n`;
}

export function unresolved(intent: string): string {
  return `${startingLine(intent)}Error: Activity not started, unable to resolve Intent { ${intent} flg=0x10000000 }\n`;
}
