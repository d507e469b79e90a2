// Draws the app icon into resources/icons/ (PNG for Linux and the window, ICO for Windows and
// the installer) with the same encoder the tray uses. Run after changing the shape:
//   npm run icons
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeIco, encodePng } from '../src/main/electron/png-encode';
import type { Shape } from '../src/main/electron/raster';
import { inRoundRect, rasterize, WHITE } from '../src/main/electron/raster';

/** A till (screen and drawer) on a teal rounded square. */
const appIcon: Shape = (x, y) => {
  if (!inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return null;
  if (inRoundRect(x, y, 0.28, 0.22, 0.72, 0.46, 0.04)) return [13, 110, 110, 255];
  if (inRoundRect(x, y, 0.24, 0.18, 0.76, 0.5, 0.06)) return WHITE;
  if (inRoundRect(x, y, 0.18, 0.56, 0.82, 0.8, 0.05)) return WHITE;
  return [13, 148, 136, 255];
};

const out = fileURLToPath(new URL('../resources/icons', import.meta.url));
mkdirSync(out, { recursive: true });
const png = (size: number) => encodePng(size, rasterize(size, appIcon));
writeFileSync(path.join(out, 'icon.png'), png(512));
writeFileSync(
  path.join(out, 'icon.ico'),
  encodeIco([256, 48, 32, 16].map((size) => ({ size, png: png(size) }))),
);
console.error(`icons written to ${out}`);
