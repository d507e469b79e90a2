import { useTranslation } from 'react-i18next';

export interface NowSpeakingProps {
  /** What the announcer is playing now (a readable line, e.g. "新订单 A1024"), or null. */
  text: string | null;
}

/** The slot the voice announcer fills: it passes what is playing; this only shows it. */
export function NowSpeaking({ text }: NowSpeakingProps) {
  const { t } = useTranslation();
  return (
    <div className={`now-speaking ${text ? 'is-speaking' : ''}`} role="status" aria-live="polite">
      <svg className="now-speaking-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M2 6h3l4-3v10l-4-3H2z" fill="currentColor" />
        {text && (
          <path
            d="M11 5.5a3.5 3.5 0 0 1 0 5M12.5 3.5a6 6 0 0 1 0 9"
            stroke="currentColor"
            fill="none"
            strokeWidth="1.4"
          />
        )}
      </svg>
      <span className="now-speaking-text">{text ? t('voice.speaking', { text }) : t('voice.idle')}</span>
    </div>
  );
}
