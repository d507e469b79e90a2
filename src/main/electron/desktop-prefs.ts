/** Settings that only the desktop shell has: how the window and the OS session behave. */
export interface DesktopPrefs {
  /** Start the station when the user logs in. @default false */
  startWithSystem: boolean;
  /** Closing the window hides it to the tray instead of quitting. @default true */
  closeToTray: boolean;
}

export const DEFAULT_DESKTOP_PREFS: DesktopPrefs = { startWithSystem: false, closeToTray: true };

/** Kept in the station's settings table, next to the window's settings. */
export const DESKTOP_PREFS_KEY = 'station.desktop';

/** The settings table (`core.storage.settings`), structurally. */
export interface PrefsStore {
  all(): Map<string, unknown>;
  put(values: Record<string, unknown>, at: number): void;
}

/** Stored value → prefs; each field that is missing or of the wrong type falls back to its default. */
export function parseDesktopPrefs(raw: unknown): DesktopPrefs {
  const v = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    startWithSystem:
      typeof v.startWithSystem === 'boolean' ? v.startWithSystem : DEFAULT_DESKTOP_PREFS.startWithSystem,
    closeToTray: typeof v.closeToTray === 'boolean' ? v.closeToTray : DEFAULT_DESKTOP_PREFS.closeToTray,
  };
}

export interface DesktopPrefsHandle {
  get(): DesktopPrefs;
  update(patch: Partial<DesktopPrefs>): DesktopPrefs;
}

export function createDesktopPrefs(store: PrefsStore, now: () => number): DesktopPrefsHandle {
  let prefs = parseDesktopPrefs(store.all().get(DESKTOP_PREFS_KEY));
  return {
    get: () => prefs,
    update(patch) {
      prefs = { ...prefs, ...patch };
      store.put({ [DESKTOP_PREFS_KEY]: prefs }, now());
      return prefs;
    },
  };
}
