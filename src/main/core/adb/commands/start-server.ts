import { execFile } from 'node:child_process';
import { AdbError } from '../adb-errors';

/** The adb binary could not start a server. */
export class AdbStartFailedError extends AdbError {
  constructor(bin: string, detail: string, options?: { cause?: unknown }) {
    super(
      'ADB_START_FAILED',
      `Could not start the adb server with ${bin} (${detail}). Check the adb path in Settings, or start it by hand with "adb start-server".`,
      options,
    );
    this.name = 'AdbStartFailedError';
  }
}

/**
 * `<bin> -P <port> start-server`: adb forks its daemon and returns once it listens. Used when
 * nothing answers on the port; the station's own requests never start a server by themselves.
 */
export function startServer(
  bin: string,
  port: number,
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      ['-P', String(port), 'start-server'],
      { timeout: timeoutMs, env: env ?? process.env },
      (err, _stdout, stderr) => {
        if (err) reject(new AdbStartFailedError(bin, String(stderr).trim() || err.message, { cause: err }));
        else resolve();
      },
    );
  });
}
