import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { componentTypes } from '../../../../src/core/sbom/model.js';
import { isIsoDate } from '../../../../src/core/domain/release.js';
import { cpeIssue, purlIssue } from '../../../../src/core/sbom/identifier-issues.js';
import { licenseTextKind } from '../../../../src/core/sbom/license-text.js';
import { ApiError } from '../../api/client.js';
import type { ComponentPatchT, ComponentT, ComponentTypeT } from '../../api/types.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import {
  focusFirstError,
  issuesToErrors,
  msg,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../components/fields.js';
import { issueMsg } from '../../components/issue-text.js';
import { FormInvalid } from '../../format.js';
import { formatName } from './util.js';

const allFields = [
  'type',
  'name',
  'version',
  'group',
  'supplier',
  'purl',
  'cpe',
  'license',
  'supportLevel',
  'endOfSupport',
  'description',
] as const;
type FieldName = (typeof allFields)[number];
const supportOnly: readonly FieldName[] = ['supportLevel', 'endOfSupport'];

const limits: Partial<Record<FieldName, number>> = {
  name: 300,
  version: 200,
  group: 300,
  supplier: 300,
  purl: 1000,
  cpe: 1000,
  license: 1000,
  supportLevel: 200,
  description: 5000,
};

export type ComponentValues = Record<Exclude<FieldName, 'type'>, string> & { type: ComponentTypeT };

export function valuesOf(c: ComponentT | null): ComponentValues {
  return {
    type: c?.type ?? 'application',
    name: c?.name ?? '',
    version: c?.version ?? '',
    group: c?.group ?? '',
    supplier: c?.supplier ?? '',
    purl: c?.purl ?? '',
    cpe: c?.cpe ?? '',
    license: c?.license ?? '',
    supportLevel: c?.supportLevel ?? '',
    endOfSupport: c?.endOfSupport ?? '',
    description: c?.description ?? '',
  };
}

/**
 * Component fields with the same validation as the server. `sbom`: only support level and end of
 * support can change (the rest is the supplier's data); `manual` / `create`: every field.
 */
