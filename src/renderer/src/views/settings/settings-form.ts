import type { TFunction } from 'i18next';
import type {
  EditableSettings,
  FieldIssue,
  SettingsPatch,
  SettingsView,
} from '../../../../shared/contract/settings-schemas';
import { editableSettingsSchema } from '../../../../shared/contract/settings-schemas';
import { LANGUAGES } from '../../../../shared/settings/language';
import { DISPATCH_VIA } from '../../../../shared/settings/payment-settings';
import { printerSettingsIssues } from '../../../../shared/settings/printer-settings';
import { PRINTER_FIELDS } from './printer-fields';

/**
 * The settings form as a flat list of fields keyed by their dotted path in `EditableSettings`.
 * The draft holds what the inputs show (text, or a boolean for switches); converting back to
 * settings happens only on save, where the shared zod schema validates the whole.
 */
export type FieldKind =
  'int' | 'seconds' | 'text' | 'secret' | 'lines' | 'bool' | 'volume' | 'time' | 'choice';

export interface FieldSpec {
  path: string;
  kind: FieldKind;
  label: string;
  section: 'api' | 'phoneApp' | 'payments' | 'rules' | 'care' | 'fleet' | 'voice' | 'printer' | 'language';
  help?: string;
  /** What to say when the text does not have the expected form, instead of the schema's message. */
  invalid?: string;
  /** For `choice`: the values, each labelled by the text `<choiceLabels>.<value>`. */
  choices?: readonly string[];
  choiceLabels?: string;
  /** For `choice`: the values are numbers (the paper width), sent as such. */
  numeric?: boolean;
}

