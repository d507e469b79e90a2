import { PassThrough } from 'node:stream';
import adbkitModule from '@devicefarmer/adbkit';
import type { Client } from '@devicefarmer/adbkit';
import { withTimeout } from './with-timeout';

type AdbStatic = typeof adbkitModule;

/**
 * adbkit's entry point. Its CommonJS build puts the class on `default` and on `Adb`; through
 * ESM interop (vitest) the default import is the whole module, through the bundler it is the
 * class itself, so take whichever exists.
 */
function adbStatic(): AdbStatic {
  const mod = adbkitModule as AdbStatic & { Adb?: AdbStatic; default?: AdbStatic };
  return mod.Adb ?? mod.default ?? mod;
}

/** What every adbkit-backed command gets. */
export interface AdbkitContext {
  client: Client;
  /** `host:port`, for error messages. */
  endpoint: string;
  timeoutMs: number;
}

export interface AdbkitClientOptions {
  host: string;
  port: number;
}

/** The Bluebird class adbkit's promises come from, reached through one of them. */
interface BluebirdStatic {
  config?(options: { longStackTraces?: boolean; warnings?: boolean }): void;
}

/**
 * Bluebird turns on long stack traces when NODE_ENV is `development` (electron-vite dev,
 * vite-node): every adbkit promise then captures a stack and links it to its parent's, which
 * with adbkit's recursive tracker chain was a steady leak in the bench (about 4 KB per
 * plug/unplug). Tracking is ours now, but a long-running station has no use for those traces,
 * so turn them off for the Bluebird instance adbkit uses.
 */
function disableBluebirdLongTraces(): void {
  const ended = new PassThrough();
  ended.end();
  const p = adbStatic().util.readAll(ended) as unknown as object;
  const ctor = (Object.getPrototypeOf(p) as { constructor: BluebirdStatic }).constructor;
  ctor.config?.({ longStackTraces: false, warnings: false });
}

export function createAdbkitClient(options: AdbkitClientOptions): Client {
  disableBluebirdLongTraces();
  // adbkit starts a server on its own when a connection is refused, and that server outlives
  // us; starting one is the supervisor's decision (AdbPort.startServer), so adbkit gets a
  // binary that does nothing.
  return adbStatic().createClient({ host: options.host, port: options.port, bin: '/bin/false' });
}

/** Reads a Duplex adbkit returned to the end, as a native promise. */
export function readAll(stream: NodeJS.ReadableStream, request: string, timeoutMs: number): Promise<Buffer> {
  return withTimeout(Promise.resolve(adbStatic().util.readAll(stream as never)), timeoutMs, request, () =>
    (stream as unknown as { destroy?: () => void }).destroy?.(),
  );
}
