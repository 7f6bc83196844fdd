import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, downloads } from '../api/client.js';
import type { AuditEntryT } from '../api/types.js';
import { EmptyState } from '../components/EmptyState.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorAlert, Loading } from '../components/ErrorAlert.js';
import { PageHeading } from '../components/PageHeading.js';
import { Pagination } from '../components/Pagination.js';
import { formatDateTime } from '../format.js';
import { useAuthed } from '../session.js';
import { useResource } from '../useResource.js';
import { auditApiFilter, type AuditPageFilter } from './audit-filter.js';
import { auditSubjectPath } from './audit-subject.js';

const pageSize = 50;
/** Action prefixes the action filter suggests (any action or prefix ending in a dot may be typed). */
const actionPrefixes = [
  'auth.',
  'user.',
  'token.',
  'organization.',
  'product.',
  'release.',
  'sbom.',
  'component.',
  'findings.',
  'triage.',
  'threat_model.',
  'risk.',
  'compliance.',
  'annex_f.',
  'org_record.',
] as const;
/** The entity types the filter offers (the audit log records more; each has a label in audit.entityTypes). */
const entityTypes = [
  'product',
  'release',
  'sbom',
  'component',
  'finding',
  'triage_proposal',
  'threat_model',
  'risk',
  'control',
  'requirement',
  'verification_test',
  'compliance_profile',
  'compliance_assessment',
  'compliance_evidence',
  'annex_f_assessment',
  'annex_f_gap',
  'committee_member',
  'raci_assignment',
  'training_record',
  'contact_point',
  'isao_membership',
  'process_review',
  'user',
  'api_token',
  'organization',
  'request',
] as const;

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <p className="muted small">{t('audit.nothing')}</p>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** Top-level keys whose values differ between before and after (both objects). */
function changedKeys(before: unknown, after: unknown): string[] {
  if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => k !== 'updatedAt' && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .sort();
}

/**
 * The entity column: its type, its name (a link to its page where it has one), where it belongs,
 * and its full id to copy. Without a name the full id stands in for it.
 */
function EntityCell({ entry: e, typeLabel }: { entry: AuditEntryT; typeLabel: string }) {
  const { t } = useTranslation();
  const session = useAuthed();
  const path = auditSubjectPath(e, { isAdmin: session.user.role === 'admin' });
  const name = e.subject.label ?? e.entityId;
  return (
    <div className="audit-entity">
      <div className="cell-sub">{typeLabel}</div>
      {name ? (
        <div className={e.subject.label ? 'strong break' : 'mono break small'}>
          {path ? (
            <Link to={path} aria-label={t('audit.openEntity', { type: typeLabel, name })}>
              {name}
            </Link>
          ) : (
            name
          )}
        </div>
      ) : null}
      {e.subject.context ? <div className="cell-sub break">{e.subject.context}</div> : null}
      {e.entityId ? <CopyId id={e.entityId} name={name ?? e.entityId} /> : null}
    </div>
  );
}