export const SETTINGS_FIELDS: readonly FieldSpec[] = [
  {
    path: 'api.httpPort',
    kind: 'int',
    label: 'settings.httpPort',
    section: 'api',
    help: 'settings.httpPortHelp',
  },
  {
    path: 'phoneApp.package',
    kind: 'text',
    label: 'settings.package',
    section: 'phoneApp',
    help: 'settings.httpPortHelp',
  },
  {
    path: 'phoneApp.activity',
    kind: 'text',
    label: 'settings.activity',
    section: 'phoneApp',
    help: 'settings.httpPortHelp',
  },
  {
    path: 'phoneApp.port',
    kind: 'int',
    label: 'settings.appPort',
    section: 'phoneApp',
    help: 'settings.httpPortHelp',
  },
  {
    path: 'phoneApp.listener',
    kind: 'text',
    label: 'settings.appListener',
    section: 'phoneApp',
    help: 'settings.appListenerHelp',
  },
  { path: 'payments.groupId', kind: 'int', label: 'settings.groupId', section: 'payments' },
  {
    path: 'payments.dispatchVia',
    kind: 'choice',
    label: 'settings.dispatchVia',
    section: 'payments',
    choices: DISPATCH_VIA,
    choiceLabels: 'settings.dispatchVias',
    help: 'settings.dispatchViaHelp',
  },
  { path: 'payments.resultTimeoutMs', kind: 'seconds', label: 'settings.resultTimeout', section: 'payments' },
  { path: 'payments.settleMs', kind: 'seconds', label: 'settings.settle', section: 'payments' },
  { path: 'payments.minResultMs', kind: 'int', label: 'settings.minResult', section: 'payments' },
  { path: 'payments.defaultExpirySec', kind: 'int', label: 'settings.defaultExpiry', section: 'payments' },
  { path: 'payments.secondRestart', kind: 'bool', label: 'settings.secondRestart', section: 'payments' },
  {
    path: 'notificationRules.successKeywords',
    kind: 'lines',
    label: 'settings.successKeywords',
    section: 'rules',
  },
  {
    path: 'notificationRules.failureKeywords',
    kind: 'lines',
    label: 'settings.failureKeywords',
    section: 'rules',
  },
  {
    path: 'notificationRules.amountPatterns',
    kind: 'lines',
    label: 'settings.amountPatterns',
    section: 'rules',
  },
  { path: 'care.heartbeatSec', kind: 'int', label: 'settings.care.heartbeatSec', section: 'care' },
  { path: 'care.preDispatchCheck', kind: 'bool', label: 'settings.care.preDispatchCheck', section: 'care' },
  { path: 'care.reviveApp', kind: 'bool', label: 'settings.care.reviveApp', section: 'care' },
  {
    path: 'care.reviveLimitPerHour',
    kind: 'int',
    label: 'settings.care.reviveLimitPerHour',
    section: 'care',
  },
  { path: 'care.rebindListener', kind: 'bool', label: 'settings.care.rebindListener', section: 'care' },
  { path: 'care.keepAwake', kind: 'bool', label: 'settings.care.keepAwake', section: 'care' },
  { path: 'care.dismissKeyguard', kind: 'bool', label: 'settings.care.dismissKeyguard', section: 'care' },
  { path: 'care.autoWhitelist', kind: 'bool', label: 'settings.care.autoWhitelist', section: 'care' },
  {
    path: 'care.scheduledReboot.enabled',
    kind: 'bool',
    label: 'settings.care.scheduledReboot',
    section: 'care',
  },
  { path: 'care.scheduledReboot.at', kind: 'time', label: 'settings.care.rebootAt', section: 'care' },
  {
    path: 'fleet.redisUrl',
    kind: 'text',
    label: 'settings.fleet.redisUrl',
    section: 'fleet',
    help: 'settings.fleet.redisUrlHelp',
    invalid: 'settings.fleet.redisUrlInvalid',
  },
  {
    path: 'fleet.stationId',
    kind: 'text',
    label: 'settings.fleet.stationId',
    section: 'fleet',
    help: 'settings.fleet.stationIdHelp',
    invalid: 'settings.fleet.idInvalid',
  },
  {
    path: 'fleet.storeId',
    kind: 'text',
    label: 'settings.fleet.storeId',
    section: 'fleet',
    help: 'settings.fleet.storeIdHelp',
    invalid: 'settings.fleet.idInvalid',
  },
  {
    path: 'fleet.prefix',
    kind: 'text',
    label: 'settings.fleet.prefix',
    section: 'fleet',
    help: 'settings.fleet.prefixHelp',
    invalid: 'settings.fleet.prefixInvalid',
  },
  {
    path: 'fleet.secret',
    kind: 'secret',
    label: 'settings.fleet.secret',
    section: 'fleet',
    help: 'settings.fleet.secretHelp',
  },
  { path: 'fleet.paymentTtlDays', kind: 'int', label: 'settings.fleet.paymentTtlDays', section: 'fleet' },
  { path: 'voice.enabled', kind: 'bool', label: 'settings.voiceEnabled', section: 'voice' },
  { path: 'voice.volume', kind: 'volume', label: 'settings.volume', section: 'voice' },
  { path: 'voice.repeatIntervalSec', kind: 'int', label: 'settings.repeatInterval', section: 'voice' },
  { path: 'voice.quietHours.enabled', kind: 'bool', label: 'settings.quietHours', section: 'voice' },
  { path: 'voice.quietHours.start', kind: 'time', label: 'settings.quietStart', section: 'voice' },
  { path: 'voice.quietHours.end', kind: 'time', label: 'settings.quietEnd', section: 'voice' },
  {
    path: 'voice.quietHours.allowPaymentTrouble',
    kind: 'bool',
    label: 'settings.quietAllowTrouble',
    section: 'voice',
  },
  { path: 'voice.speakAmounts', kind: 'bool', label: 'settings.speakAmounts', section: 'voice' },
  { path: 'voice.announce.newOrder', kind: 'bool', label: 'settings.announceNewOrder', section: 'voice' },
  { path: 'voice.announce.rush', kind: 'bool', label: 'settings.announceRush', section: 'voice' },
  {
    path: 'voice.announce.paymentSucceeded',
    kind: 'bool',
    label: 'settings.announceSucceeded',
    section: 'voice',
  },
  {
    path: 'voice.announce.paymentTrouble',
    kind: 'bool',
    label: 'settings.announceTrouble',
    section: 'voice',
  },
  { path: 'voice.announce.devices', kind: 'bool', label: 'settings.announceDevices', section: 'voice' },
  { path: 'voice.announce.printer', kind: 'bool', label: 'settings.announcePrinter', section: 'voice' },
  {
    path: 'language',
    kind: 'choice',
    label: 'settings.languageLabel',
    section: 'language',
    choices: LANGUAGES,
    choiceLabels: 'settings.languages',
  },
  ...PRINTER_FIELDS,
];

export type Draft = Record<string, string | boolean>;

const WRITE_ONLY = new Set(SETTINGS_FIELDS.filter((f) => f.kind === 'secret').map((f) => f.path));

function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]] = value;
}

export function toDraft(settings: SettingsView): Draft {
  const draft: Draft = {};
  for (const f of SETTINGS_FIELDS) {
    const v = getPath(settings, f.path);
    // A write-only value never comes back: its field starts empty ("keep the current one").
    if (f.kind === 'secret') draft[f.path] = '';
    else if (f.kind === 'bool') draft[f.path] = v === true;
    else if (f.kind === 'lines') draft[f.path] = (v as string[]).join('\n');
    else if (f.kind === 'seconds') draft[f.path] = String((v as number) / 1000);
    else draft[f.path] = String(v);
  }
  return draft;
}

