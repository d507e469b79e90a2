import { useTranslation } from 'react-i18next';
import type { FieldSpec } from './settings-form';

export interface SettingsFieldProps {
  spec: FieldSpec;
  value: string | boolean;
  error: string | undefined;
  onChange(value: string | boolean): void;
}

export function SettingsField({ spec, value, error, onChange }: SettingsFieldProps) {
  const { t } = useTranslation();
  const id = `setting-${spec.path.replace(/\./g, '-')}`;
  const described = error ? `${id}-error` : undefined;
  let input;
  switch (spec.kind) {
    case 'bool':
      return (
        <label className="field field-check" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          <span>{t(spec.label)}</span>
        </label>
      );
    case 'lines':
      input = (
        <textarea
          id={id}
          rows={4}
          value={String(value)}
          aria-invalid={!!error}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'volume':
      input = (
        <span className="volume">
          <input
            id={id}
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={String(value)}
            onChange={(e) => onChange(e.target.value)}
          />
          <span className="volume-value">{Math.round(Number(value) * 100)}%</span>
        </span>
      );
      break;
    case 'choice':
      input = (
        <select
          id={id}
          value={String(value)}
          aria-describedby={spec.help ? `${id}-help` : undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          {(spec.choices ?? []).map((c) => (
            <option key={c} value={c}>
              {t(`${spec.choiceLabels}.${c}`)}
            </option>
          ))}
        </select>
      );
      break;
    case 'secret':
      // Write-only: the station never sends the value back, so the field starts empty.
      input = (
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          className="input-wide"
          value={String(value)}
          aria-invalid={!!error}
          aria-describedby={described ?? (spec.help ? `${id}-help` : undefined)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default:
      input = (
        <input
          id={id}
          type={spec.kind === 'time' ? 'time' : 'text'}
          inputMode={spec.kind === 'int' || spec.kind === 'seconds' ? 'decimal' : undefined}
          className={spec.kind === 'text' ? 'input-wide' : 'input-narrow'}
          value={String(value)}
          aria-invalid={!!error}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
  return (
    <div className={`field ${error ? 'has-error' : ''} ${spec.kind === 'lines' ? 'field-wide' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {t(spec.label)}
      </label>
      {input}
      {spec.help && !error && (
        <span className="field-help" id={`${id}-help`}>
          {t(spec.help)}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
