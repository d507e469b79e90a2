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
  /**
   * The adb binary adbkit runs (`-P <port> start-server`) when nothing answers on the port.
   * Tests pass `/bin/false`, so adbkit never spawns a server that outlives them.
   */
  bin: string;
}

/** The Bluebird class adbkit's promises come from, reached through one of them. */
interface BluebirdStatic {
  config?(options: { longStackTraces?: boolean; warnings?: boolean }): void;
}

/**
 * Bluebird turns on long stack traces when NODE_ENV is `development` (electron-vite dev,
 * vite-node). adbkit's tracker reads devices through an endless recursive promise chain, and
 * with long traces every device event stays reachable from it: a steady leak measured by the
 * bench (about 4 KB per plug/unplug). Turn them off for the Bluebird instance adbkit uses.
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
  return adbStatic().createClient({ host: options.host, port: options.port, bin: options.bin });
}

/** Reads a Duplex adbkit returned to the end, as a native promise. */
export function readAll(stream: NodeJS.ReadableStream, request: string, timeoutMs: number): Promise<Buffer> {
  return withTimeout(Promise.resolve(adbStatic().util.readAll(stream as never)), timeoutMs, request, () =>
    (stream as unknown as { destroy?: () => void }).destroy?.(),
  );
}
