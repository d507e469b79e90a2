import { describe, expect, it } from 'vitest';
import { createCredentialsProvider } from '../../../src/main/core/http/api-credentials';
import { createSettingsService } from '../../../src/main/core/settings/settings-service';
import { migrate } from '../../../src/main/core/storage/migrate';
import { createSettingsRepository } from '../../../src/main/core/storage/settings-repository';
import { useMigrationDb } from '../../support/migration-db';

const m = useMigrationDb();

const RULES = { successKeywords: ['到账'], failureKeywords: [], amountPatterns: ['(\\d+)元'] };
const CREDENTIALS = { key: 'cs_kept_key_001', secret: 'kept-secret-0123456789' };

/** What a version-3 station wrote: the engine's flat keys, the window's row, the shell's, the pair. */
function insertVersion3Rows(): void {
  const insert = m.db().prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
  insert.run('resultTimeoutMs', '30000', 10);
  insert.run('groupId', '3', 11);
  // A hand edit left a word where a number belongs: it moves, and only it falls back.
  insert.run('settleMs', '"sixty"', 12);
  insert.run('secondRestart', 'false', 13);
  // Not JSON at all: it already read as missing, and is dropped.
  insert.run('minResultMs', '0,5', 14);
  insert.run('callbackMaxAttempts', '5', 15);
  insert.run('notificationRules', JSON.stringify(RULES), 16);
  insert.run(
    'station.window',
    JSON.stringify({
      api: { httpPort: 18080 },
      phoneApp: { package: 'com.shop.pay', activity: '.Main', port: 10020 },
      defaultExpirySec: 300,
      voice: {
        enabled: true,
        volume: 0.5,
        repeatIntervalSec: 90,
        quietHours: { enabled: true, start: '23:00', end: '07:00', allowPaymentTrouble: false },
        speakAmounts: false,
        announce: {
          newOrder: true,
          rush: true,
          paymentSucceeded: false,
          paymentTrouble: true,
          devices: true,
        },
      },
      language: 'en',
    }),
    20,
  );
  insert.run('station.desktop', JSON.stringify({ startWithSystem: true, closeToTray: false }), 21);
  insert.run('api.credentials', JSON.stringify(CREDENTIALS), 22);
}

function rows(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const all = m.db().prepare('SELECT key, value FROM settings ORDER BY key').all() as {
    key: string;
    value: string;
  }[];
  for (const r of all) out[r.key] = JSON.parse(r.value);
  return out;
}

describe('migration 4: settings sections', () => {
  it('moves the flat engine keys and the window, desktop and credentials rows into one row per section', () => {
    migrate(m.db(), 3);
    insertVersion3Rows();

    expect(migrate(m.db(), 4)).toBe(4);
    expect(rows()).toEqual({
      payments: {
        resultTimeoutMs: 30_000,
        groupId: 3,
        settleMs: 'sixty',
        secondRestart: false,
        defaultExpirySec: 300,
      },
      callbacks: { maxAttempts: 5 },
      notificationRules: RULES,
      api: { httpPort: 18080 },
      phoneApp: { package: 'com.shop.pay', activity: '.Main', port: 10020 },
      voice: expect.objectContaining({ volume: 0.5, repeatIntervalSec: 90, speakAmounts: false }),
      language: 'en',
      desktop: { startWithSystem: true, closeToTray: false },
      credentials: CREDENTIALS,
    });
    // Each section is as recent as the newest row it came from.
    expect(m.db().prepare("SELECT updated_at FROM settings WHERE key = 'payments'").get()).toEqual({
      updated_at: 20,
    });
  });

  it('leaves the station with every good value, and the bad ones alone at their defaults', () => {
    migrate(m.db(), 3);
    insertVersion3Rows();
    migrate(m.db(), 4);
    const settings = createSettingsService({
      repository: createSettingsRepository(m.db()),
      credentials: (store) => createCredentialsProvider({ store, env: {} }),
    });
    expect(settings.get()).toMatchObject({
      payments: {
        resultTimeoutMs: 30_000,
        groupId: 3,
        settleMs: 60_000,
        secondRestart: false,
        minResultMs: 1_500,
        defaultExpirySec: 300,
      },
      callbacks: { maxAttempts: 5 },
      notificationRules: RULES,
      api: { httpPort: 18080 },
      phoneApp: { package: 'com.shop.pay', activity: '.Main', port: 10020 },
      voice: { volume: 0.5, quietHours: { enabled: true, start: '23:00' } },
      language: 'en',
      desktop: { startWithSystem: true, closeToTray: false },
      apiKey: CREDENTIALS.key,
    });
    expect(settings.revealSecret()).toBe(CREDENTIALS.secret);
  });

  it('migrates a station that never saved a setting to an empty table', () => {
    migrate(m.db(), 3);
    expect(migrate(m.db(), 4)).toBe(4);
    expect(rows()).toEqual({});
  });
});
