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

export function createAdbkitClient(options: AdbkitClientOptions): Client {
  return adbStatic().createClient({ host: options.host, port: options.port, bin: options.bin });
}

/** Reads a Duplex adbkit returned to the end, as a native promise. */
export function readAll(stream: NodeJS.ReadableStream, request: string, timeoutMs: number): Promise<Buffer> {
  return withTimeout(Promise.resolve(adbStatic().util.readAll(stream as never)), timeoutMs, request, () =>
    (stream as unknown as { destroy?: () => void }).destroy?.(),
  );
}