function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function fromDraft(draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of SETTINGS_FIELDS) {
    const v = draft[f.path];
    let value: unknown = v;
    if (f.kind === 'int' || f.kind === 'volume' || f.numeric) value = toNumber(String(v));
    else if (f.kind === 'seconds') value = Math.round(toNumber(String(v)) * 1000);
    else if (f.kind === 'lines')
      value = String(v)
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    setPath(out, f.path, value);
  }
  return out;
}

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
}

/** Zod's issue in the cashier's language; bounds of second fields are shown in seconds. */
function issueText(t: TFunction, issue: IssueLike, spec: FieldSpec | undefined): string {
  const scale = spec?.kind === 'seconds' ? 1000 : 1;
  const isText = spec?.kind !== undefined && ['text', 'secret', 'lines', 'time'].includes(spec.kind);
  if (spec?.invalid && (issue.code === 'invalid_format' || issue.code === 'custom')) return t(spec.invalid);
  if (issue.code === 'invalid_type') return t('validation.number');
  if (issue.code === 'too_small' && typeof issue.minimum === 'number' && !isText) {
    return t('validation.min', { min: issue.minimum / scale });
  }
  if (issue.code === 'too_big' && typeof issue.maximum === 'number' && !isText) {
    return t('validation.max', { max: issue.maximum / scale });
  }
  if (issue.code === 'invalid_format') return t('validation.format');
  if (issue.code === 'too_small' && isText) return t('validation.required');
  if (issue.code === 'too_big' && isText && typeof issue.maximum === 'number') {
    return t('validation.maxLength', { max: issue.maximum });
  }
  return issue.message;
}

/** The field a problem belongs to: a list item's issue (`…amountPatterns.2`) goes to its list. */
export function fieldOf(path: string): string {
  const f = SETTINGS_FIELDS.find((s) => path === s.path || path.startsWith(`${s.path}.`));
  return f?.path ?? path;
}

export type ValidationResult =
  { ok: true; settings: EditableSettings } | { ok: false; issues: Record<string, string> };

export function validateDraft(t: TFunction, draft: Draft): ValidationResult {
  const r = editableSettingsSchema.safeParse(fromDraft(draft));
  if (r.success) {
    // What one field cannot say alone, checked as the station checks it.
    const needed = printerSettingsIssues(r.data.printer);
    if (needed.length === 0) return { ok: true, settings: r.data };
    return { ok: false, issues: { [needed[0].path]: t('settings.printer.addressNeeded') } };
  }
  const issues: Record<string, string> = {};
  for (const i of r.error.issues as IssueLike[]) {
    const field = fieldOf(i.path.map(String).join('.'));
    issues[field] ??= issueText(
      t,
      i,
      SETTINGS_FIELDS.find((f) => f.path === field),
    );
  }
  return { ok: false, issues };
}

/** Issues the station reported, by form field; those no field shows are listed apart. */
export function issuesByField(list: FieldIssue[]): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const i of list) {
    const path = i.path.replace(/^patch\./, '');
    const field = fieldOf(path);
    if (SETTINGS_FIELDS.some((f) => f.path === field)) byField[field] ??= i.message;
    else other.push(`${path}: ${i.message}`);
  }
  return { byField, other };
}

/**
 * Only what the cashier changed goes to the station, so a value changed elsewhere meanwhile (the
 * language switch in the sidebar, another window) is not overwritten with this form's old copy.
 * The unit is the field's first two path segments (`voice.quietHours`), the depth at which the
 * patch schema accepts partial sections.
 */
export function patchFor(settings: EditableSettings, dirty: Iterable<string>): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const path of dirty) {
    const unit = path.split('.').slice(0, 2).join('.');
    const value = getPath(settings, unit);
    // An empty write-only field means "keep the current one", never "set it to empty".
    if (value === '' && WRITE_ONLY.has(unit)) continue;
    setPath(patch, unit, value);
  }
  return patch as SettingsPatch;
}

/** The draft with every field the cashier has not touched taken from fresh settings. */
export function refreshDraft(draft: Draft, settings: SettingsView, dirty: ReadonlySet<string>): Draft {
  const fresh = toDraft(settings);
  const next: Draft = { ...draft };
  for (const f of SETTINGS_FIELDS) if (!dirty.has(f.path)) next[f.path] = fresh[f.path];
  return next;
}
