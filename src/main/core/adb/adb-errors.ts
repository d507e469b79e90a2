/**
 * Errors of the adb layer. Each has a stable `code` the device manager and the UI switch on,
 * and a message that says what to do next. No adbkit error escapes `src/main/core/adb/`.
 */

export class AdbError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'AdbError';
  }
}

/** Nothing answers on the adb server port. */
export class AdbServerUnavailableError extends AdbError {
  constructor(endpoint: string, detail: string, options?: { cause?: unknown }) {
    super(
      'ADB_SERVER_UNAVAILABLE',
      `No adb server answers on ${endpoint} (${detail}); the station retries by itself. ` +
        'If it persists, check that adb is installed and that nothing blocks the port.',
      options,
    );
    this.name = 'AdbServerUnavailableError';
  }
}

/** No adb binary was found in any of the places the station looks. */
export class AdbMissingError extends AdbError {
  constructor(readonly searched: readonly string[]) {
    super(
      'ADB_MISSING',
      `adb was not found (looked in: ${searched.join(', ') || 'nowhere'}). ` +
        'Install Android platform-tools or set the adb path in Settings.',
    );
    this.name = 'AdbMissingError';
  }
}

/** The adb server answered FAIL. `serverMessage` is adb's own text. */
export class AdbCommandFailedError extends AdbError {
  constructor(
    readonly request: string,
    readonly serverMessage: string,
    options?: { cause?: unknown },
  ) {
    super(
      'ADB_COMMAND_FAILED',
      `adb refused "${request}": ${serverMessage}. Check that the phone is still attached and authorized.`,
      options,
    );
    this.name = 'AdbCommandFailedError';
  }
}

/** The local port of a forward is already bound by another program. */
export class AdbPortInUseError extends AdbError {
  constructor(
    readonly localPort: number,
    serverMessage: string,
  ) {
    super(
      'ADB_PORT_IN_USE',
      `Local port ${localPort} is in use (${serverMessage}); the station picks another port from its range. ` +
        'If every port is taken, widen the forward port range in Settings.',
    );
    this.name = 'AdbPortInUseError';
  }
}

/** The device is unknown to adb, offline or unauthorized at the moment of the request. */
export class AdbDeviceUnavailableError extends AdbError {
  constructor(
    readonly serial: string,
    serverMessage: string,
    options?: { cause?: unknown },
  ) {
    super(
      'ADB_DEVICE_UNAVAILABLE',
      `Phone ${serial} is not available to adb (${serverMessage}). Check the cable and that USB debugging is allowed.`,
      options,
    );
    this.name = 'AdbDeviceUnavailableError';
  }
}

/** The adb server did not answer in time. */
export class AdbTimeoutError extends AdbError {
  constructor(
    readonly request: string,
    readonly timeoutMs: number,
  ) {
    super(
      'ADB_TIMEOUT',
      `adb did not answer "${request}" within ${timeoutMs} ms; the station retries. ` +
        'If it persists, restart the adb server (adb kill-server) or unplug and replug the phone.',
    );
    this.name = 'AdbTimeoutError';
  }
}

/** The adb server answered something that is not the adb host protocol. */
export class AdbProtocolError extends AdbError {
  constructor(
    readonly request: string,
    detail: string,
  ) {
    super(
      'ADB_PROTOCOL',
      `Unexpected answer to "${request}": ${detail}. Is another program listening on the adb port?`,
    );
    this.name = 'AdbProtocolError';
  }
}
