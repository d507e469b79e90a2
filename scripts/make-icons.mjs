#!/usr/bin/env node
// Draws the app and tray icons into resources/icons/ with no image tool: a tiny PNG encoder
// (zlib from Node) and an ICO that embeds PNGs. Run again after changing the shapes:
//   node scripts/make-icons.mjs
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (size × size × 4) → PNG bytes. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** PNGs → one ICO (PNG-compressed entries, read by Windows Vista and later). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** Renders `shape(x, y) → [r, g, b, a] | null` in unit coordinates, 4×4 supersampled. */
function render(size, shape) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = shape((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          if (!c) continue;
          for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3];
          acc[3] += c[3];
        }
      }
      const o = (y * size + x) * 4;
      if (acc[3] > 0) for (let i = 0; i < 3; i++) px[o + i] = Math.round(acc[i] / acc[3]);
      px[o + 3] = Math.round(acc[3] / (S * S));
    }
  }
  return px;
}

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
const WHITE = [255, 255, 255, 255];

/** The app icon: a till (screen and drawer) on a teal rounded square. */
function appIcon(x, y) {
  if (!inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return null;
  if (inRoundRect(x, y, 0.28, 0.22, 0.72, 0.46, 0.04)) return [13, 110, 110, 255];
  if (inRoundRect(x, y, 0.24, 0.18, 0.76, 0.5, 0.06)) return WHITE;
  if (inRoundRect(x, y, 0.18, 0.56, 0.82, 0.8, 0.05)) return WHITE;
  return [13, 148, 136, 255];
}

/** Tray icons: a dot whose colour is the state, with a white till in it. */
function trayIcon(color) {
  return (x, y) => {
    const d = (x - 0.5) ** 2 + (y - 0.5) ** 2;
    if (d > 0.47 ** 2) return null;
    if (inRoundRect(x, y, 0.28, 0.3, 0.72, 0.5, 0.04)) return WHITE;
    if (inRoundRect(x, y, 0.24, 0.56, 0.76, 0.7, 0.04)) return WHITE;
    return color;
  };
}

const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../resources/icons');
mkdirSync(out, { recursive: true });
const png = (size, shape) => encodePng(size, render(size, shape));
writeFileSync(path.join(out, 'icon.png'), png(512, appIcon));
writeFileSync(
  path.join(out, 'icon.ico'),
  encodeIco([256, 48, 32, 16].map((size) => ({ size, png: png(size, appIcon) }))),
);
const TRAY = { ok: [22, 163, 74, 255], idle: [107, 114, 128, 255], attention: [234, 88, 12, 255] };
for (const [kind, color] of Object.entries(TRAY)) {
  writeFileSync(path.join(out, `tray-${kind}.png`), png(32, trayIcon(color)));
  // Electron picks @2x on high-DPI screens.
  writeFileSync(path.join(out, `tray-${kind}@2x.png`), png(64, trayIcon(color)));
}
console.error(`icons written to ${out}`);
