import { encodePng } from './png-encode';
import type { Rgba, Shape } from './raster';
import { inRoundRect, rasterize, WHITE } from './raster';
import type { TrayIconKind } from './tray-view';

/** Green: phones ready. Grey: no phone can pay. Orange: rush reminders wait. */
export const TRAY_COLORS: Record<TrayIconKind, Rgba> = {
  ok: [22, 163, 74, 255],
  idle: [107, 114, 128, 255],
  attention: [234, 88, 12, 255],
};

// 3×5 pixel digits (and "+"), row by row, so a count is readable at 16–32 px.
const GLYPHS: Record<string, string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

/** Counts above 9 become "9+": two glyphs is what fits in a tray icon. */
export function badgeText(count: number): string {
  return count > 9 ? '9+' : String(Math.max(0, Math.floor(count)));
}

/** True where the text's pixel font covers (x, y), the text centred in the unit square. */
function textShape(text: string): (x: number, y: number) => boolean {
  const cols = text.length * 4 - 1;
  // One font pixel, in unit coordinates: the text spans at most 62 % of the width and height.
  const px = Math.min(0.62 / cols, 0.62 / 5);
  const left = 0.5 - (cols * px) / 2;
  const top = 0.5 - (5 * px) / 2;
  return (x, y) => {
    const col = Math.floor((x - left) / px);
    const row = Math.floor((y - top) / px);
    if (row < 0 || row >= 5 || col < 0 || col >= cols || col % 4 === 3) return false;
    return GLYPHS[text[Math.floor(col / 4)]]?.[row][col % 4] === '1';
  };
}

/**
 * The tray picture: a dot in the state's colour with a count on it (unread rush reminders when
 * there are some, else phones ready), or a small till when there is no count.
 */
export function drawTrayIcon(kind: TrayIconKind, badge: string | null, size: number): Buffer {
  const color = TRAY_COLORS[kind];
  const text = badge ? textShape(badge) : null;
  const shape: Shape = (x, y) => {
    if ((x - 0.5) ** 2 + (y - 0.5) ** 2 > 0.47 ** 2) return null;
    if (text) return text(x, y) ? WHITE : color;
    if (inRoundRect(x, y, 0.28, 0.3, 0.72, 0.5, 0.04) || inRoundRect(x, y, 0.24, 0.56, 0.76, 0.7, 0.04))
      return WHITE;
    return color;
  };
  return encodePng(size, rasterize(size, shape));
}
