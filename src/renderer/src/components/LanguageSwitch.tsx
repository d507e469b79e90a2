import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/settings/language';
import { LANGUAGES } from '../../../shared/settings/language';
import { useStation, useStationStore } from '../state/station-context';

/** Switches at once, then persists the choice so the next start opens in it. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const station = useStation();
  const store = useStationStore();
  const change = async (language: Language): Promise<void> => {
    await i18n.changeLanguage(language);
    try {
      const r = await station.invoke('settings:update', { patch: { language } });
      if (r.ok) store.applySettings(r.settings);
    } catch {
      // The window already speaks the new language; persisting it can wait for Settings.
    }
  };
  return (
    <label className="language-switch">
      <span className="sr-only">{t('app.language')}</span>
      <select
        aria-label={t('app.language')}
        value={i18n.language}
        onChange={(e) => void change(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`settings.languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
