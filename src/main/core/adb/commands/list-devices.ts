import type { AdbDeviceEntry } from '../adb-port';
import { toAdbDeviceType } from '../adb-port';
import type { AdbEndpoint } from '../host-request';
import { hostRequest } from '../host-request';

/**
 * Parses `host:devices-l`: `<serial> <state> [key:value…]`, columns separated by spaces.
 * The state "no permissions (…)" has spaces of its own, so everything up to the first
 * `key:value` token is the state.
 */
export function parseDevicesL(text: string): AdbDeviceEntry[] {
  const out: AdbDeviceEntry[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const tokens = trimmed.split(/\s+/);
    const serial = tokens[0];
    const stateWords: string[] = [];
    for (const t of tokens.slice(1)) {
      if (/^[a-z_]+:/.test(t) && stateWords.length > 0) break;
      stateWords.push(t);
    }
    const rawType = stateWords.join(' ');
    const head = rawType.startsWith('no permissions') ? 'no permissions' : (stateWords[0] ?? '');
    out.push({ serial, type: toAdbDeviceType(head), rawType });
  }
  return out;
}

/** `host:devices-l`; unlike track-devices on adb 29, it shows `unauthorized` phones. */
export async function listDevices(endpoint: AdbEndpoint, timeoutMs: number): Promise<AdbDeviceEntry[]> {
  return parseDevicesL(await hostRequest(endpoint, 'host:devices-l', 'value', { timeoutMs }));
}
