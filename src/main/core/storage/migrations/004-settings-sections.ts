import type { Database } from 'better-sqlite3';
import type { Migration } from './migration-types';

/** The engine's flat keys up to version 3, by the section and field they move to. */
const FLAT_KEYS: Record<string, [section: string, field: string]> = {
  groupId: ['payments', 'groupId'],
  resultTimeoutMs: ['payments', 'resultTimeoutMs'],
  settleMs: ['payments', 'settleMs'],
  secondRestart: ['payments', 'secondRestart'],
  minResultMs: ['payments', 'minResultMs'],
  callbackMaxAttempts: ['callbacks', 'maxAttempts'],
};

/** The window's settings up to version 3 (one row), by the section each part moves to. */
const WINDOW_KEY = 'station.window';
const WINDOW_PARTS: Record<string, [section: string, field: string | null]> = {
  api: ['api', null],
  phoneApp: ['phoneApp', null],
  voice: ['voice', null],
  language: ['language', null],
  defaultExpirySec: ['payments', 'defaultExpirySec'],
};

/** Rows that only change their key. `notificationRules` already has the new key and shape. */
const RENAMED: Record<string, string> = {
  'station.desktop': 'desktop',
  'api.credentials': 'credentials',
};

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One row per settings section (`payments`, `callbacks`, `api`, `phoneApp`, `voice`, `language`,
 * `desktop`, `credentials`; `notificationRules` stays) instead of the engine's flat keys, the
 * window's `station.window`, `station.desktop` and `api.credentials`. Values move as they are,
 * valid or not: the settings service judges them when it reads them, and a bad one falls back to
 * its default alone. Only a row that is not JSON at all is dropped; it already read as missing.
 */
export const migration004SettingsSections: Migration = {
  version: 4,
  name: 'settings sections',
  up: (db: Database) => {
    const rows = db.prepare('SELECT key, value, updated_at FROM settings').all() as {
      key: string;
      value: string;
      updated_at: number;
    }[];
    const sections = new Map<string, { value: unknown; at: number }>();
    const put = (section: string, field: string | null, value: unknown, at: number) => {
      const old = sections.get(section);
      const base = old && isObject(old.value) ? old.value : {};
      sections.set(section, {
        value: field === null ? value : { ...base, [field]: value },
        at: Math.max(old?.at ?? 0, at),
      });
    };
    const moved: string[] = [];
    for (const row of rows) {
      const flat = FLAT_KEYS[row.key];
      const renamed = RENAMED[row.key];
      if (!flat && !renamed && row.key !== WINDOW_KEY) continue;
      moved.push(row.key);
      const parsed = parse(row.value);
      if (!parsed.ok) continue;
      if (flat) put(flat[0], flat[1], parsed.value, row.updated_at);
      else if (renamed) put(renamed, null, parsed.value, row.updated_at);
      else if (isObject(parsed.value)) {
        for (const [part, [section, field]] of Object.entries(WINDOW_PARTS)) {
          if (part in parsed.value) put(section, field, parsed.value[part], row.updated_at);
        }
      }
    }
    const remove = db.prepare('DELETE FROM settings WHERE key = ?');
    for (const key of moved) remove.run(key);
    const insert = db.prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    for (const [section, { value, at }] of sections) insert.run(section, JSON.stringify(value), at);
  },
};
