import type { Database } from 'better-sqlite3';

/** Raw key → JSON text. Validation lives in the settings store, not here. */
export interface SettingsRepository {
  all(): Map<string, unknown>;
  put(values: Record<string, unknown>, at: number): void;
}

export function createSettingsRepository(db: Database): SettingsRepository {
  const all = db.prepare('SELECT key, value FROM settings');
  const put = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const putAll = db.transaction((values: Record<string, unknown>, at: number) => {
    for (const [k, v] of Object.entries(values)) put.run(k, JSON.stringify(v), at);
  });
  return {
    all: () => {
      const out = new Map<string, unknown>();
      for (const r of all.all() as { key: string; value: string }[]) {
        try {
          out.set(r.key, JSON.parse(r.value));
        } catch {
          // A hand-edited, unparsable value is treated as missing: its default applies.
        }
      }
      return out;
    },
    put: (values, at) => putAll(values, at),
  };
}