/** The entity's full id to the clipboard; the id itself is in the button's title and the details row. */
function CopyId({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  return (
    <span className="audit-copy">
      <CopyButton text={id} title={id} label={t('audit.copyId', { name, id })}>
        {t('audit.copyIdShort')}
      </CopyButton>
    </span>
  );
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const filter: AuditPageFilter = {
    entityType: params.get('entityType') ?? '',
    actorUserId: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    fromDay: params.get('from') ?? '',
    toDay: params.get('to') ?? '',
  };
  const apiFilter = auditApiFilter(filter);
  const audit = useResource(
    `audit:${offset}:${JSON.stringify(apiFilter)}`,
    () => api.listAudit({ limit: pageSize, offset, ...apiFilter }),
    { keepPrevious: true },
  );
  const users = useResource('audit:users', () => api.listUsers({ limit: 500 }));
  const [actionText, setActionText] = useState(filter.action);
  const [actionShown, setActionShown] = useState(filter.action);
  if (actionShown !== filter.action) {
    // The URL changed (back, clear): the text box follows it.
    setActionShown(filter.action);
    setActionText(filter.action);
  }
  const filtered = Object.values(filter).some((v) => v !== '');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const update = (next: {
    offset?: number;
    entityType?: string;
    actor?: string;
    action?: string;
    from?: string;
    to?: string;
  }) => {
    const p = new URLSearchParams(params);
    const o = next.offset ?? 0;
    if (o) p.set('offset', String(o));
    else p.delete('offset');
    for (const key of ['entityType', 'actor', 'action', 'from', 'to'] as const) {
      const value = next[key];
      if (value === undefined) continue;
      if (value) p.set(key, value);
      else p.delete(key);
    }
    setParams(p);
  };
  const applyAction = () => {
    if (actionText.trim() !== filter.action) update({ action: actionText.trim(), offset: 0 });
  };
  /** An action without a label of its own reads as its entity and verb (`annex_f.gap.create` → "Annex F gap: created"). */
  const composed = (code: string) => {
    const dot = code.lastIndexOf('.');
    const entity = `audit.entityTypes.${code.slice(0, dot).replace(/\./g, '_')}`;
    const verb = `audit.verbs.${code.slice(dot + 1)}`;
    return dot > 0 && i18n.exists(entity) && i18n.exists(verb)
      ? t('audit.composed', { entity: t(entity), verb: t(verb) })
      : code;
  };
  const label = (ns: 'actions' | 'entityTypes', code: string) =>
    t(`audit.${ns}.${code.replace(/\./g, '_')}`, { defaultValue: ns === 'actions' ? composed(code) : code });

  return (
    <div className="page">
      <PageHeading title={t('audit.title')} subtitle={t('audit.intro')} />
      <form
        className="toolbar"
        aria-label={t('audit.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          applyAction();
        }}
      >
        <div className="toolbar-filter">
          <label htmlFor="entity-filter" className="toolbar-label">
            {t('audit.entityFilter')}
          </label>
          <select
            id="entity-filter"
            className="input select select-compact"
            value={filter.entityType}
            onChange={(e) => update({ entityType: e.target.value, offset: 0 })}
          >
            <option value="">{t('audit.allEntities')}</option>
            {entityTypes.map((e) => (
              <option key={e} value={e}>
                {label('entityTypes', e)}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-filter">
          <label htmlFor="actor-filter" className="toolbar-label">
            {t('audit.actorFilter')}
          </label>
          <select
            id="actor-filter"
            className="input select select-compact"
            value={filter.actorUserId}
            onChange={(e) => update({ actor: e.target.value, offset: 0 })}
          >
            <option value="">{t('audit.allActors')}</option>
            {filter.actorUserId && !users.data?.items.some((u) => u.id === filter.actorUserId) ? (
              <option value={filter.actorUserId}>{filter.actorUserId}</option>
            ) : null}
            {(users.data?.items ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName && u.displayName !== u.email ? `${u.displayName} (${u.email})` : u.email}
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-filter">
          <label htmlFor="action-filter" className="toolbar-label">
            {t('audit.actionFilter')}
          </label>
          <input
            id="action-filter"
            className="input input-compact audit-action-input mono"
            list="action-prefixes"
            value={actionText}
            placeholder="sbom."
            aria-describedby="action-filter-hint"
            maxLength={100}
            onChange={(e) => setActionText(e.target.value)}
            onBlur={applyAction}
          />
          <datalist id="action-prefixes">
            {actionPrefixes.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <span id="action-filter-hint" className="sr-only">
            {t('audit.actionHint')}
          </span>
        </div>
        <div className="toolbar-filter">
          <label htmlFor="from-filter" className="toolbar-label">
            {t('audit.fromFilter')}
          </label>
          <input
            id="from-filter"
            type="date"
            className="input input-compact"
            value={filter.fromDay}
            max={filter.toDay || undefined}
            onChange={(e) => update({ from: e.target.value, offset: 0 })}
          />
        </div>
        <div className="toolbar-filter">
          <label htmlFor="to-filter" className="toolbar-label">
            {t('audit.toFilter')}
          </label>
          <input
            id="to-filter"
            type="date"
            className="input input-compact"
            value={filter.toDay}
            min={filter.fromDay || undefined}
            onChange={(e) => update({ to: e.target.value, offset: 0 })}
          />
        </div>
        <button type="submit" className="sr-only">
          {t('audit.applyFilters')}
        </button>
        {filtered ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setActionText('');
              update({ entityType: '', actor: '', action: '', from: '', to: '', offset: 0 });
            }}
          >
            {t('audit.clearFilters')}
          </button>
        ) : null}
        <div className="toolbar-filter toolbar-end" role="group" aria-label={t('audit.exportLabel')}>
          <span className="toolbar-label" aria-hidden="true">
            {t('audit.export')}
          </span>
          <a
            className="btn btn-small"
            href={downloads.auditExport('csv', apiFilter)}
            download
            aria-label={t('audit.exportAs', { format: 'CSV' })}
          >
            CSV
          </a>
          <a
            className="btn btn-small"
            href={downloads.auditExport('json', apiFilter)}
            download
            aria-label={t('audit.exportAs', { format: 'JSON' })}
          >
            JSON
          </a>
        </div>
      </form>
      <ErrorAlert error={audit.error} onRetry={audit.error ? audit.reload : undefined} />
      {!audit.data && audit.loading ? <Loading /> : null}
      {audit.data && audit.data.total === 0 ? (
        <EmptyState title={t(filtered ? 'audit.noMatches' : 'audit.empty')} body="" />
      ) : null}
      {audit.data && audit.data.total > 0 ? (
        <div className={`table-card${audit.loading ? ' is-loading' : ''}`} aria-busy={audit.loading}>
          <div className="table-scroll">
            <table className="table table-audit">
              <caption className="sr-only">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="col-expand">
                    <span className="sr-only">{t('common.details')}</span>
                  </th>
                  <th scope="col" className="col-seq">
                    {t('audit.columns.seq')}
                  </th>
                  <th scope="col" className="col-date">
                    {t('audit.columns.at')}
                  </th>
                  <th scope="col">{t('audit.columns.actor')}</th>
                  <th scope="col">{t('audit.columns.action')}</th>
                  <th scope="col">{t('audit.columns.entity')}</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.map((e) => {
                  const isOpen = open.has(e.id);
                  const hasDetails = e.before != null || e.after != null || e.entityId !== null;
                  return (
                    <Fragment key={e.id}>
                      <tr className={isOpen ? 'row-open' : undefined}>
                        <td className="col-expand">
                          {hasDetails ? (
                            <button
                              type="button"
                              className="expander"
                              aria-expanded={isOpen}
                              aria-controls={`audit-${e.id}`}
                              aria-label={t('audit.showChanges', { seq: e.seq })}
                              onClick={() => toggle(e.id)}
                            >
                              <svg viewBox="0 0 12 12" aria-hidden="true">
                                <path
                                  d="M4.5 3l3 3-3 3"
                                  fill="none"
                                  stroke="currentColor"
                                  strokeWidth="1.5"
                                />
                              </svg>
                            </button>
                          ) : null}
                        </td>
                        <td className="col-seq tabular muted">{e.seq}</td>
                        <td className="col-date tabular nowrap">{formatDateTime(e.at)}</td>
                        <td className="break">{e.actorName}</td>
                        <td>
                          <div>{label('actions', e.action)}</div>
                          <code className="cell-sub mono">{e.action}</code>
                        </td>
                        <td>
                          <EntityCell entry={e} typeLabel={label('entityTypes', e.entityType)} />
                        </td>
                      </tr>
                      {isOpen ? (
                        <tr className="row-detail" id={`audit-${e.id}`}>
                          <td />
                          <td colSpan={5}>
                            {e.entityId ? (
                              <div className="audit-entity-id small">
                                <span className="diff-label">{t('audit.entityId')}</span>{' '}
                                <code className="mono" data-testid="audit-entity-id">
                                  {e.entityId}
                                </code>
                              </div>
                            ) : null}
                            {changedKeys(e.before, e.after).length ? (
                              <div className="changed">
                                <span className="diff-label">{t('audit.changed')}</span>
                                <span className="chips">
                                  {changedKeys(e.before, e.after).map((k) => (
                                    <code key={k} className="chip chip-changed">
                                      {k}
                                    </code>
                                  ))}
                                </span>
                              </div>
                            ) : null}
                            <div className="diff">
                              <div>
                                <div className="diff-label">{t('audit.before')}</div>
                                <Json value={e.before} />
                              </div>
                              <div>
                                <div className="diff-label">{t('audit.after')}</div>
                                <Json value={e.after} />
                              </div>
                            </div>
                            <div className="hash muted small mono">
                              hash {e.hash.slice(0, 16)}… · prev {e.prevHash.slice(0, 16)}…
                            </div>
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination
            total={audit.data.total}
            limit={pageSize}
            offset={offset}
            onChange={(o) => update({ offset: o })}
          />
        </div>
      ) : null}
    </div>
  );
}
