import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  normalizeOrgRecordInput,
  orgRecordFields,
  orgRecordIssues,
  orgRecordKinds,
  type FieldSpec,
  type OrgRecordKind,
  type OrgRecordStatus,
} from '../../../../src/core/domain/org-records.js';
import { ApiError } from '../../api/client.js';
import { Badge } from '../../components/Badge.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { fieldId, msg, SelectField, TextArea, TextField, type FieldErrors } from '../../components/fields.js';
import { PageHeading } from '../../components/PageHeading.js';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard.js';
import { useCanWrite, useNotify } from '../../session.js';
import { useResource } from '../../useResource.js';
import { orgRecordsApi, type OrgRecordViewT } from './api.js';
import './orgrecords.css';

const statusTone: Record<OrgRecordStatus, 'green' | 'amber' | 'red' | 'gray'> = {
  current: 'green',
  due_soon: 'amber',
  expiring: 'amber',
  overdue: 'red',
  expired: 'red',
  failed: 'red',
  ended: 'gray',
  superseded: 'gray',
  archived: 'gray',
};

/** Form values: every field as the text the control shows (lists one entry per line). */
type Values = Record<string, string>;

function toValues(kind: OrgRecordKind, record: OrgRecordViewT | null): Values {
  const out: Values = {};
  const source = (record ?? {}) as Record<string, unknown>;
  for (const f of orgRecordFields[kind]) {
    const v = source[f.name];
    out[f.name] = Array.isArray(v) ? v.join('\n') : typeof v === 'string' || typeof v === 'number' ? String(v) : f.type === 'enum' && f.values ? f.values[0]! : '';
  }
  return out;
}

function toBody(kind: OrgRecordKind, values: Values): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const f of orgRecordFields[kind]) raw[f.name] = f.type === 'list' ? values[f.name]!.split('\n') : values[f.name];
  return normalizeOrgRecordInput(kind, raw) as unknown as Record<string, unknown>;
}

/** The same rules as the server (core), with messages translated by the kind of problem. */
function validate(kind: OrgRecordKind, body: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of orgRecordIssues(kind, body)) {
    if (errors[issue.path]) continue;
    const spec = orgRecordFields[kind].find((f) => f.name === issue.path);
    if (issue.message === 'Required.') errors[issue.path] = msg('orgrecords.validation.required');
    else if (issue.message.includes(' before ')) errors[issue.path] = msg('orgrecords.validation.order');
    else if (issue.message.includes('contact point needs')) errors[issue.path] = msg(`orgrecords.validation.contact_${String(body.channel)}`);
    else errors[issue.path] = msg(`orgrecords.validation.${spec?.type ?? 'text'}`, { max: spec?.max, min: spec?.min ?? 0 });
  }
  return errors;
}

function display(t: (k: string) => string, f: FieldSpec, value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value === '') return '—';
  return f.type === 'enum' ? t(`orgrecords.values.${f.name}.${value}`) : value;
}

/**
 * An open form: a new record of a kind, or the edit of one record. Drafts live in the page, one per
 * form, so opening or saving another form keeps them; a draft ends only when its form is saved or
 * cancelled. `initial` is what the form started from (to tell whether it holds unsaved changes).
 */
interface Draft {
  readonly kind: OrgRecordKind;
  /** The record being edited; null for a new one. */
  readonly record: OrgRecordViewT | null;
  readonly initial: Values;
  readonly values: Values;
}

const draftKey = (kind: OrgRecordKind, id: string | null) => `${kind}-${id ?? 'new'}`;
const isDirty = (d: Draft) => Object.keys(d.values).some((k) => d.values[k] !== d.initial[k]);

/** Columns per kind: every field but the long free texts kept for the edit form. */
const hiddenInTable = new Set(['notes', 'pgpKey', 'responsibilities', 'actions']);

/** The field a record is named by ("Edit 佐藤 花子", the edit form's title): its first plain text column. */
function nameField(kind: OrgRecordKind): FieldSpec {
  const columns = orgRecordFields[kind].filter((f) => !hiddenInTable.has(f.name));
  return columns.find((f) => f.type === 'text') ?? columns[0]!;
}

