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
      <span className="now-speaking-icon" aria-hidden="true">
        {text ? '🔊' : '🔈'}
      </span>
      <span className="now-speaking-text">{text ? t('voice.speaking', { text }) : t('voice.idle')}</span>
    </div>
  );
}
