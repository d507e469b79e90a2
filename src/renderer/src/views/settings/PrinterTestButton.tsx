import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/format';
import { useStation } from '../../state/station-context';

/**
 * Settings' "打印测试页". It prints with the saved settings (the core reads them), so with
 * unsaved printer changes it asks to save first rather than print with the old ones.
 */
export function PrinterTestButton({ unsaved }: { unsaved: boolean }) {
  const { t } = useTranslation();
  const station = useStation();
  const [state, setState] = useState<
    { kind: 'idle' | 'sending' | 'queued' } | { kind: 'error'; text: string }
  >({
    kind: 'idle',
  });
  const print = async (): Promise<void> => {
    setState({ kind: 'sending' });
    try {
      await station.invoke('printing:testPage', {});
      setState({ kind: 'queued' });
    } catch (err) {
      setState({ kind: 'error', text: errorText(err) });
    }
  };
  return (
    <span className="printer-test">
      <button
        type="button"
        className="btn btn-small"
        disabled={unsaved || state.kind === 'sending'}
        onClick={() => void print()}
      >
        {t('settings.printer.testPage')}
      </button>
      {unsaved && <span className="feedback muted">{t('settings.printer.saveFirst')}</span>}
      {!unsaved && state.kind === 'queued' && (
        <span className="feedback tone-ok" role="status">
          {t('settings.printer.testQueued')}
        </span>
      )}
      {state.kind === 'error' && (
        <span className="feedback tone-bad" role="alert">
          {t('common.failed', { message: state.text })}
        </span>
      )}
    </span>
  );
}
