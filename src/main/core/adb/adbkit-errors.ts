import {
  AdbCommandFailedError,
  AdbDeviceUnavailableError,
  AdbError,
  AdbServerUnavailableError,
} from './adb-errors';

const SERVER_GONE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOENT', 'EACCES']);

/**
 * Turns whatever adbkit rejected with into one of our {@link AdbError}s.
 * adbkit wraps adb's FAIL text as `Failure: '<text>'`; a refused connection makes it run its
 * `bin` (`/bin/false`, see adbkit-client.ts), whose failure surfaces as an exec error.
 */
export function fromAdbkitError(err: unknown, endpoint: string, request: string, serial?: string): AdbError {
  if (err instanceof AdbError) return err;
  const e = err as (Error & { code?: string | number; cmd?: string }) | undefined;
  const message = e?.message ?? String(err);
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (
    (code && SERVER_GONE_CODES.has(code)) ||
    typeof e?.cmd === 'string' ||
    /start-server|Premature end of stream|Connection closed|ECONNREFUSED/.test(message)
  ) {
    return new AdbServerUnavailableError(endpoint, code ?? message, { cause: err });
  }
  const fail = /^Failure: '([\s\S]*)'$/.exec(message);
  const serverMessage = fail ? fail[1] : message;
  if (
    serial &&
    /device .*not found|device offline|device unauthorized|device still authorizing|no devices/.test(
      serverMessage,
    )
  ) {
    return new AdbDeviceUnavailableError(serial, serverMessage, { cause: err });
  }
  return new AdbCommandFailedError(request, serverMessage, { cause: err });
}
