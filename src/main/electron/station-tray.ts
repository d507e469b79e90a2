import type { NativeImage } from 'electron';
import { Menu, nativeImage, Tray } from 'electron';
import type { DesktopSettings } from '../../shared/settings/desktop-settings';
import { drawTrayIcon } from './tray-icon';
import type { TrayView } from './tray-view';

export interface StationTrayOptions {
  onShow: () => void;
  /** Mute for 30 min, or unmute when muted. */
  onToggleMute: () => void;
  onPrefs: (patch: Partial<DesktopSettings>) => void;
  onQuit: () => void;
}

export interface StationTray {
  render(view: TrayView, prefs: DesktopSettings): void;
  destroy(): void;
}

/** The tray icon: its picture and tooltip follow the station, its menu drives the shell. */
export function createStationTray(options: StationTrayOptions): StationTray {
  const images = new Map<string, NativeImage>();
  const image = (view: Pick<TrayView, 'icon' | 'badge'>): NativeImage => {
    const key = `${view.icon}:${view.badge}`;
    let img = images.get(key);
    if (!img) {
      img = nativeImage.createFromBuffer(drawTrayIcon(view.icon, view.badge, 32));
      // High-DPI screens take the sharper copy.
      img.addRepresentation({ scaleFactor: 2, buffer: drawTrayIcon(view.icon, view.badge, 64) });
      images.set(key, img);
    }
    return img;
  };
  let shown = 'idle:0';
  const tray = new Tray(image({ icon: 'idle', badge: '0' }));
  // Windows and most Linux trays open the window on a click; the menu is on the right button.
  tray.on('click', () => options.onShow());

  return {
    render(view, prefs) {
      if (tray.isDestroyed()) return;
      if (`${view.icon}:${view.badge}` !== shown) {
        tray.setImage(image(view));
        shown = `${view.icon}:${view.badge}`;
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