function RecordForm({
  formId,
  draft,
  onChange,
  onDone,
  onCancel,
}: {
  /** Unique on the page: prefixes the ids of the form's fields. */
  formId: string;
  draft: Draft;
  onChange: (values: Values) => void;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { kind, record, values } = draft;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = orgRecordFields[kind];

  useEffect(() => {
    document.getElementById(fieldId(fields[0]!.name, formId))?.focus();
  }, [fields, formId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = toBody(kind, values);
    const found = validate(kind, body);
    setErrors(found);
    const first = fields.find((f) => found[f.name]);
    if (first) {
      setError(null);
      document.getElementById(fieldId(first.name, formId))?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (record) await orgRecordsApi.update(kind, record.id, body);
      else await orgRecordsApi.create(kind, body);
      notify(t('orgrecords.saved', { kind: t(`orgrecords.kinds.${kind}.one`) }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        const server: FieldErrors = {};
        for (const i of err.issues) server[i.path] = i.message;
        setErrors(server);
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const set = (name: string) => (v: string) => onChange({ ...values, [name]: v });
  const label = (f: FieldSpec) => t(`orgrecords.fields.${f.name}`);
  const hint = (f: FieldSpec) => (t(`orgrecords.hints.${f.name}`, { defaultValue: '' }) || undefined);

  return (
    <form className="card orgrec-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`orgrec-form-${formId}`} data-form={formId}>
      <h3 id={`orgrec-form-${formId}`} className="card-title">
        {t(record ? 'orgrecords.editTitle' : 'orgrecords.addTitle', {
          kind: t(`orgrecords.kinds.${kind}.one`),
          name: record ? display(t, nameField(kind), (record as unknown as Record<string, unknown>)[nameField(kind).name]) : '',
        })}
        {isDirty(draft) ? (
          <>
            {' '}
            <Badge tone="amber">{t('orgrecords.unsaved')}</Badge>
          </>
        ) : null}
      </h3>
      <ErrorAlert error={error} />
      <div className="orgrec-grid">
        {fields.map((f) => {
          const common = { name: f.name, idPrefix: formId, label: label(f), hint: hint(f), error: errors[f.name], required: f.required };
          if (f.type === 'enum')
            return (
              <SelectField
                key={f.name}
                {...common}
                value={values[f.name]!}
                onChange={set(f.name)}
                options={(f.values ?? []).map((v) => ({ value: v, label: t(`orgrecords.values.${f.name}.${v}`) }))}
              />
            );
          if (f.type === 'longtext' || f.type === 'list')
            return <TextArea key={f.name} {...common} rows={f.type === 'list' ? 3 : 3} value={values[f.name]!} onChange={set(f.name)} />;
          return (
            <TextField
              key={f.name}
              {...common}
              type={f.type === 'date' ? 'date' : f.type === 'email' ? 'email' : 'text'}
              inputMode={f.type === 'int' ? 'numeric' : undefined}
              width={f.type === 'date' || f.type === 'int' ? 'short' : 'long'}
              value={values[f.name]!}
              onChange={set(f.name)}
            />
          );
        })}
      </div>
      <div className="form-actions">
        <BusyButton type="submit" className="btn btn-primary" busy={busy}>
          {t('orgrecords.save')}
        </BusyButton>
        <BusyButton type="button" className="btn" onClick={onCancel} busy={busy}>
          {t('orgrecords.cancel')}
        </BusyButton>
      </div>
    </form>
  );
}

function Section({
  kind,
  records,
  writable,
  drafts,
  onOpen,
  onDraftChange,
  onClose,
  onChanged,
}: {
  kind: OrgRecordKind;
  records: readonly OrgRecordViewT[];
  writable: boolean;
  /** The open forms of this kind, by draft key. */
  drafts: readonly (readonly [string, Draft])[];
  onOpen: (kind: OrgRecordKind, record: OrgRecordViewT | null) => void;
  onDraftChange: (key: string, values: Values) => void;
  onClose: (key: string) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [error, setError] = useState<unknown>(null);
  const columns = orgRecordFields[kind].filter((f) => !hiddenInTable.has(f.name));
  const labelField = nameField(kind);
  // The new record's form first, then the edits in the order they were opened.
  const forms = [...drafts].sort(([, a], [, b]) => (a.record === null ? 0 : 1) - (b.record === null ? 0 : 1));
  const headingId = `orgrec-${kind}`;

  const archive = async (r: OrgRecordViewT, archived: boolean) => {
    setError(null);
    try {
      await orgRecordsApi.archive(kind, r.id, archived);
      notify(t(archived ? 'orgrecords.archived' : 'orgrecords.restored'));
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="section orgrec-section" aria-labelledby={headingId} data-kind={kind}>
      <div className="section-heading">
        <h2 id={headingId}>
          {t(`orgrecords.kinds.${kind}.title`)} <span className="count-pill">{records.filter((r) => r.archivedAt === null).length}</span>
        </h2>
        {writable ? (
          <button type="button" className="btn btn-small" onClick={() => onOpen(kind, null)}>
            {t('orgrecords.add', { kind: t(`orgrecords.kinds.${kind}.one`) })}
          </button>
        ) : null}
      </div>
      <p className="small muted">{t(`orgrecords.kinds.${kind}.description`)}</p>
      <ErrorAlert error={error} />
      {forms.map(([key, draft]) => (
        <RecordForm
          key={key}
          formId={key}
          draft={draft}
          onChange={(values) => onDraftChange(key, values)}
          onCancel={() => onClose(key)}
          onDone={() => {
            onClose(key);
            onChanged();
          }}
        />
      ))}
      {records.length === 0 ? (
        <p className="small muted">{t('orgrecords.empty')}</p>
      ) : (
        <div className="table-card">
          <div className="table-scroll">
            <table className="table">
              <caption className="sr-only">{t(`orgrecords.kinds.${kind}.title`)}</caption>
              <thead>
                <tr>
                  {columns.map((f) => (
                    <th key={f.name} scope="col">
                      {t(`orgrecords.fields.${f.name}`)}
                    </th>
                  ))}
                  <th scope="col">{t('orgrecords.statusColumn')}</th>
                  {writable ? (
                    <th scope="col" className="col-actions">
                      <span className="sr-only">{t('orgrecords.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {records.map((r) => {
                  const values = r as unknown as Record<string, unknown>;
                  const attention = r.status === 'overdue' || r.status === 'expired' || r.status === 'failed';
                  const name = display(t, labelField, values[labelField.name]);
                  return (
                    <tr key={r.id} className={r.archivedAt ? 'row-archived' : attention ? 'orgrec-attention' : undefined}>
                      {columns.map((f, i) => (
                        <td key={f.name} className={i === 0 ? 'cell-primary' : f.type === 'longtext' ? 'orgrec-long' : undefined}>
                          {display(t, f, values[f.name])}
                        </td>
                      ))}
                      <td>
                        <Badge tone={statusTone[r.status]}>{t(`orgrecords.status.${r.status}`)}</Badge>
                      </td>
                      {writable ? (
                        <td className="col-actions">
                          {r.archivedAt === null ? (
                            <>
                              <button
                                type="button"
                                className="btn btn-small btn-link"
                                onClick={() => onOpen(kind, r)}
                                aria-label={t('orgrecords.editLabel', { name })}
                              >
                                {t('orgrecords.edit')}
                              </button>
                              <button
                                type="button"
                                className="btn btn-small btn-link"
                                onClick={() => void archive(r, true)}
                                aria-label={t('orgrecords.archiveLabel', { name })}
                              >
                                {t('orgrecords.archive')}
                              </button>
                            </>
                          ) : (
                            <button
                              type="button"
                              className="btn btn-small btn-link"
                              onClick={() => void archive(r, false)}
                              aria-label={t('orgrecords.restoreLabel', { name })}
                            >
                              {t('orgrecords.restore')}
                            </button>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

/** The organisation's own records an inspection asks for; read-only for viewers (auditors). */
export function OrgRecordsPage() {
  const { t } = useTranslation();
  const writable = useCanWrite();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(new Map());
  // "Show archived" keeps the records shown (dimmed) until the new list arrives.
  const data = useResource(`org-records:${includeArchived}`, () => orgRecordsApi.list(includeArchived), { keepPrevious: true });
  const summary = data.data?.summary;

  /** Opens the form of a new record or of a record's edit, or moves to it when it is already open. */
  const open = useCallback(
    (kind: OrgRecordKind, record: OrgRecordViewT | null) => {
      const key = draftKey(kind, record?.id ?? null);
      if (drafts.has(key)) {
        document.getElementById(fieldId(orgRecordFields[kind][0]!.name, key))?.focus();
        return;
      }
      const initial = toValues(kind, record);
      setDrafts((old) => new Map(old).set(key, { kind, record, initial, values: initial }));
    },
    [drafts],
  );
  const change = useCallback((key: string, values: Values) => {
    setDrafts((old) => {
      const d = old.get(key);
      return d ? new Map(old).set(key, { ...d, values }) : old;
    });
  }, []);
  const close = useCallback((key: string) => {
    setDrafts((old) => {
      const next = new Map(old);
      next.delete(key);
      return next;
    });
  }, []);
  const unsaved = [...drafts.values()].some(isDirty);

  return (
    <>
      <PageHeading title={t('orgrecords.title')} subtitle={t('orgrecords.subtitle')} />
      <UnsavedChangesGuard when={unsaved} />
      <ErrorAlert error={data.error} />
      {!data.data && data.loading ? <Loading /> : null}
      {summary ? (
        <div className="card orgrec-summary" aria-labelledby="orgrec-summary">
          <h2 id="orgrec-summary" className="card-title">
            {t('orgrecords.summary.title', { today: summary.today })}
          </h2>
          {summary.gaps.length === 0 ? (
            <p>{t('orgrecords.summary.noGaps')}</p>
          ) : (
            <ul className="orgrec-gaps">
              {summary.gaps.map((g) => (
                <li key={g}>
                  {t(`orgrecords.gaps.${g}`, {
                    count: g === 'training_expired' ? summary.expiredTraining : summary.overdueReviews,
                    activities: summary.raciActivitiesWithoutOneAccountable.join('、'),
                  })}
                </li>
              ))}
            </ul>
          )}
          {!writable ? <p className="small muted">{t('orgrecords.readOnly')}</p> : null}
        </div>
      ) : null}
      <div className="toolbar">
        <label className="checkbox-inline">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />{' '}
          {t('orgrecords.showArchived')}
        </label>
      </div>
      <div className={data.loading ? 'is-loading' : undefined} aria-busy={data.loading}>
        {data.data
          ? orgRecordKinds.map((kind) => (
              <Section
                key={kind}
                kind={kind}
                records={data.data!.records.filter((r) => r.kind === kind)}
                writable={writable}
                drafts={[...drafts].filter(([, d]) => d.kind === kind)}
                onOpen={open}
                onDraftChange={change}
                onClose={close}
                onChanged={data.reload}
              />
            ))
          : null}
      </div>
    </>
  );
}
