import { describe, expect, it } from 'vitest';
import { createSettingsService } from '../../../../../src/main/core/settings/settings-service';
import type { SettingsView } from '../../../../../src/shared/contract/settings-schemas';
import { credentialsFrom, memorySettingsTable, PINNED_ENV } from '../../../../support/memory-settings';

describe('settings service: API credentials', () => {
  it('generates a pair once, keeps it in its own row, and regenerates it with a change event', () => {
    const table = memorySettingsTable();
    const s = createSettingsService({ repository: table, credentials: credentialsFrom() });
    const first = s.get().apiKey;
    expect(table.rows.get('credentials')).toEqual({ key: first, secret: s.revealSecret() });
    // The stored pair survives a restart.
    expect(createSettingsService({ repository: table, credentials: credentialsFrom() }).get().apiKey).toBe(
      first,
    );

    const seen: SettingsView[] = [];
    s.on('changed', (v) => seen.push(v));
    const fresh = s.regenerateCredentials();
    expect(fresh.apiKey).not.toBe(first);
    expect(s.get().apiKey).toBe(fresh.apiKey);
    expect(s.revealSecret()).toBe(fresh.secret);
    expect(s.credentials.current()).toEqual({ key: fresh.apiKey, secret: fresh.secret });
    expect(seen.map((v) => v.apiKey)).toEqual([fresh.apiKey]);
    expect(JSON.stringify(seen)).not.toContain(fresh.secret);
    expect(table.rows.get('credentials')).toEqual({ key: fresh.apiKey, secret: fresh.secret });
  });

  it('takes the pair the environment pins, never stores it, and refuses to regenerate it', () => {
    const table = memorySettingsTable();
    const s = createSettingsService({ repository: table, credentials: credentialsFrom(PINNED_ENV) });
    expect(s.get()).toMatchObject({ apiKey: PINNED_ENV.STATION_API_KEY, credentialsSource: 'env' });
    expect(s.revealSecret()).toBe(PINNED_ENV.STATION_API_SECRET);
    expect(s.credentials.source).toBe('env');
    const seen: unknown[] = [];
    s.on('changed', (v) => seen.push(v));
    expect(() => s.regenerateCredentials()).toThrow(expect.objectContaining({ code: 'CREDENTIALS_CONFIG' }));
    expect(seen).toEqual([]);
    expect(table.rows.has('credentials')).toBe(false);
  });

  it('replaces a damaged stored pair instead of using it half-working', () => {
    const table = memorySettingsTable({ credentials: { key: 'short', secret: 42 } });
    const s = createSettingsService({ repository: table, credentials: credentialsFrom() });
    expect(s.get().apiKey).toMatch(/^cs_/);
    expect(table.rows.get('credentials')).toEqual({ key: s.get().apiKey, secret: s.revealSecret() });
  });
});
