import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../../src/main/core/settings/settings-schema';
import {
  createSettingsStore,
  InvalidSettingsError,
} from '../../../../../src/main/core/settings/settings-store';
import type { SettingsRepository } from '../../../../../src/main/core/storage/settings-repository';

function memoryRepo(
  initial: Record<string, unknown> = {},
): SettingsRepository & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    all: () => new Map(data),
    put: (v) => Object.entries(v).forEach(([k, x]) => data.set(k, x)),
  };
}

describe('settings store', () => {
  it('has the documented defaults', () => {
    expect(createSettingsStore({ repository: memoryRepo() }).get()).toMatchObject({
      resultTimeoutMs: 90_000,
      groupId: 1,
      settleMs: 60_000,
      secondRestart: true,
      minResultMs: 1_500,
      callbackMaxAttempts: 8,
    });
  });

  it('validates and persists only the changed keys, and emits the new settings', () => {
    const repo = memoryRepo();
    const store = createSettingsStore({ repository: repo });
    const seen: number[] = [];
    store.on('changed', (s) => seen.push(s.settleMs));
    store.update({ settleMs: 2_000, secondRestart: false });
    expect([...repo.data.keys()].sort()).toEqual(['secondRestart', 'settleMs']);
    expect(seen).toEqual([2_000]);
    expect(createSettingsStore({ repository: repo }).get()).toMatchObject({
      settleMs: 2_000,
      secondRestart: false,
    });
  });

  it('refuses invalid values with field paths and keeps the old settings', () => {
    const store = createSettingsStore({ repository: memoryRepo() });
    let err: unknown;
    try {
      store.update({
        minResultMs: -1,
        notificationRules: { ...DEFAULT_SETTINGS.notificationRules, amountPatterns: ['('] },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidSettingsError);
    const paths = (err as InvalidSettingsError).issues.map((i) => i.path);
    expect(paths).toContain('minResultMs');
    expect(paths).toContain('notificationRules');
    expect(store.get().minResultMs).toBe(1_500);
  });

  it('falls back to the default for a bad stored value alone, and applies overrides unpersisted', () => {
    const repo = memoryRepo({ settleMs: 'sixty', groupId: 3 });
    const store = createSettingsStore({ repository: repo, overrides: { minResultMs: 0 } });
    expect(store.get()).toMatchObject({ settleMs: 60_000, groupId: 3, minResultMs: 0 });
    expect(repo.data.has('minResultMs')).toBe(false);
  });
});
