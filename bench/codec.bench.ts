import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MUtf8Decoder, MUtf8Encoder } from 'mutf-8';
import { build } from 'vite';
import type * as CodecModule from './codec-entry';
import { electronLineNode } from './electron-node';
import { compileJava } from '../test/support/java-ref';
import { createRng } from '../test/support/random-text';

// Codec throughput, three ways in one run: ours, the JVM's DataOutputStream/DataInputStream, and
// the npm package mutf-8 (payload only: it has no framing, which slightly favours it).

const WARMUP_MS = 1000;
const MEASURE_MS = 2000;

function jsonCommands(n: number): string[] {
  const rng = createRng(1);
  const hex = () =>
    Math.floor(rng() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      groupId: 1,
      msg: `https://qr.alipay.com/fkx${hex()}${hex()}?t=${hex()}&amount=${(i % 9999) / 100}`,
    }),
  );
}

function cjkTexts(n: number): string[] {
  const rng = createRng(2);
  const han = () => String.fromCharCode(0x4e00 + Math.floor(rng() * 0x5200));
  return Array.from({ length: n }, (_, i) => {
    let s = `你已成功付款${(i % 9999) / 100}元，`;
    const len = 40 + Math.floor(rng() * 80);
    for (let k = 0; k < len; k++) s += han();
    return s;
  });
}

type Codec = typeof CodecModule;

/**
 * The codec as the station runs it: bench/codec-entry.ts bundled by vite into one CommonJS file,
 * loaded with Node's own require (not through vite-node, which would wrap it module by module).
 */
async function shippedCodec(): Promise<Codec> {
  const dir = mkdtempSync(path.join(tmpdir(), 'codec-bundle-'));
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        ssr: path.join(__dirname, 'codec-entry.ts'),
        outDir: dir,
        minify: false,
        target: 'node20',
        rollupOptions: { output: { format: 'cjs', entryFileNames: 'codec.cjs' } },
      },
    });
    return createRequire(__filename)(path.join(dir, 'codec.cjs')) as Codec;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rate(bytesPerPass: number, pass: () => number): number {
  let sink = 0;
  let end = performance.now() + WARMUP_MS;
  while (performance.now() < end) sink += pass();
  let passes = 0;
  const start = performance.now();
  end = start + MEASURE_MS;
  let now: number;
  do {
    sink += pass();
    passes++;
    now = performance.now();
  } while (now < end);
  if (sink === -1) console.log('');
  return (bytesPerPass * passes) / ((now - start) / 1000) / 1e6;
}

/**
 * Like for like with the JVM side: encode appends every frame to one growing buffer
 * (DataOutputStream over a ByteArrayOutputStream); decode reads the concatenated frames
 * (DataInputStream over a byte array), fed in 64 KiB chunks as a socket would deliver them.
 * `encodeFrame` (one Buffer per frame, what the phone client uses) is reported too.
 */
function measureOurs(
  { encodeFrame, FrameDecoder, FrameWriter, useWasm }: Codec,
  strings: string[],
): {
  enc: number;
  encJs: number;
  encFrame: number;
  dec: number;
  decJs: number;
  payload: number;
} {
  const stream = Buffer.concat(strings.map(encodeFrame));
  const payload = stream.length - 2 * strings.length;
  const writer = new FrameWriter(stream.length);
  const encodeAll = () => {
    writer.reset();
    for (const s of strings) writer.write(s);
    return writer.byteLength;
  };
  const enc = rate(payload, encodeAll);
  const encFrame = rate(payload, () => {
    let n = 0;
    for (const s of strings) n += encodeFrame(s).length;
    return n;
  });
  const CHUNK = 65_536;
  const decodeAll = () => {
    const d = new FrameDecoder();
    let n = 0;
    for (let p = 0; p < stream.length; p += CHUNK) n += d.push(stream.subarray(p, p + CHUNK)).length;
    return n;
  };
  const dec = rate(payload, decodeAll);
  // The same with the JS loops, as they run where WebAssembly is unavailable.
  useWasm(false);
  const encJs = rate(payload, encodeAll);
  const decJs = rate(payload, decodeAll);
  useWasm(true);
  return { enc, encJs, encFrame, dec, decJs, payload };
}

function measureMutf8(strings: string[], payload: number): { enc: number; dec: number } {
  const encoder = new MUtf8Encoder();
  const decoder = new MUtf8Decoder();
  const encoded = strings.map((s) => encoder.encode(s));
  const enc = rate(payload, () => {
    let n = 0;
    for (const s of strings) n += encoder.encode(s).length;
    return n;
  });
  const dec = rate(payload, () => {
    let n = 0;
    for (const b of encoded) n += decoder.decode(b).length;
    return n;
  });
  return { enc, dec };
}

function measureJava(strings: string[]): { enc: number; dec: number; payload: number; frame: number } {
  const cp = compileJava('CodecBench', path.join(__dirname, 'java'));
  const dir = mkdtempSync(path.join(tmpdir(), 'codec-bench-'));
  try {
    const file = path.join(dir, 'strings.txt');
    const hex = (s: string) =>
      Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16).padStart(4, '0')).join('');
    writeFileSync(file, strings.map(hex).join('\n') + '\n');
    const r = spawnSync('java', ['-cp', cp, 'CodecBench', file, String(WARMUP_MS), String(MEASURE_MS)], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`CodecBench failed: ${r.stderr}`);
    const [enc, dec, payload, frame] = r.stdout.trim().split(/\s+/).map(Number);
    return { enc, dec, payload, frame };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rounds of ours-then-JVM per workload; each cell reports its best round. */
