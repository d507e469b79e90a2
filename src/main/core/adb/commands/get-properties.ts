import type { AdbkitContext } from '../adbkit-client';
import { fromAdbkitError } from '../adbkit-errors';
import { withTimeout } from '../with-timeout';

/** `shell:getprop`, parsed by adbkit into a plain record. */
export async function getProperties(ctx: AdbkitContext, serial: string): Promise<Record<string, string>> {
  try {
    const props = await withTimeout<Record<string, string>>(
      ctx.client.getDevice(serial).getProperties(),
      ctx.timeoutMs,
      'getprop',
    );
    return { ...props };
  } catch (err) {
    throw fromAdbkitError(err, ctx.endpoint, 'getprop', serial);
  }
}
