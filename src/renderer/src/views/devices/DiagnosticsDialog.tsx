import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceDiagnosticsRecord, DeviceRecord } from '../../../../shared/contract/record-schemas';
import { errorText, formatDateTime } from '../../components/format';
import { useDialogKeys } from '../../components/use-dialog-keys';
import { useStation } from '../../state/station-context';
import { diagnosticsText } from './diagnostics-text';

export interface DiagnosticsDialogProps {
  device: DeviceRecord;
  /** The command to show first (the check the cashier clicked), else the first output. */
  command?: string;
  onClose: () => void;
}

/**
 * The raw shell outputs behind a phone's checks, one command at a time, with a button that
 * copies everything for support. Escape closes.
 */
export function DiagnosticsDialog({ device, command, onClose }: DiagnosticsDialogProps) {
  const { t } = useTranslation();
  const station = useStation();
  const [data, setData] = useState<DeviceDiagnosticsRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<string | undefined>(command);
  const [copied, setCopied] = useState<'ok' | 'manual' | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    let live = true;
    station
      .invoke('devices:diagnostics', { serial: device.serial })
      .then((d) => live && setData(d))
      .catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [station, device.serial]);

  useDialogKeys(closeRef, onClose);

  const current = data?.outputs.find((o) => o.command === shown) ?? data?.outputs[0];
  const copy = async (): Promise<void> => {
    if (!data) return;
    try {
      await navigator.clipboard.writeText(diagnosticsText(device, data));
      setCopied('ok');
    } catch {
      // No clipboard (an old browser, a page without permission): the text is selectable below.
      setCopied('manual');
      setTimeout(() => textRef.current?.select(), 0);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog dialog-wide"
        role="dialog"
        aria-modal="true"
        aria-label={t('devices.diagnostics.title', { serial: device.serial })}
      >
        <h2 className="dialog-title">{t('devices.diagnostics.title', { serial: device.serial })}</h2>
        <div className="dialog-body">
          {error && <p className="feedback tone-bad">{t('common.failed', { message: error })}</p>}
          {!data && !error && <p className="muted">{t('devices.diagnostics.loading')}</p>}
          {data && data.outputs.length === 0 && <p className="muted">{t('devices.diagnostics.none')}</p>}
          {data && data.outputs.length > 0 && (
            <>
              <label className="diag-pick">
                {t('devices.diagnostics.command')}
                <select value={current?.command} onChange={(e) => setShown(e.target.value)}>
                  {data.outputs.map((o) => (
                    <option key={o.command} value={o.command}>
                      {o.command}
                    </option>
                  ))}
                </select>
              </label>
              {current && (
                <>
                  <p className="muted diag-meta">
                    {t('devices.diagnostics.capturedAt', { time: formatDateTime(current.at) })}
                    {current.truncated && ` · ${t('devices.diagnostics.truncated')}`}
                  </p>
                  <pre className="raw-output" data-testid="raw-output">
                    {current.output === '' ? t('devices.diagnostics.empty') : current.output}
                  </pre>
                </>
              )}
              {copied === 'manual' && (
                <textarea
                  ref={textRef}
                  className="diag-copy"
                  readOnly
                  rows={6}
                  value={diagnosticsText(device, data)}
                  aria-label={t('devices.diagnostics.copyManual')}
                />
              )}
            </>
          )}
        </div>
        <div className="dialog-actions">
          {copied === 'ok' && (
            <span className="feedback tone-ok" role="status">
              {t('devices.diagnostics.copied')}
            </span>
          )}
          {copied === 'manual' && (
            <span className="feedback" role="status">
              {t('devices.diagnostics.copyManual')}
            </span>
          )}
          <button type="button" className="btn" disabled={!data} onClick={() => void copy()}>
            {t('devices.diagnostics.copy')}
          </button>
          <button ref={closeRef} type="button" className="btn btn-primary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
