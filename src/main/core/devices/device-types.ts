import type {
  DeviceReason,
  DeviceState,
  HealthCheckName,
  HealthStatus,
} from '../../../shared/domain/device-state';
import type { DeviceTcpOpen } from '../adb/adb-port';
import type { CareAction, CareResultKind } from '../../../shared/domain/care';
import type { TypedEmitter } from '../util/typed-emitter';

export type { DeviceTcpOpen };

/*
 * The device model shared by the device manager (which owns it), the payment engine (which
 * reads it), the HTTP API and the window. The states, the health-check names and the reason
 * shape are the shared ones (`src/shared/domain/device-state.ts`).
 */
export type { DeviceReason, DeviceState, HealthCheckName };

/**
 * What the device manager can say about a phone: every state but `busy`, which only the payment
 * engine knows. Its `needs-attention` is for the phone's own problems (a locked screen, no
 * forward…); the engine's reasons (settling, restarting the app) are added where phones are shown.
 */
export type DeviceReadiness = Exclude<DeviceState, 'busy'>;

export interface HealthCheckResult {
  name: HealthCheckName;
  /**
   * `fail` only when the output positively shows the bad state; `warn` when it could not be
   * read or does not decide: a warning never blocks payments.
   */
  status: HealthStatus;
  /** What is wrong or why it could not tell (technical English; the reasons carry the cashier's texts). */
  detail?: string;
  /** The lines of the output the verdict rests on. */
  evidence?: string;
  /** The shell command whose output was read; its whole output is in {@link DeviceService.diagnostics}. */
  command?: string;
  checkedAt: number;
}

/** One shell command's whole output, as the phone printed it. */
export interface ShellCapture {
  command: string;
  output: string;
  /** The output was longer than the station keeps; this is its beginning. */
  truncated: boolean;
  at: number;
}

/** What support needs when a phone stays red: its checks and the raw outputs behind them. */
export interface DeviceDiagnostics {
  serial: string;
  health: HealthCheckResult[];
  outputs: ShellCapture[];
}

/** A phone's raw readiness: what it is, with nothing of what the payment engine does with it. */
export interface DeviceSnapshot {
  serial: string;
  state: DeviceReadiness;
  /** Null only when `state` is `ready`. */
  reason: DeviceReason | null;
  model: string | null;
  brand: string | null;
  androidVersion: string | null;
  /** The vendor ROM and its version when getprop names one (MIUI, EMUI, ColorOS…). */
  rom: string | null;
  /** The local port forwarded to the phone app, or null when there is no forward. */
  localPort: number | null;
  health: HealthCheckResult[];
  /** When the device was first seen in this run (ms). */
  firstSeenAt: number;
  updatedAt: number;
}

/** How the station sees the adb server itself. */
export type AdbStatus =
  | { kind: 'starting' }
  | { kind: 'connected'; version: number | null }
  | { kind: 'missing'; detail: string }
  | { kind: 'reconnecting'; attempt: number; nextRetryAt: number; detail: string }
  | { kind: 'conflict'; detail: string };

export interface DeviceEvents extends Record<string, unknown> {
  added: DeviceSnapshot;
  changed: DeviceSnapshot;
  removed: DeviceSnapshot;
  adb: AdbStatus;
}

/** The device manager as the rest of the core sees it. No adbkit type crosses this line. */
export interface DeviceService extends TypedEmitter<DeviceEvents> {
  start(): Promise<void>;
  /** Removes the forwards this station owns and stops tracking. */
  stop(): Promise<void>;
  list(): DeviceSnapshot[];
  get(serial: string): DeviceSnapshot | undefined;
  adbStatus(): AdbStatus;
  /** `am force-stop` then `am start` of the phone app (package and activity from settings). */
  restartApp(serial: string): Promise<void>;
  /**
   * Opens the phone app's port through adb's transport (not the forward) and says whether the
   * phone accepted the connection. Resolves for every outcome; the caller owns an `open` socket.
   */
  openApp(serial: string, timeoutMs: number): Promise<DeviceTcpOpen>;
  /**
   * One shell call before a payment: the app's port listens and its listener is live. Passed
   * unless the output positively shows one of them wrong (output it cannot read passes, with
   * the reason in `detail`, like every check).
   */
  quickCheck(serial: string): Promise<QuickCheck>;
  /**
   * Runs one phone-care action (its shell commands, then a fresh health read) and says how it
   * went. It does not ask whether the phone is free: the care controller takes it first.
   */
  care(serial: string, action: CareAction): Promise<CareRun>;
  /** `am start -a android.intent.action.VIEW -d <uri>`, for diagnostics. */
  launchUri(serial: string, uri: string): Promise<void>;
  /** The outputs of the last health run and property read, or undefined for an unknown phone. */
  diagnostics(serial: string): DeviceDiagnostics | undefined;
  /** Re-runs the health checks now. */
  refresh(serial: string): Promise<DeviceSnapshot | undefined>;
}

export interface CareRun {
  result: CareResultKind;
  /** What happened, in plain words (the command's own message where it refused). */
  detail: string;
  /** The commands run and what they printed, for the device view and support. */
  outputs: ShellCapture[];
}

export interface QuickCheck {
  passed: boolean;
  detail: string;
  command: string;
}

/** Where the serial → local port map is persisted, so ports survive restarts. */
export interface PortStore {
  load(): Map<string, number>;
  save(serial: string, port: number): void;
}
