import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isIsoDate, releaseLimits, tplcStages } from '../../../src/core/domain/release.js';
import { api, ApiError } from '../api/client.js';
import type { ProductT, ReleaseT } from '../api/types.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert, Loading } from '../components/ErrorAlert.js';
import { FormInvalid } from '../format.js';
import { PageHeading } from '../components/PageHeading.js';
import {
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

type Stage = (typeof tplcStages)[number];

/** New release (/products/:id/releases/new) or edit (/releases/:releaseId/edit). */
export function ReleaseFormPage() {
  const { id, releaseId } = useParams();
  const canWrite = useCanWrite();
  const loaded = useResource(`release-form:${id ?? ''}:${releaseId ?? ''}`, async () => {
    if (!canWrite) return null;
    const release = releaseId ? await api.getRelease(releaseId) : null;
    const product = await api.getProduct(release ? release.productId : (id ?? ''));
    return { product, release };
  });
  if (!canWrite) return <ForbiddenPage need="editor" />;
  if (loaded.error)
    return (
      <div className="page">
        <ErrorAlert error={loaded.error} />
      </div>
    );
  if (!loaded.data) return <Loading />;
  return <ReleaseForm key={releaseId ?? id} product={loaded.data.product} release={loaded.data.release} />;
}

const order = ['version', 'releaseDate', 'stage', 'endOfLife', 'endOfSupport', 'notes'] as const;

function ReleaseForm({ product, release }: { product: ProductT; release: ReleaseT | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const [values, setValues] = useState({
    version: release?.version ?? '',
    releaseDate: release?.releaseDate ?? '',
    stage: release?.stage ?? 'development',
    endOfLife: release?.endOfLife ?? '',
    endOfSupport: release?.endOfSupport ?? '',
    notes: release?.notes ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof typeof values>(k: K) =>
    (v: (typeof values)[K]) => {
      setValues((s) => ({ ...s, [k]: v }));
      // An edited field loses its old message; the next submit checks again.
      setErrors((e) => (e[k] ? Object.fromEntries(Object.entries(e).filter(([name]) => name !== k)) : e));
    };

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!values.version.trim()) e.version = msg('release.versionRequired');
    for (const k of ['releaseDate', 'endOfLife', 'endOfSupport'] as const)
      if (values[k] && !isIsoDate(values[k])) e[k] = msg('release.dateInvalid');
    if (Object.keys(e).length) return e;
    if (values.stage !== 'development' && !values.releaseDate)
      e.releaseDate = msg('release.releaseDateRequired');
    if (values.releaseDate) {
      if (values.endOfLife && values.endOfLife < values.releaseDate)
        e.endOfLife = msg('release.eolBeforeRelease');
      if (values.endOfSupport && values.endOfSupport < values.releaseDate)
        e.endOfSupport = msg('release.eosBeforeRelease');
    }
    if (values.stage === 'end_of_support' && !values.endOfSupport)
      e.endOfSupport = msg('release.eosRequired');
    if (values.notes.length > releaseLimits.notes)
      e.notes = msg('product.tooLong', { max: releaseLimits.notes });
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
      version: values.version.trim(),
      releaseDate: values.releaseDate || null,
      stage: values.stage,
      endOfLife: values.endOfLife || null,
      endOfSupport: values.endOfSupport || null,
      notes: values.notes.trim(),
    };
    setBusy(true);
    try {
      const saved = release
        ? await api.updateRelease(release.id, body)
        : await api.createRelease(product.id, body);
      notify(t(release ? 'release.saved' : 'release.created', { version: saved.version }));
      void navigate(`/products/${product.id}`);
    } catch (err) {
      setBusy(false);
      setError(err);
      if (err instanceof ApiError) {
        const mapped = issuesToErrors(err.issues, order);
        if (err.code === 'release.version_taken') mapped.version = msg('errors.release.version_taken');
        setErrors(mapped);
        focusFirstError(mapped, order);
      }
    }
  };

  const title = release
    ? t('release.editTitle', { version: release.version })
    : t('release.newTitle', { product: product.name });
  const back = `/products/${product.id}`;
  return (
    <div className="page page-form">
      <Link to={back} className="backlink">
        ‹ {product.name}
      </Link>
      <PageHeading title={title} />
      <ErrorAlert error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate className="card form-card">
        <TextField
          name="version"
          label={t('release.fields.version')}
          hint={t('release.hints.version')}
          value={values.version}
          onChange={set('version')}
          error={errors.version}
          required
          width="short"
          maxLength={releaseLimits.version}
        />
        <SelectField<Stage>
          name="stage"
          label={t('release.fields.stage')}
          hint={t('release.hints.stage')}
          value={values.stage}
          onChange={set('stage')}
          error={errors.stage}
          options={tplcStages.map((s) => ({ value: s, label: t(`tplcStage.${s}`) }))}
        />
        <div className="field-row">
          <TextField
            name="releaseDate"
            type="date"
            label={t('release.fields.releaseDate')}
            hint={t('release.hints.releaseDate')}
            value={values.releaseDate}
            onChange={set('releaseDate')}
            error={errors.releaseDate}
            width="short"
          />
          <TextField
            name="endOfLife"
            type="date"
            label={t('release.fields.endOfLife')}
            hint={t('release.hints.endOfLife')}
            value={values.endOfLife}
            onChange={set('endOfLife')}
            error={errors.endOfLife}
            width="short"
          />
          <TextField
            name="endOfSupport"
            type="date"
            label={t('release.fields.endOfSupport')}
            hint={t('release.hints.endOfSupport')}
            value={values.endOfSupport}
            onChange={set('endOfSupport')}
            error={errors.endOfSupport}
            width="short"
          />
        </div>
        <TextArea
          name="notes"
          label={t('release.fields.notes')}
          hint={t('release.hints.notes')}
          value={values.notes}
          onChange={set('notes')}
          error={errors.notes}
          rows={4}
          maxLength={releaseLimits.notes}
        />
        <div className="form-actions">
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {busy ? t('common.saving') : release ? t('common.save') : t('common.create')}
          </BusyButton>
          <Link to={back} className="btn">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
