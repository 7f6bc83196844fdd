import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  connectivityKinds,
  deviceClasses,
  productLimits,
  useEnvironments,
} from '../../../src/core/domain/product.js';
import { api, ApiError } from '../api/client.js';
import type { ProductT } from '../api/types.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert, Loading } from '../components/ErrorAlert.js';
import { FormInvalid } from '../format.js';
import { PageHeading } from '../components/PageHeading.js';
import {
  Checkbox,
  CheckboxGroup,
  FieldErrorText,
  fieldId,
  focusFirstError,
  issuesToErrors,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
  msg,
} from '../components/fields.js';
import { useCanWrite, useNotify } from '../session.js';
import { useResource } from '../useResource.js';
import { ForbiddenPage } from './ForbiddenPage.js';

type DeviceClass = (typeof deviceClasses)[number];
type UseEnvironment = (typeof useEnvironments)[number];
type Connectivity = (typeof connectivityKinds)[number];

interface Values {
  name: string;
  modelNumbers: { key: number; value: string }[];
  manufacturer: string;
  deviceClass: DeviceClass | '';
  isSamd: boolean;
  useEnvironments: UseEnvironment[];
  connectivity: Connectivity[];
  description: string;
}

export function ProductFormPage() {
  const { id } = useParams();
  const canWrite = useCanWrite();
  const existing = useResource(`product:${id ?? 'new'}`, () =>
    id && canWrite ? api.getProduct(id) : Promise.resolve(null),
  );
  if (!canWrite) return <ForbiddenPage need="editor" />;
  if (id && existing.error)
    return (
      <div className="page">
        <ErrorAlert error={existing.error} />
      </div>
    );
  if (id && !existing.data) return <Loading />;
  return <ProductForm key={id ?? 'new'} product={existing.data ?? null} />;
}

