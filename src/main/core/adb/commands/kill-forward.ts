import type { AdbEndpoint } from '../host-request';
import { hostRequest } from '../host-request';

/**
 * Removes one forward. adbkit has no remove, and `killforward-all` would clear every
 * program's forwards on this adb, so this is the only removal the station ever sends.
 */
export async function killForward(
  endpoint: AdbEndpoint,
  serial: string,
  localPort: number,
  timeoutMs: number,
): Promise<void> {
  await hostRequest(endpoint, `host-serial:${serial}:killforward:tcp:${localPort}`, 'okay-okay', {
    timeoutMs,
  });
}
