/**
 * `dumpsys deviceidle whitelist` of a profile: the captured list, with our app on the user
 * whitelist when the cashier exempted it. DeviceIdleController prints the user block last, as
 * `pw.print("user,"); pw.print(pkg); pw.print(","); pw.println(appId)`, so it is appended.
 */
export function renderDeviceIdle(base: string, ours: { pkg: string; appId: number } | null): string {
  const text = base.endsWith('\n') || base === '' ? base : `${base}\n`;
  return ours ? `${text}user,${ours.pkg},${ours.appId}\n` : text;
}
