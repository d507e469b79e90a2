/** Deterministic PRNG (mulberry32) so a failing randomized case can be replayed from its seed. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/**
 * A random string mixing the classes that matter to modified UTF-8: ASCII (controls included),
 * U+0000, 2-byte Latin, CJK, other BMP, lone high and low surrogates, and emoji as pairs.
 */
export function randomText(rng: () => number, maxUnits: number): string {
  const n = pick(rng, 0, maxUnits);
  let s = '';
  while (s.length < n) {
    const r = rng();
    if (r < 0.25) s += String.fromCharCode(pick(rng, 1, 0x7f));
    else if (r < 0.3) s += '\u0000';
    else if (r < 0.4) s += String.fromCharCode(pick(rng, 0x80, 0x7ff));
    else if (r < 0.65) s += String.fromCharCode(pick(rng, 0x4e00, 0x9fff));
    else if (r < 0.72) s += String.fromCharCode(pick(rng, 0xe000, 0xffff));
    else if (r < 0.77) s += String.fromCharCode(pick(rng, 0xd800, 0xdbff));
    else if (r < 0.82) s += String.fromCharCode(pick(rng, 0xdc00, 0xdfff));
    else s += String.fromCodePoint(pick(rng, 0x1f300, 0x1faff));
  }
  return s;
}

/** Random bytes biased towards almost-valid modified UTF-8, to probe the decoder's edges. */
export function randomPayload(rng: () => number, maxBytes: number): Buffer {
  const n = pick(rng, 0, maxBytes);
  const out: number[] = [];
  while (out.length < n) {
    const r = rng();
    if (r < 0.3) out.push(pick(rng, 0, 0x7f));
    else if (r < 0.45) out.push(pick(rng, 0xc0, 0xdf), pick(rng, 0x80, 0xbf));
    else if (r < 0.65) out.push(pick(rng, 0xe0, 0xef), pick(rng, 0x80, 0xbf), pick(rng, 0x80, 0xbf));
    else if (r < 0.7) out.push(0xed, pick(rng, 0xa0, 0xbf), pick(rng, 0x80, 0xbf));
    else if (r < 0.75)
      out.push(pick(rng, 0xf0, 0xf7), pick(rng, 0x80, 0xbf), pick(rng, 0x80, 0xbf), pick(rng, 0x80, 0xbf));
    else out.push(pick(rng, 0, 0xff));
  }
  return Buffer.from(out.slice(0, n));
}