function ProductForm({ product }: { product: ProductT | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const nextKey = useRef(product?.modelNumbers.length ?? 0);
  const [values, setValues] = useState<Values>(() => ({
    name: product?.name ?? '',
    modelNumbers: (product?.modelNumbers ?? []).map((value, key) => ({ key, value })),
    manufacturer: product?.manufacturer ?? '',
    deviceClass: product?.deviceClass ?? '',
    isSamd: product?.isSamd ?? false,
    useEnvironments: [...(product?.useEnvironments ?? [])],
    connectivity: [...(product?.connectivity ?? [])],
    description: product?.description ?? '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Values>(k: K, v: Values[K]) => {
    setValues((s) => ({ ...s, [k]: v }));
    // An edited field loses its old message; the next submit checks again.
    if (k !== 'modelNumbers')
      setErrors((e) => (e[k] ? Object.fromEntries(Object.entries(e).filter(([name]) => name !== k)) : e));
  };
  const order = [
    'name',
    ...values.modelNumbers.map((_, i) => `modelNumbers.${i}`),
    'modelNumbers',
    'manufacturer',
    'deviceClass',
    'isSamd',
    'useEnvironments',
    'connectivity',
    'description',
  ];

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!values.name.trim()) e.name = msg('product.nameRequired');
    else if (values.name.length > productLimits.name)
      e.name = msg('product.tooLong', { max: productLimits.name });
    const seen = new Set<string>();
    values.modelNumbers.forEach((m, i) => {
      const v = m.value.trim();
      if (!v) e[`modelNumbers.${i}`] = msg('product.modelNumberRequired');
      else if (v.length > productLimits.modelNumber)
        e[`modelNumbers.${i}`] = msg('product.tooLong', { max: productLimits.modelNumber });
      else if (seen.has(v)) e[`modelNumbers.${i}`] = msg('product.modelNumberDuplicate', { value: v });
      seen.add(v);
    });
    if (!values.manufacturer.trim()) e.manufacturer = msg('product.manufacturerRequired');
    else if (values.manufacturer.length > productLimits.manufacturer)
      e.manufacturer = msg('product.tooLong', { max: productLimits.manufacturer });
    if (values.connectivity.includes('none') && values.connectivity.length > 1)
      e.connectivity = msg('product.connectivityNone');
    if (values.description.length > productLimits.description)
      e.description = msg('product.tooLong', { max: productLimits.description });
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    setError(null);
    if (Object.keys(e).length) {
      setError(new FormInvalid(Object.keys(e).length));
      focusFirstError(e, order);
      return;
    }
    const body = {
      name: values.name.trim(),
      modelNumbers: values.modelNumbers.map((m) => m.value.trim()),
      manufacturer: values.manufacturer.trim(),
      deviceClass: values.deviceClass === '' ? null : values.deviceClass,
      isSamd: values.isSamd,
      useEnvironments: values.useEnvironments,
      connectivity: values.connectivity,
      description: values.description.trim(),
    };
    setBusy(true);
    try {
      const saved = product ? await api.updateProduct(product.id, body) : await api.createProduct(body);
      notify(t(product ? 'product.saved' : 'product.created', { name: saved.name }));
      void navigate(`/products/${saved.id}`);
    } catch (err) {
      setBusy(false);
      setError(err);
      if (err instanceof ApiError) {
        const mapped = issuesToErrors(err.issues, order);
        if (err.code === 'product.name_taken') mapped.name = msg('errors.product.name_taken');
        setErrors(mapped);
        focusFirstError(mapped, order);
      }
    }
  };

  const addModelNumber = () => {
    const key = nextKey.current++;
    setValues((s) => ({ ...s, modelNumbers: [...s.modelNumbers, { key, value: '' }] }));
    // Focus the new input once it is rendered.
    window.setTimeout(
      () => document.getElementById(fieldId(`modelNumbers.${values.modelNumbers.length}`))?.focus(),
      0,
    );
  };
  const removeModelNumber = (i: number) => {
    setValues((s) => ({ ...s, modelNumbers: s.modelNumbers.filter((_, j) => j !== i) }));
    setErrors((e) => {
      const next: FieldErrors = {};
      for (const [k, v] of Object.entries(e)) if (!k.startsWith('modelNumbers.')) next[k] = v;
      return next;
    });
    window.setTimeout(() => document.getElementById('add-model-number')?.focus(), 0);
  };

  const title = product ? t('product.editTitle', { name: product.name }) : t('product.newTitle');
  const cancelTo = product ? `/products/${product.id}` : '/products';

  return (
    <div className="page page-form">
      <Link to={cancelTo} className="backlink">
        ‹ {product ? product.name : t('product.backToList')}
      </Link>
      <PageHeading title={title} />
      <ErrorAlert error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate className="card form-card">
        <TextField
          name="name"
          label={t('product.fields.name')}
          hint={t('product.hints.name')}
          value={values.name}
          onChange={(v) => set('name', v)}
          error={errors.name}
          required
          maxLength={productLimits.name}
        />

        <fieldset
          className={`field fieldset${errors.modelNumbers ? ' has-error' : ''}`}
          aria-describedby="f-modelNumbers-hint"
        >
          <legend className="label">{t('product.fields.modelNumbers')}</legend>
          <div className="hint" id="f-modelNumbers-hint">
            {t('product.hints.modelNumbers')}
          </div>
          {values.modelNumbers.length === 0 ? (
            <p className="muted small">{t('product.noModelNumbers')}</p>
          ) : null}
          <ol className="repeat-list">
            {values.modelNumbers.map((m, i) => {
              const name = `modelNumbers.${i}`;
              const err = errors[name];
              return (
                <li key={m.key} className={`repeat-row${err ? ' has-error' : ''}`}>
                  <label htmlFor={fieldId(name)} className="sr-only">
                    {t('product.modelNumberLabel', { n: i + 1 })}
                  </label>
                  <input
                    id={fieldId(name)}
                    className="input input-medium mono"
                    value={m.value}
                    maxLength={productLimits.modelNumber}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${fieldId(name)}-error` : undefined}
                    onChange={(e) =>
                      set(
                        'modelNumbers',
                        values.modelNumbers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)),
                      )
                    }
                  />
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={t('product.removeModelNumber', { value: m.value || i + 1 })}
                    onClick={() => removeModelNumber(i)}
                  >
                    {t('common.remove')}
                  </button>
                  <FieldErrorText id={`${fieldId(name)}-error`} error={err} />
                </li>
              );
            })}
          </ol>
          <FieldErrorText id="f-modelNumbers-error" error={errors.modelNumbers} />
          <button
            type="button"
            id="add-model-number"
            className="btn btn-small"
            onClick={addModelNumber}
            disabled={values.modelNumbers.length >= productLimits.modelNumbers}
          >
            <span aria-hidden="true">＋</span> {t('product.addModelNumber')}
          </button>
        </fieldset>

        <TextField
          name="manufacturer"
          label={t('product.fields.manufacturer')}
          value={values.manufacturer}
          onChange={(v) => set('manufacturer', v)}
          error={errors.manufacturer}
          required
          maxLength={productLimits.manufacturer}
        />
        <SelectField<DeviceClass | ''>
          name="deviceClass"
          label={t('product.fields.deviceClass')}
          hint={t('product.hints.deviceClass')}
          value={values.deviceClass}
          onChange={(v) => set('deviceClass', v)}
          error={errors.deviceClass}
          options={[
            { value: '', label: t('product.deviceClassUnset') },
            ...deviceClasses.map((c) => ({ value: c, label: t(`deviceClass.${c}`) })),
          ]}
        />
        <Checkbox
          name="isSamd"
          label={t('product.fields.isSamd')}
          hint={t('product.hints.isSamd')}
          checked={values.isSamd}
          onChange={(v) => set('isSamd', v)}
          error={errors.isSamd}
        />
        <CheckboxGroup<UseEnvironment>
          name="useEnvironments"
          label={t('product.fields.useEnvironments')}
          hint={t('product.hints.useEnvironments')}
          values={values.useEnvironments}
          onChange={(v) => set('useEnvironments', v)}
          error={errors.useEnvironments}
          options={useEnvironments.map((v) => ({ value: v, label: t(`useEnvironment.${v}`) }))}
        />
        <CheckboxGroup<Connectivity>
          name="connectivity"
          label={t('product.fields.connectivity')}
          hint={t('product.hints.connectivity')}
          values={values.connectivity}
          onChange={(v) => set('connectivity', v)}
          error={errors.connectivity}
          options={connectivityKinds.map((v) => ({ value: v, label: t(`connectivity.${v}`) }))}
        />
        <TextArea
          name="description"
          label={t('product.fields.description')}
          hint={t('product.hints.description')}
          value={values.description}
          onChange={(v) => set('description', v)}
          error={errors.description}
          rows={5}
          maxLength={productLimits.description}
        />
        <div className="form-actions">
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {busy ? t('common.saving') : product ? t('common.save') : t('common.create')}
          </BusyButton>
          <Link to={cancelTo} className="btn">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
