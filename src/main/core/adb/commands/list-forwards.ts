import type { AdbForward } from '../adb-port';
import type { AdbEndpoint } from '../host-request';
import { hostRequest } from '../host-request';

/** Parses `host:list-forward`: one `<serial> <local> <remote>` per line. */
export function parseForwardList(text: string): AdbForward[] {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((t) => t.length === 3)
    .map(([serial, local, remote]) => ({ serial, local, remote }));
}

/** `host:list-forward`: every device's forwards on this server. */
export async function listForwards(endpoint: AdbEndpoint, timeoutMs: number): Promise<AdbForward[]> {
  return parseForwardList(await hostRequest(endpoint, 'host:list-forward', 'value', { timeoutMs }));
}
