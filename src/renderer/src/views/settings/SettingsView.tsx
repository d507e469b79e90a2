import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/format';
import { useStation, useStationState, useStationStore } from '../../state/station-context';
import { CredentialsSection } from './CredentialsSection';
import { LogsSection } from './LogsSection';
import { PrinterTestButton } from './PrinterTestButton';
import { printerColumns } from '../../../../shared/settings/printer-settings';
import { TicketPreview } from './TicketPreview';
import type { Draft, FieldSpec } from './settings-form';
import {
  issuesByField,
  patchFor,
  refreshDraft,
  SETTINGS_FIELDS,
  toDraft,
  validateDraft,
} from './settings-form';
import { SettingsField } from './SettingsField';
import { UpdatesSection } from './UpdatesSection';

const SECTIONS: FieldSpec['section'][] = [
  'api',
  'phoneApp',
  'payments',
  'rules',
  'care',
  'fleet',
  'voice',
  'printer',
  'language',
];

/** The printer fields that only mean something for one type of printer. */
const ONLY_FOR_TYPE: Record<string, string> = {
  'printer.address': 'network',
  'printer.deviceName': 'system',
};

function shown(f: FieldSpec, draft: Draft): boolean {
  const type = ONLY_FOR_TYPE[f.path];
  return type === undefined || draft['printer.type'] === type;
}

export interface SettingsViewProps {
  /** From the voice slot; without it the test button is disabled. */
  onVoiceTest?: () => void;
}

export function SettingsView({ onVoiceTest }: SettingsViewProps) {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const store = useStationStore();
  const { settings } = useStationState();
  const [draft, setDraft] = useState<Draft | null>(() => (settings ? toDraft(settings) : null));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'invalid'>('idle');
  const [error, setError] = useState<string | null>(null);

  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());

  // Settings changed elsewhere show up in every field the cashier has not touched.
  useEffect(() => {
    if (!settings) return;
    setDraft((d) => (d === null ? toDraft(settings) : refreshDraft(d, settings, dirty)));
  }, [settings, dirty]);
  if (!settings || !draft) return <p className="empty">{t('common.loading')}</p>;

  const change = (path: string, value: string | boolean): void => {
    setDraft({ ...draft, [path]: value });
    setDirty(new Set(dirty).add(path));
    if (issues[path]) {
      const rest = { ...issues };
      delete rest[path];
      setIssues(rest);
    }
    setState('idle');
  };

  const save = async (): Promise<void> => {
    setError(null);
    const v = validateDraft(t, draft);
    if (!v.ok) {
      setIssues(v.issues);
      setState('invalid');
      return;
    }
    setState('saving');
    try {
      const r = await station.invoke('settings:update', { patch: patchFor(v.settings, dirty) });
      if (!r.ok) {
        const { byField, other } = issuesByField(r.issues);
        setIssues(byField);
        if (other.length > 0) setError(t('common.failed', { message: other.join('; ') }));
        setState('invalid');
        return;
      }
      store.applySettings(r.settings);
      setDirty(new Set());
      setDraft(toDraft(r.settings));
      setIssues({});
      setState('saved');
      if (r.settings.language !== i18n.language) void i18n.changeLanguage(r.settings.language);
    } catch (err) {
      const list = (err as { issues?: { path: string; message: string }[] }).issues;
      const { byField, other } = issuesByField(list ?? []);
      setIssues(byField);
      setError(t('common.failed', { message: [errorText(err), ...other].join(' ') }));
      setState('idle');
    }
  };

  const issueCount = Object.keys(issues).length;
  return (
    <div className="view view-settings">
      <div className="view-head">
        <h1>{t('settings.title')}</h1>
        <span className="view-head-actions">
          {state === 'saved' && <span className="feedback tone-ok">{t('common.saved')}</span>}
          {issueCount > 0 && (
            <span className="feedback tone-bad">{t('settings.invalid', { n: issueCount })}</span>
          )}
          <button
            type="button"
            className="btn btn-primary"
            disabled={state === 'saving'}
            onClick={() => void save()}
          >
            {state === 'saving' ? t('common.saving') : t('settings.saveAll')}
          </button>
        </span>
      </div>
      {error && (
        <div className="alert alert-bad" role="alert">
          {error}
        </div>
      )}
      <div className="settings-scroll">
        <CredentialsSection settings={settings} />
        {SECTIONS.map((section) => (
          <section
            key={section}
            className={`settings-section section-${section}`}
            aria-label={t(`settings.sections.${section}`)}
          >
            <h2 className="section-title">
              {t(`settings.sections.${section}`)}
              {section === 'voice' && (
                <button type="button" className="btn btn-small" disabled={!onVoiceTest} onClick={onVoiceTest}>
                  {t('settings.voiceTest')}
                </button>
              )}
              {section === 'printer' && (
                <PrinterTestButton unsaved={[...dirty].some((p) => p.startsWith('printer.'))} />
              )}
            </h2>
            {section === 'fleet' && <p className="help">{t('settings.fleet.restartHelp')}</p>}
            <div className="field-grid">
              {SETTINGS_FIELDS.filter((f) => f.section === section && shown(f, draft)).map((f) => (
                <SettingsField
                  key={f.path}
                  spec={f}
                  value={draft[f.path]}
                  error={issues[f.path]}
                  onChange={(v) => change(f.path, v)}
                />
              ))}
            </div>
            {section === 'printer' && (
              <TicketPreview
                shopName={String(draft['printer.shopName']).trim()}
                columns={printerColumns({ paperWidth: draft['printer.paperWidth'] === '80' ? 80 : 58 })}
              />
            )}
          </section>
        ))}
        <UpdatesSection settings={settings} />
        <LogsSection />
      </div>
    </div>
  );
}