const ROUNDS = 2;

/** Per field, the higher throughput of two rounds (sizes are equal in both). */
function best<T extends Record<string, number>>(a: T, b: T): T {
  const out = { ...a };
  for (const key of Object.keys(a) as (keyof T)[]) out[key] = Math.max(a[key], b[key]) as T[keyof T];
  return out;
}

const f = (x: number) => x.toFixed(0).padStart(6);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** Set in the child that measures under Electron's Node line, so that it does not recurse. */
const CHILD_ENV = 'CODEC_BENCH_CHILD';

export async function run(): Promise<void> {
  await measureHere();
  if (process.env[CHILD_ENV] === '1') return;
  // The same table under the Node line Electron embeds: `npm start` and the installers run the
  // codec there, `npm run serve` under whatever Node runs it (the table above).
  const runtime = electronLineNode();
  if ('skipped' in runtime) {
    console.log(`\ncodec under Electron's Node line: skipped (${runtime.skipped})`);
    return;
  }
  if (runtime.version === process.version) {
    console.log(
      `\ncodec under Electron's Node line: the table above (${runtime.node} is ${runtime.version} too)`,
    );
    return;
  }
  const viteNode = path.join(path.dirname(require.resolve('vite-node/package.json')), 'vite-node.mjs');
  const child = spawnSync(runtime.node, [viteNode, path.join(__dirname, 'index.ts'), 'codec'], {
    stdio: 'inherit',
    env: { ...process.env, [CHILD_ENV]: '1' },
  });
  if (child.status !== 0) throw new Error(`codec bench under ${runtime.node} exited ${child.status}`);
}

async function measureHere(): Promise<void> {
  const line = process.env[CHILD_ENV] === '1' ? "Electron's Node line (npm start, installers)" : 'this Node';
  console.log(
    `\n== codec: writeUTF framing throughput (MB/s of payload; higher is better), ${line}: ${process.version} ==`,
  );
  console.log(
    `warm-up ${WARMUP_MS} ms, measure ${MEASURE_MS} ms per cell; 2,000 strings per workload; ` +
      `ours and Java take turns, ${ROUNDS} rounds each, best round per cell`,
  );
  console.log('ours: the codec bundled by vite into one file, as electron-vite builds the station');
  const codec = await shippedCodec();
  console.log('encode: FrameWriter, all frames into one buffer; Java: writeUTF into one stream');
  console.log('enc-js: the same without WebAssembly (native encoder when exact, else a JS loop)');
  console.log('frame1: encodeFrame, one Buffer per frame (the phone client); Java: writeUTF into one stream');
  console.log('frame1*: the same, against Java making one byte array per frame');
  console.log('decode: FrameDecoder in 64 KiB chunks, the wasm loop; dec-js: the same with the JS loop');
  console.log('workload        op      ours   java  mutf-8   ours/java  ours/mutf-8');
  for (const [name, strings] of [
    ['json-commands', jsonCommands(2000)],
    ['cjk-text', cjkTexts(2000)],
  ] as const) {
    // Ours and the JVM take turns, and each cell keeps its best round: a burst of load from
    // elsewhere on the machine then costs both sides alike instead of whichever ran during it.
    let ours = measureOurs(codec, [...strings]);
    let java = measureJava([...strings]);
    for (let round = 1; round < ROUNDS; round++) {
      ours = best(ours, measureOurs(codec, [...strings]));
      java = best(java, measureJava([...strings]));
    }
    if (java.payload !== ours.payload)
      throw new Error(`payload size differs: java ${java.payload}, ours ${ours.payload}`);
    const m = measureMutf8([...strings], ours.payload);
    console.log(
      `${name.padEnd(15)} encode ${f(ours.enc)} ${f(java.enc)} ${f(m.enc)}   ${ratio(ours.enc, java.enc).padStart(8)}  ${ratio(ours.enc, m.enc).padStart(10)}`,
    );
    console.log(
      `${name.padEnd(15)} enc-js ${f(ours.encJs)} ${f(java.enc)} ${f(m.enc)}   ${ratio(ours.encJs, java.enc).padStart(8)}  ${ratio(ours.encJs, m.enc).padStart(10)}`,
    );
    console.log(
      `${name.padEnd(15)} frame1 ${f(ours.encFrame)} ${f(java.enc)} ${f(m.enc)}   ${ratio(ours.encFrame, java.enc).padStart(8)}  ${ratio(ours.encFrame, m.enc).padStart(10)}`,
    );
    console.log(
      `${name.padEnd(15)} frame1* ${f(ours.encFrame)} ${f(java.frame)} ${f(m.enc)}  ${ratio(ours.encFrame, java.frame).padStart(8)}  ${ratio(ours.encFrame, m.enc).padStart(10)}`,
    );
    console.log(
      `${name.padEnd(15)} decode ${f(ours.dec)} ${f(java.dec)} ${f(m.dec)}   ${ratio(ours.dec, java.dec).padStart(8)}  ${ratio(ours.dec, m.dec).padStart(10)}`,
    );
    console.log(
      `${name.padEnd(15)} dec-js ${f(ours.decJs)} ${f(java.dec)} ${f(m.dec)}   ${ratio(ours.decJs, java.dec).padStart(8)}  ${ratio(ours.decJs, m.dec).padStart(10)}`,
    );
  }
}
