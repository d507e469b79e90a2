import { useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDialogKeys } from './use-dialog-keys';

export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** `danger` for actions that cannot be undone. */
  tone?: 'primary' | 'danger';
  busy?: boolean;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question. Escape cancels; focus starts on Cancel so Enter never confirms by accident. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useDialogKeys(cancelRef, props.onCancel);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={props.title}>
        <h2 className="dialog-title">{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="btn" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={`btn ${props.tone === 'danger' ? 'btn-danger' : 'btn-primary'}`}
            disabled={props.busy || props.confirmDisabled}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
