import type { AdbkitContext } from '../adbkit-client';
import { AdbCommandFailedError, AdbPortInUseError } from '../adb-errors';
import { fromAdbkitError } from '../adbkit-errors';
import { withTimeout } from '../with-timeout';

/**
 * `host-serial:<serial>:forward:tcp:<local>;<remote>`. Forwarding a port again rebinds it, even
 * to another device, so callers must check the port is not someone else's first.
 */
export async function forward(
  ctx: AdbkitContext,
  serial: string,
  localPort: number,
  remote: string,
): Promise<void> {
  const request = `forward tcp:${localPort} ${remote}`;
  try {
    await withTimeout<boolean>(
      ctx.client.getDevice(serial).forward(`tcp:${localPort}`, remote),
      ctx.timeoutMs,
      request,
    );
  } catch (err) {
    const mapped = fromAdbkitError(err, ctx.endpoint, request, serial);
    if (mapped instanceof AdbCommandFailedError && /cannot bind|in use/i.test(mapped.serverMessage)) {
      throw new AdbPortInUseError(localPort, mapped.serverMessage);
    }
    throw mapped;
  }
}
