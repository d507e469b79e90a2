import { describe, expect, it } from 'vitest';
import {
  createDesktopPrefs,
  DEFAULT_DESKTOP_PREFS,
  DESKTOP_PREFS_KEY,
  parseDesktopPrefs,
} from '../../../../src/main/electron/desktop-prefs';

describe('desktop prefs', () => {
  it('falls back per field to the defaults (close to tray on, start with system off)', () => {
    expect(parseDesktopPrefs(undefined)).toEqual(DEFAULT_DESKTOP_PREFS);
    expect(DEFAULT_DESKTOP_PREFS).toEqual({ startWithSystem: false, closeToTray: true });
    expect(parseDesktopPrefs({ startWithSystem: true, closeToTray: 'yes' })).toEqual({
      startWithSystem: true,
      closeToTray: true,
    });
    expect(parseDesktopPrefs('garbage')).toEqual(DEFAULT_DESKTOP_PREFS);
  });

  it('persists updates in the settings table and reads them back', () => {
    const table = new Map<string, unknown>();
    const puts: number[] = [];
    const store = {
      all: () => new Map(table),
      put: (values: Record<string, unknown>, at: number) => {
        for (const [k, v] of Object.entries(values)) table.set(k, v);
        puts.push(at);
      },
    };
    const prefs = createDesktopPrefs(store, () => 42);
    expect(prefs.update({ closeToTray: false })).toEqual({ startWithSystem: false, closeToTray: false });
    expect(table.get(DESKTOP_PREFS_KEY)).toEqual({ startWithSystem: false, closeToTray: false });
    expect(puts).toEqual([42]);
    expect(createDesktopPrefs(store, () => 0).get().closeToTray).toBe(false);
  });
});
