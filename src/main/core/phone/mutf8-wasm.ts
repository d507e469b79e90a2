import { MUTF8_DECODE_WASM } from './mutf8-decode-wasm';

/**
 * The readUTF decoding loop compiled to WebAssembly (mutf8-decode.wat). On CJK text it decodes
 * about half again as fast as the same loop in JS (`npm run bench -- codec` prints both): wasm
 * memory accesses need no bounds check per byte, and the three bytes of a CJK character come in
 * one load. Only the loop is in wasm; ASCII-only chunks still take the one native latin1 pass,
 * and errors are described by the JS decoder.
 */

/** Bytes the caller may copy in at once: a socket chunk (64 KiB) fits, with room to spare. */
export const WASM_INPUT_BYTES = 196_608;
const OUTPUT_OFFSET = 196_608;
/** The output region holds 65,536 code units, as many as 65,536 payload bytes can make. */
export const WASM_MAX_PAYLOAD = 65_536;

export interface WasmDecoder {
  /** The wasm memory's input region, [0, WASM_INPUT_BYTES). Copy bytes here before {@link decode}. */
  readonly input: Buffer;
  /**
   * Decodes input bytes [start, end) (at most {@link WASM_MAX_PAYLOAD} of them) as one readUTF
   * payload; null when they are not valid modified UTF-8.
   */
  decode(start: number, end: number): string | null;
}

interface Ucs2Slice {
  ucs2Slice(start: number, end: number): string;
}

/** The part of the WebAssembly JS API used here; Node 20's typings do not declare it. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

function instantiate(): WasmDecoder | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return null;
  try {
    const { exports } = new api.Instance(new api.Module(Buffer.from(MUTF8_DECODE_WASM, 'base64')));
    const memory = exports.memory as { buffer: ArrayBuffer };
    const run = exports.decode as (start: number, end: number) => number;
    // The memory never grows (the module has no memory.grow), so this view stays valid.
    const all = Buffer.from(memory.buffer) as Buffer & Ucs2Slice;
    return {
      input: all.subarray(0, WASM_INPUT_BYTES),
      decode(start, end) {
        const units = run(start, end);
        return units < 0 ? null : all.ucs2Slice(OUTPUT_OFFSET, OUTPUT_OFFSET + 2 * units);
      },
    };
  } catch {
    // No WebAssembly (a V8 started with --jitless, say): the JS loop decodes everything.
    return null;
  }
}

let decoder: WasmDecoder | null | undefined;
let enabled = true;

/** The wasm decoder, or null when WebAssembly is unavailable or switched off. Made on first use. */
export function wasmDecoder(): WasmDecoder | null {
  if (!enabled) return null;
  if (decoder === undefined) decoder = instantiate();
  return decoder;
}

/**
 * Switches the wasm loop off (false) or on again, so that the benchmark and the JVM conformance
 * tests can run the JS loop too. Not a setting: both decode exactly alike.
 */
export function useWasmDecoder(on: boolean): void {
  enabled = on;
}
