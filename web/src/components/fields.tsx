import { useTranslation } from 'react-i18next';

/** A labelled input with its hint and its problem from the server, wired for screen readers. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string | undefined;
  hint?: string | undefined;
  size?: number | undefined;
}) {
  const { id, label, value, onChange, problem, hint, size } = props;
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        size={size}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {problem && (
        <span className="field-error" id={`${id}-error`}>
          {problem}
        </span>
      )}
    </div>
  );
}

export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  onChange: (value: T) => void;
  options: { value: T; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A form's submit button (with its own words, and others while busy) and, where the form can be left, Cancel. */
export function FormActions({
  onCancel,
  busy = false,
  label,
  busyLabel,
}: {
  onCancel?: (() => void) | undefined;
  busy?: boolean;
  label?: string;
  busyLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={busy}>
        {busy && busyLabel ? busyLabel : (label ?? t('common.save'))}
      </button>
      {onCancel && (
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}

/** The message of the first problem at `path` or below it (`/target` finds `/target/min`). */
export function problemAt(problems: Record<string, string>, path: string): string | undefined {
  return Object.entries(problems).find(([p]) => p === path || p.startsWith(`${path}/`))?.[1];
}