export function ComponentForm({
  mode,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  findDuplicate,
}: {
  mode: 'create' | 'manual' | 'sbom';
  initial: ComponentT | null;
  submitLabel: string;
  onSubmit: (body: ComponentPatchT) => Promise<void>;
  onCancel?: () => void;
  /**
   * A component of the inventory that the new one would repeat (same purl, else same group, name
   * and version), or null: asked once before adding; the form then says so and asks to confirm.
   */
  findDuplicate?: (body: ComponentPatchT) => Promise<ComponentT | null>;
}) {
  const { t } = useTranslation();
  const fields: readonly FieldName[] = mode === 'sbom' ? supportOnly : allFields;
  const [values, setValues] = useState<ComponentValues>(() => valuesOf(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The component the new one repeats, once the user has been told (a second submit adds it anyway).
  const [duplicate, setDuplicate] = useState<ComponentT | null>(null);
  // Saved (or changed elsewhere): the form shows what is stored now. It stays mounted rather than
  // being replaced, so that focus stays on the button that saved it.
  const initialKey = initial ? `${initial.id}@${initial.updatedAt}` : '';
  const [shownKey, setShownKey] = useState(initialKey);
  if (shownKey !== initialKey) {
    setShownKey(initialKey);
    setValues(valuesOf(initial));
    setErrors({});
    setError(null);
    setDuplicate(null);
  }
  const set =
    <K extends FieldName>(k: K) =>
    (v: ComponentValues[K]) => {
      if (k === 'purl' || k === 'name' || k === 'version' || k === 'group') setDuplicate(null);
      setValues((s) => ({ ...s, [k]: v }));
      setErrors((e) => (e[k] ? Object.fromEntries(Object.entries(e).filter(([n]) => n !== k)) : e));
    };

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (fields.includes('name') && !values.name.trim()) e.name = msg('component.form.nameRequired');
    if (values.endOfSupport && !isIsoDate(values.endOfSupport)) e.endOfSupport = msg('release.dateInvalid');
    // The server's rules and texts (core/sbom/identifier-issues.ts): what the form takes, the server takes.
    const purl = fields.includes('purl') && values.purl.trim() ? purlIssue(values.purl.trim()) : null;
    if (purl) e.purl = issueMsg(purl);
    const cpe = fields.includes('cpe') && values.cpe.trim() ? cpeIssue(values.cpe.trim()) : null;
    if (cpe) e.cpe = issueMsg(cpe);
    for (const f of fields) {
      const max = limits[f];
      if (max && f !== 'type' && values[f].length > max && !e[f]) e[f] = msg('product.tooLong', { max });
    }
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const e = validate();
    setErrors(e);
    setError(null);
    if (Object.keys(e).length) {
      setError(new FormInvalid(Object.keys(e).length));
      focusFirstError(e, fields);
      return;
    }
    const body: Record<string, string | null> = {};
    for (const f of fields) {
      const v = values[f].trim();
      body[f] = f === 'type' || f === 'name' ? v : v || null;
    }
    setBusy(true);
    try {
      if (findDuplicate && duplicate === null) {
        const found = await findDuplicate(body);
        if (found) {
          setDuplicate(found);
          setBusy(false);
          return;
        }
      }
      await onSubmit(body);
      setBusy(false);
    } catch (err) {
      setBusy(false);
      setError(err);
      if (err instanceof ApiError) {
        const mapped = issuesToErrors(err.issues, fields);
        setErrors(mapped);
        focusFirstError(mapped, fields);
      }
    }
  };

  // How the licence text will be stored, as the server decides it (core/sbom/license-text.ts).
  const licenseKind = licenseTextKind(values.license);
  const licenseNote =
    licenseKind.kind === 'expression'
      ? t('component.licenseKind.expression', { expression: licenseKind.expression })
      : licenseKind.kind === 'name'
        ? t('component.licenseKind.name')
        : undefined;

  const text = (
    name: Exclude<FieldName, 'type' | 'description'>,
    opts: { required?: boolean; mono?: boolean } = {},
  ) => (
    <TextField
      name={name}
      label={t(`component.fields.${name}`)}
      hint={t(`component.hints.${name}`, { defaultValue: '' }) || undefined}
      value={values[name]}
      onChange={set(name)}
      error={errors[name]}
      required={opts.required}
      type={name === 'endOfSupport' ? 'date' : 'text'}
      width={name === 'endOfSupport' || name === 'version' ? 'short' : 'long'}
      maxLength={limits[name]}
      note={name === 'license' ? licenseNote : undefined}
    />
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form-stack component-form">
      <ErrorAlert error={error} />
      {mode !== 'sbom' ? (
        <>
          <SelectField<ComponentTypeT>
            name="type"
            label={t('component.fields.type')}
            value={values.type}
            onChange={set('type')}
            error={errors.type}
            options={componentTypes.map((v) => ({ value: v, label: t(`componentType.${v}`) }))}
          />
          {text('name', { required: true })}
          {text('version')}
          {text('group')}
          {text('supplier')}
          {text('purl')}
          {text('cpe')}
          {text('license')}
        </>
      ) : null}
      {text('supportLevel')}
      {text('endOfSupport')}
      {mode !== 'sbom' ? (
        <TextArea
          name="description"
          label={t('component.fields.description')}
          value={values.description}
          onChange={set('description')}
          error={errors.description}
          rows={3}
          maxLength={limits.description}
        />
      ) : null}
      {/* Next to the button it changes, so it is seen without scrolling back up. */}
      {duplicate ? (
        <div role="alert" className="alert alert-warning" data-testid="component-duplicate">
          <span>
            {t(duplicate.purl ? 'component.create.duplicatePurl' : 'component.create.duplicateName', {
              name: formatName(duplicate.group, duplicate.name),
              version: duplicate.version ?? '—',
              purl: duplicate.purl ?? '',
              origin: t(`component.origin.${duplicate.origin}`),
            })}
          </span>
        </div>
      ) : null}
      <div className="form-actions">
        <BusyButton type="submit" className="btn btn-primary" busy={busy}>
          {busy ? t('common.saving') : duplicate ? t('component.create.addAnyway') : submitLabel}
        </BusyButton>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
