/** Form fields with label, hint and error wired up through aria-describedby / aria-invalid. */
import type { ChangeEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { issueMsg, type IssueLike } from './issue-text.js';

/**
 * A field message: a translation key (translated when shown, so it follows language switches) or
 * a plain string (the server's message for an issue we have no key for).
 */
export type Msg = string | { readonly key: string; readonly values?: Record<string, unknown> };
export type FieldErrors = Record<string, Msg>;

export const msg = (key: string, values?: Record<string, unknown>): Msg => ({ key, values });

export function useMsgText(): (m: Msg | undefined) => string | undefined {
  const { t } = useTranslation();
  return (m) => (m === undefined ? undefined : typeof m === 'string' ? m : t(m.key, m.values ?? {}));
}

/** An error line under a field that is not one of the components below. */
export function FieldErrorText({ id, error }: { id: string; error: Msg | undefined }) {
  const text = useMsgText();
  if (!error) return null;
  return (
    <div className="field-error" id={id}>
      {text(error)}
    </div>
  );
}

/**
 * The id of a field's control (and, with `-hint` / `-error`, of its hint and message). A page with
 * several forms that share field names gives each form its own `prefix`.
 */
export const fieldId = (name: string, prefix?: string) => (prefix ? `f-${prefix}-${name}` : `f-${name}`);

function describedBy(id: string, hint?: ReactNode, error?: Msg, note?: ReactNode): string | undefined {
  const ids = [hint ? `${id}-hint` : null, note ? `${id}-note` : null, error ? `${id}-error` : null].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <div className="hint" id={`${id}-hint`}>
      {hint}
    </div>
  ) : null;
}

function ErrorLine({ id, error }: { id: string; error?: Msg }) {
  const text = useMsgText();
  return error ? (
    <div className="field-error" id={`${id}-error`}>
      <svg viewBox="0 0 16 16" aria-hidden="true" className="field-error-icon">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 4.5v4M8 10.8v.4" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      {text(error)}
    </div>
  ) : null;
}

function Label({ id, label, required }: { id: string; label: ReactNode; required?: boolean }) {
  const { t } = useTranslation();
  // The "required" tag sits beside the label, not in it: the accessible name stays the label, and
  // aria-required on the control says the rest.
  return (
    <div className="label-row">
      <label htmlFor={id} className="label">
        {label}
      </label>
      {required ? (
        <span className="req" aria-hidden="true">
          {t('common.required')}
        </span>
      ) : null}
    </div>
  );
}

interface BaseProps {
  name: string;
  /** Makes the ids unique when several forms on one page share field names (fieldId). */
  idPrefix?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: Msg | undefined;
  required?: boolean;
}

export function TextField({
  name,
  idPrefix,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  type = 'text',
  autoComplete,
  maxLength,
  width,
  inputMode,
  note,
}: BaseProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'date' | 'search';
  autoComplete?: string;
  maxLength?: number;
  width?: 'short' | 'medium' | 'long';
  inputMode?: 'text' | 'email' | 'numeric';
  /** A line under the control that follows what is typed (e.g. how the value will be stored). */
  note?: ReactNode;
}) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <Hint id={id} hint={hint} />
      <input
        id={id}
        name={name}
        className={`input input-${width ?? 'long'}`}
        type={type}
        value={value}
        autoComplete={autoComplete}
        maxLength={maxLength}
        inputMode={inputMode}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, note)}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
      {note ? (
        <div className="hint" id={`${id}-note`}>
          {note}
        </div>
      ) : null}
      <ErrorLine id={id} error={error} />
    </div>
  );
}

export function TextArea({
  name,
  idPrefix,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  rows = 4,
  maxLength,
}: BaseProps & { value: string; onChange: (value: string) => void; rows?: number; maxLength?: number }) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <Hint id={id} hint={hint} />
      <textarea
        id={id}
        name={name}
        className="input textarea"
        rows={rows}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      <ErrorLine id={id} error={error} />
    </div>
  );
}

export function SelectField<V extends string>({
  name,
  idPrefix,
  label,
  hint,
  error,
  required,
  value,
  onChange,
  options,
}: BaseProps & { value: V; onChange: (value: V) => void; options: readonly { value: V; label: string }[] }) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label id={id} label={label} required={required} />
      <Hint id={id} hint={hint} />
      <select
        id={id}
        name={name}
        className="input select"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorLine id={id} error={error} />
    </div>
  );
}

/** A group of checkboxes in a fieldset; the first checkbox carries the group's id for focusing. */
export function CheckboxGroup<V extends string>({
  name,
  idPrefix,
  label,
  hint,
  error,
  values,
  onChange,
  options,
}: BaseProps & {
  values: readonly V[];
  onChange: (values: V[]) => void;
  options: readonly { value: V; label: string }[];
}) {
  const id = fieldId(name, idPrefix);
  const toggle = (v: V, on: boolean) => {
    const next = on ? [...values, v] : values.filter((x) => x !== v);
    onChange(options.map((o) => o.value).filter((x) => next.includes(x)));
  };
  return (
    <fieldset
      className={`field fieldset${error ? ' has-error' : ''}`}
      aria-describedby={describedBy(id, hint, error)}
      aria-invalid={error ? true : undefined}
    >
      <legend className="label">{label}</legend>
      <Hint id={id} hint={hint} />
      <div className="checkbox-grid">
        {options.map((o, i) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              id={i === 0 ? id : `${id}-${o.value}`}
              name={name}
              value={o.value}
              checked={values.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorLine id={id} error={error} />
    </fieldset>
  );
}

export function Checkbox({
  name,
  idPrefix,
  label,
  hint,
  error,
  checked,
  onChange,
}: BaseProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="checkbox checkbox-single">
        <input
          type="checkbox"
          id={id}
          name={name}
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{label}</span>
      </label>
      <Hint id={id} hint={hint} />
      <ErrorLine id={id} error={error} />
    </div>
  );
}

/**
 * Maps server issue paths (e.g. `modelNumbers.1`, `releaseDate`) to the form's fields: the exact
 * path when a field has it, else the longest field name the path starts with.
 */
export function issuesToErrors(
  issues: readonly (IssueLike & { readonly path: string })[],
  fields: readonly string[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const target =
      fields.find((f) => f === issue.path) ??
      [...fields].sort((a, b) => b.length - a.length).find((f) => issue.path.startsWith(`${f}.`));
    // In the UI language where the issue has a code (issue-text.ts), else the server's message.
    if (target && !errors[target]) errors[target] = issueMsg(issue);
  }
  return errors;
}

/** Focuses the first field (in form order) that has an error. */
export function focusFirstError(errors: FieldErrors, order: readonly string[], idPrefix?: string): void {
  const first = order.find((f) => errors[f]);
  if (!first) return;
  const el = document.getElementById(fieldId(first, idPrefix));
  el?.focus();
}
