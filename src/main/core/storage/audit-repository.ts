import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  id: number;
  at: number;
  /** Who did it: a user name, `api`, or `station` for automatic actions. */
  actor: string;
  action: string;
  /** What it was done to, e.g. `payment:<orderNo>`. */
  subject: string;
  detail: Record<string, unknown>;
}

export interface AuditRepository {
  append(entry: Omit<AuditEntry, 'id'>): number;
  forSubject(subject: string): AuditEntry[];
  recent(limit: number): AuditEntry[];
  /** For each subject with an entry of one of `actions`, the newest such entry. */
  latestPerSubject(actions: readonly string[]): AuditEntry[];
}

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  ...r,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
});

export function createAuditRepository(db: Database): AuditRepository {
  const append = db.prepare(
    'INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const forSubject = db.prepare('SELECT * FROM audit_log WHERE subject = ? ORDER BY id');
  const recent = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  return {
    append: (e) =>
      Number(append.run(e.at, e.actor, e.action, e.subject, JSON.stringify(e.detail)).lastInsertRowid),
    forSubject: (subject) => (forSubject.all(subject) as AuditRow[]).map(toEntry),
    recent: (limit) => (recent.all(limit) as AuditRow[]).map(toEntry),
    latestPerSubject(actions) {
      if (actions.length === 0) return [];
      const marks = actions.map(() => '?').join(', ');
      const rows = db
        .prepare(
          `SELECT * FROM audit_log WHERE id IN
             (SELECT MAX(id) FROM audit_log WHERE action IN (${marks}) GROUP BY subject)
           ORDER BY id`,
        )
        .all(...actions) as AuditRow[];
      return rows.map(toEntry);
    },
  };
}
