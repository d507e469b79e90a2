import type { AdbEndpoint } from '../host-request';
import { hostRequest } from '../host-request';
import { AdbProtocolError } from '../adb-errors';

/** `host:version`: the server's protocol version as a number (41 for adb 29). */
export async function serverVersion(endpoint: AdbEndpoint, timeoutMs: number): Promise<number> {
  const hex = await hostRequest(endpoint, 'host:version', 'value', { timeoutMs });
  const v = Number.parseInt(hex, 16);
  if (!Number.isFinite(v))
    throw new AdbProtocolError('host:version', `not a hex number: ${JSON.stringify(hex)}`);
  return v;
}
