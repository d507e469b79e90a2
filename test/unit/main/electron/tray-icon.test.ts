import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIco, encodePng } from '../../../../src/main/electron/png-encode';
import { badgeText, drawTrayIcon, TRAY_COLORS } from '../../../../src/main/electron/tray-icon';

/** PNG → size and RGBA, for the files this encoder writes (one IDAT, filter 0 on every row). */
function decodePng(png: Buffer): { size: number; rgba: Buffer } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const size = png.readUInt32BE(16);
  expect(png.readUInt8(24)).toBe(8);
  expect(png.readUInt8(25)).toBe(6);
  const idatLength = png.readUInt32BE(33);
  expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    expect(raw[y * (size * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  }
  return { size, rgba };
}

const pixel = (img: { size: number; rgba: Buffer }, x: number, y: number) => [
  ...img.rgba.subarray((y * img.size + x) * 4, (y * img.size + x) * 4 + 4),
];

describe('encodePng / encodeIco', () => {
  it('round-trips pixels and refuses a wrong buffer size', () => {
    const rgba = Buffer.from(Array.from({ length: 2 * 2 * 4 }, (_, i) => (i * 37) % 256));
    const decoded = decodePng(encodePng(2, rgba));
    expect(decoded.size).toBe(2);
    expect(decoded.rgba.equals(rgba)).toBe(true);
    expect(() => encodePng(3, rgba)).toThrow(RangeError);
  });

  it('closes each chunk with its CRC-32 over type and data', () => {
    const png = encodePng(2, Buffer.alloc(16, 0x80));
    // IHDR of a 2×2 8-bit RGBA image and the empty IEND have fixed, well-known CRCs.
    expect(png.subarray(29, 33).toString('hex')).toBe('72b60d24');
    expect(png.subarray(-4).toString('hex')).toBe('ae426082');
  });

  it('writes an ICO directory that points at each PNG (256 stored as 0)', () => {
    const a = encodePng(2, Buffer.alloc(16));
    const ico = encodeIco([
      { size: 256, png: a },
      { size: 16, png: a },
    ]);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(2);
    expect([ico.readUInt8(6), ico.readUInt8(22)]).toEqual([0, 16]);
    const offset = ico.readUInt32LE(6 + 12);
    expect(ico.subarray(offset, offset + a.length).equals(a)).toBe(true);
  });
});

describe('drawTrayIcon', () => {
  it('is a dot in the state colour with transparent corners', () => {
    for (const kind of ['ok', 'idle', 'attention'] as const) {
      const img = decodePng(drawTrayIcon(kind, null, 32));
      expect(pixel(img, 0, 0)[3]).toBe(0);
      expect(pixel(img, 3, 16)).toEqual([...TRAY_COLORS[kind]]);
    }
  });

  it('draws the count in white, so different counts give different pictures', () => {
    const one = decodePng(drawTrayIcon('attention', '1', 32));
    // The middle column of the "1" glyph crosses the centre of the icon.
    expect(pixel(one, 16, 16)).toEqual([255, 255, 255, 255]);
    expect(drawTrayIcon('ok', '2', 32).equals(drawTrayIcon('ok', '3', 32))).toBe(false);
    expect(drawTrayIcon('ok', '9+', 64).length).toBeGreaterThan(0);
  });

  it('caps the badge at 9+', () => {
    expect([0, 7, 9, 10, 250].map(badgeText)).toEqual(['0', '7', '9', '9+', '9+']);
  });
});
