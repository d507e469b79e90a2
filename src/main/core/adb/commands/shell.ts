import type { AdbkitContext } from '../adbkit-client';
import { readAll } from '../adbkit-client';
import { fromAdbkitError } from '../adbkit-errors';
import { withTimeout } from '../with-timeout';

/** Runs `command` verbatim through `shell:` and returns its whole output as UTF-8. */
export async function shell(ctx: AdbkitContext, serial: string, command: string): Promise<string> {
  const request = `shell:${command}`;
  try {
    const stream = await withTimeout<NodeJS.ReadableStream>(
      ctx.client.getDevice(serial).shell(command),
      ctx.timeoutMs,
      request,
    );
    return (await readAll(stream, request, ctx.timeoutMs)).toString('utf8');
  } catch (err) {
    throw fromAdbkitError(err, ctx.endpoint, request, serial);
  }
}
