import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SettingsView } from '../../../../shared/contract/settings-schemas';
import type { UpdateState } from '../../../../shared/contract/update-schemas';
import { desktopSettingsSchema } from '../../../../shared/settings/desktop-settings';
import { errorText, formatAgo } from '../../components/format';
import { useStation, useStationStore } from '../../state/station-context';
import { useNow } from '../../state/use-now';
import { useUpdateState } from '../../state/use-update-state';
import { issuesByField } from './settings-form';

/** The desktop settings this section edits; both are http(s) addresses or '' for "none". */
export const UPDATE_FIELDS = ['updateUrl', 'crashUploadUrl'] as const;
type UpdateField = (typeof UPDATE_FIELDS)[number];
type Draft = Record<UpdateField, string>;

const LABELS: Record<UpdateField, string> = {
  updateUrl: 'updates.settings.updateUrl',
  crashUploadUrl: 'updates.settings.crashUploadUrl',
};

/** Each field checked by the same schema the station uses, with the cashier's wording. */
export function validateUpdateDraft(t: TFunction, draft: Draft): Partial<Record<UpdateField, string>> {
  const issues: Partial<Record<UpdateField, string>> = {};
  for (const field of UPDATE_FIELDS) {
    const r = desktopSettingsSchema.shape[field].safeParse(draft[field]);
    if (r.success) continue;
    const issue = r.error.issues[0];
    issues[field] =
      issue?.code === 'too_big' && typeof issue.maximum === 'number'
        ? t('validation.maxLength', { max: issue.maximum })
        : t('updates.settings.invalidUrl');
  }
  return issues;
}

const toDraft = (settings: SettingsView): Draft => ({
  updateUrl: settings.desktop.updateUrl,
  crashUploadUrl: settings.desktop.crashUploadUrl,
});

/**
 * Settings → updates and crash reports: the two desktop addresses (saved on their own, as a
 * `desktop` patch) and where the update stands. Its own form, so the main one stays as it is.
 */
export function UpdatesSection({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const station = useStation();
  const store = useStationStore();
  const { state: update } = useUpdateState();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [dirty, setDirty] = useState<ReadonlySet<UpdateField>>(new Set());
  const [issues, setIssues] = useState<Partial<Record<UpdateField, string>>>({});
  const [phase, setPhase] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);

  // A change made elsewhere shows in every field the cashier has not touched.
  useEffect(() => {
    const fresh = toDraft(settings);
    setDraft((d) => ({
      updateUrl: dirty.has('updateUrl') ? d.updateUrl : fresh.updateUrl,
      crashUploadUrl: dirty.has('crashUploadUrl') ? d.crashUploadUrl : fresh.crashUploadUrl,
    }));
  }, [settings, dirty]);

  const change = (field: UpdateField, value: string): void => {
    setDraft({ ...draft, [field]: value });
    setDirty(new Set(dirty).add(field));
    setIssues({ ...issues, [field]: undefined });
    setPhase('idle');
  };

  const save = async (): Promise<void> => {
    setError(null);
    const found = validateUpdateDraft(t, draft);
    setIssues(found);
    if (Object.keys(found).length > 0) return;
    const patch: Partial<Draft> = {};
    for (const field of dirty) patch[field] = draft[field].trim();
    setPhase('saving');
    try {
      const r = await station.invoke('settings:update', { patch: { desktop: patch } });
      if (!r.ok) {
        const byField: Partial<Record<UpdateField, string>> = {};
        const other: string[] = [];
        for (const i of r.issues) {
          const field = UPDATE_FIELDS.find((f) => i.path.endsWith(`desktop.${f}`));
          if (field) byField[field] = t('updates.settings.invalidUrl');
          else other.push(`${i.path}: ${i.message}`);
        }
        setIssues(byField);
        if (other.length > 0) setError(t('common.failed', { message: other.join('; ') }));
        setPhase('idle');
        return;
      }
      store.applySettings(r.settings);
      setDirty(new Set());
      setDraft(toDraft(r.settings));
      setPhase('saved');
    } catch (err) {
      const { other } = issuesByField((err as { issues?: { path: string; message: string }[] }).issues ?? []);
      setError(t('common.failed', { message: [errorText(err), ...other].join(' ') }));
      setPhase('idle');
    }
  };

  return (
    <section className="settings-section section-updates" aria-label={t('updates.settings.title')}>
      <h2 className="section-title">
        {t('updates.settings.title')}
        <button
          type="button"
          className="btn btn-small"
          disabled={phase === 'saving' || dirty.size === 0}
          onClick={() => void save()}
        >
          {phase === 'saving' ? t('common.saving') : t('updates.settings.save')}
        </button>
        {phase === 'saved' && <span className="feedback tone-ok">{t('common.saved')}</span>}
      </h2>
      <p className="help">{t('updates.settings.help')}</p>
      <p className="help update-privacy" data-testid="update-privacy">
        {t('updates.settings.privacy')}
      </p>
      {error && (
        <div className="alert alert-bad" role="alert">
          {error}
        </div>
      )}
      <div className="field-grid">
        {UPDATE_FIELDS.map((field) => {
          const id = `setting-desktop-${field}`;
          const problem = issues[field];
          return (
            <div key={field} className={`field field-wide ${problem ? 'has-error' : ''}`}>
              <label className="field-label" htmlFor={id}>
                {t(LABELS[field])}
              </label>
              <input
                id={id}
                type="text"
                inputMode="url"
                spellCheck={false}
                autoComplete="off"
                className="input-wide"
                placeholder="https://"
                value={draft[field]}
                aria-invalid={!!problem}
                aria-describedby={`${id}-${problem ? 'error' : 'help'}`}
                onChange={(e) => change(field, e.target.value)}
              />
              {problem ? (
                <span className="field-error" id={`${id}-error`} role="alert">
                  {problem}
                </span>
              ) : (
                <span className="field-help" id={`${id}-help`}>
                  {t(`${LABELS[field]}Help`)}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {update && <UpdateStatusLine state={update} />}
    </section>
  );
}

function UpdateStatusLine({ state }: { state: UpdateState }) {
  const { t } = useTranslation();
  const now = useNow();
  const params = { version: state.version ?? '', percent: state.percent ?? 0 };
  return (
    <p className="field-help update-status" data-testid="update-status">
      {t('updates.settings.status')}: {t(`updates.settings.state.${state.phase}`, params)}
      {state.phase !== 'off' &&
        ` · ${
          state.checkedAt === null
            ? t('updates.settings.neverChecked')
            : t('updates.settings.checkedAt', { when: formatAgo(t, state.checkedAt, now) })
        }`}
      {state.lastError && (
        <span className="tone-bad update-status-error">
          {t('updates.settings.lastError', { message: state.lastError })}
        </span>
      )}
    </p>
  );
}
