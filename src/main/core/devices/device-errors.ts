/** Errors the device service throws to its callers (UI, payment engine). */

export class UnknownDeviceError extends Error {
  readonly code = 'DEVICE_UNKNOWN';
  constructor(readonly serial: string) {
    super(`No phone ${serial} is attached; check the cable, then pick a phone from the device list.`);
    this.name = 'UnknownDeviceError';
  }
}

export class DeviceUnavailableError extends Error {
  readonly code = 'DEVICE_UNAVAILABLE';
  constructor(
    readonly serial: string,
    readonly state: string,
  ) {
    super(`Phone ${serial} is ${state}, so adb cannot reach it; follow the hint shown for the phone first.`);
    this.name = 'DeviceUnavailableError';
  }
}

export class AppStartFailedError extends Error {
  readonly code = 'APP_START_FAILED';
  constructor(
    readonly serial: string,
    readonly output: string,
  ) {
    super(
      `The phone ${serial} could not start the activity: ${output.trim()}. ` +
        'Check the app package and activity in Settings and that the app is installed.',
    );
    this.name = 'AppStartFailedError';
  }
}

export class AppRestartTimeoutError extends Error {
  readonly code = 'APP_RESTART_TIMEOUT';
  constructor(
    readonly serial: string,
    readonly waitedMs: number,
  ) {
    super(
      `The phone app on ${serial} was started but did not listen within ${waitedMs} ms; ` +
        'open it on the phone to see whether it crashes, then try again.',
    );
    this.name = 'AppRestartTimeoutError';
  }
}
