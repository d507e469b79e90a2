import { AdbCommandFailedError, AdbDeviceUnavailableError, AdbPortInUseError } from '../adb-errors';
import type { AdbEndpoint } from '../host-request';
import { hostRequest } from '../host-request';

/**
 * `host-serial:<serial>:forward:tcp:<local>;<remote>`. Forwarding a port again rebinds it, even
 * to another device, so callers must check the port is not someone else's first.
 * Sent raw rather than through adbkit, whose forward leaves its connection to the server open
 * (one socket leaked per forward, measured by the bench).
 */
export async function forward(
  endpoint: AdbEndpoint,
  serial: string,
  localPort: number,
  remote: string,
  timeoutMs: number,
): Promise<void> {
  try {
    await hostRequest(endpoint, `host-serial:${serial}:forward:tcp:${localPort};${remote}`, 'okay-okay', {
      timeoutMs,
    });
  } catch (err) {
    if (err instanceof AdbCommandFailedError) {
      if (/cannot bind|in use/i.test(err.serverMessage))
        throw new AdbPortInUseError(localPort, err.serverMessage);
      if (/device .*not found|offline|unauthorized|authorizing/.test(err.serverMessage)) {
        throw new AdbDeviceUnavailableError(serial, err.serverMessage, { cause: err });
      }
    }
    throw err;
  }
}
