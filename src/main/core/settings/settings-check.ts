import type { StationSettings } from '../../../shared/settings/station-settings';
import { printerSettingsIssues } from '../../../shared/settings/printer-settings';
import { stationSettingsSchema } from '../../../shared/settings/station-settings';
import { compileRules, InvalidRulesError } from '../phone/notification-reader';
import type { SettingsIssue } from './settings-errors';

export type SettingsCheck = { ok: true; settings: StationSettings } | { ok: false; issues: SettingsIssue[] };

interface IssueLike {
  path: PropertyKey[];
  message: string;
}

export function issuesOf(issues: readonly IssueLike[], prefix: PropertyKey[] = []): SettingsIssue[] {
  return issues.map((i) => ({ path: [...prefix, ...i.path].map(String).join('.'), message: i.message }));
}

/**
 * The notification rules as the engine will compile them. The shared schema already refuses a
 * pattern that does not compile; the engine also needs a capture group around the amount, which
 * only `compileRules` knows. Checked here so that rules the engine cannot use are never saved.
 */
export function checkNotificationRules(rules: StationSettings['notificationRules']): SettingsIssue[] {
  try {
    compileRules(rules);
    return [];
  } catch (err) {
    if (!(err instanceof InvalidRulesError)) throw err;
    return issuesOf([{ path: err.path, message: err.message }], ['notificationRules']);
  }
}

/** Validates a whole settings object with the shared schema, then with the engine's own rules. */
export function checkSettings(candidate: unknown): SettingsCheck {
  const r = stationSettingsSchema.safeParse(candidate);
  if (!r.success) return { ok: false, issues: issuesOf(r.error.issues) };
  const issues = [
    ...checkNotificationRules(r.data.notificationRules),
    ...printerSettingsIssues(r.data.printer),
  ];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, settings: r.data };
}
