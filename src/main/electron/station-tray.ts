import path from 'node:path';
import type { NativeImage } from 'electron';
import { Menu, nativeImage, Tray } from 'electron';
import type { DesktopPrefs } from './desktop-prefs';
import type { TrayIconKind, TrayView } from './tray-view';

export interface StationTrayOptions {
  /** Folder holding `tray-ok.png`, `tray-idle.png` and `tray-attention.png`. */
  iconsDir: string;
  onShow: () => void;
  /** Mute for 30 min, or unmute when muted. */
  onToggleMute: () => void;
  onPrefs: (patch: Partial<DesktopPrefs>) => void;
  onQuit: () => void;
}

export interface StationTray {
  render(view: TrayView, prefs: DesktopPrefs): void;
  destroy(): void;
}

/** The tray icon: its picture and tooltip follow the station, its menu drives the shell. */
export function createStationTray(options: StationTrayOptions): StationTray {
  const images = new Map<TrayIconKind, NativeImage>();
  const image = (kind: TrayIconKind): NativeImage => {
    let img = images.get(kind);
    if (!img) {
      img = nativeImage.createFromPath(path.join(options.iconsDir, `tray-${kind}.png`));
      images.set(kind, img);
    }
    return img;
  };
  const tray = new Tray(image('idle'));
  // Windows and most Linux trays open the window on a click; the menu is on the right button.
  tray.on('click', () => options.onShow());
  let shown: TrayIconKind = 'idle';

  return {
    render(view, prefs) {
      if (tray.isDestroyed()) return;
      if (view.icon !== shown) {
        tray.setImage(image(view.icon));
        shown = view.icon;
      }
      tray.setToolTip(view.tooltip);
      if (process.platform === 'darwin') tray.setTitle(view.title);
      tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: view.menu.show, click: () => options.onShow() },
          { label: view.menu.mute, click: () => options.onToggleMute() },
          { type: 'separator' },
          {
            label: view.menu.startWithSystem,
            type: 'checkbox',
            checked: prefs.startWithSystem,
            click: (item) => options.onPrefs({ startWithSystem: item.checked }),
          },
          {
            label: view.menu.closeToTray,
            type: 'checkbox',
            checked: prefs.closeToTray,
            click: (item) => options.onPrefs({ closeToTray: item.checked }),
          },
          { type: 'separator' },
          { label: view.menu.quit, click: () => options.onQuit() },
        ]),
      );
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
