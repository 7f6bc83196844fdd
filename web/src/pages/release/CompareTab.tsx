import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.js';
import type {
  ComponentChangeT,
  DiffComponentRefT,
  FieldChangeT,
  PrimaryComponentDiffT,
  ReleaseT,
  SbomDiffT,
} from '../../api/types.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { useResource } from '../../useResource.js';
import { formatNumber } from '../../format.js';
import { formatName } from './util.js';
import { SearchIcon } from '../../components/SearchIcon.js';

/** What changed in this release's inventory since another release of the same product. */
export function CompareTab({ release, version }: { release: ReleaseT; version: number }) {
  const { t } = useTranslation();
  const releases = useResource(`compare-releases:${release.productId}`, () =>
    api.listReleases(release.productId, { archived: 'include', limit: 500 }),
  );
  const others = (releases.data?.items ?? []).filter((r) => r.id !== release.id);
  const [against, setAgainst] = useState('');
  // Default: the release listed right after this one (the next older), else the first other one.
  const own = releases.data?.items.findIndex((r) => r.id === release.id) ?? -1;
  const fallback = releases.data?.items[own + 1]?.id ?? others[0]?.id ?? '';
  const chosen = against || fallback;
  // Another pair is another key: its result replaces the old pair's only when it arrives, with a
  // loading state until then (a diff of 50,000 components takes seconds). A new SBOM (`version`)
  // reloads the same pair, whose result stays shown, dimmed, meanwhile.
  const diff = useResource(
    `diff:${release.id}:${chosen}`,
    () => (chosen ? api.getDiff(release.id, chosen) : Promise.resolve(null)),
    { revision: version },
  );

  if (releases.error) return <ErrorAlert error={releases.error} onRetry={releases.reload} />;
  if (!releases.data) return <Loading />;
  if (others.length === 0)
    return <EmptyState title={t('compare.noOthersTitle')} body={t('compare.noOthersBody')} />;
  const other = others.find((r) => r.id === chosen);
  const none = diff.error instanceof ApiError && diff.error.code === 'sbom.none';

  return (
    <div className="compare">
      <div className="toolbar">
        <div className="toolbar-filter">
          <label htmlFor="compare-against" className="toolbar-label">
            {t('compare.against')}
          </label>
          <select
            id="compare-against"
            className="input select select-compact"
            value={chosen}
            onChange={(e) => setAgainst(e.target.value)}
          >
            {others.map((r) => (
              <option key={r.id} value={r.id}>
                {r.version}
              </option>
            ))}
          </select>
        </div>
        {other ? (
          <span className="toolbar-count">
            {t('compare.direction', { old: other.version, new: release.version })}
          </span>
        ) : null}
      </div>
      {none ? (
        <EmptyState title={t('compare.noneTitle')} body={t('compare.noneBody')} />
      ) : (
        <ErrorAlert error={diff.error} onRetry={diff.error ? diff.reload : undefined} />
      )}
      {/* Always in the page, so that screen readers announce the text when it appears. */}
      <div role="status" aria-live="polite" data-testid="diff-status">
        {diff.loading && !diff.data ? (
          <div className="loading">
            <span className="spinner" aria-hidden="true" />
            {other ? t('compare.loading', { old: other.version, new: release.version }) : t('app.loading')}
          </div>
        ) : null}
      </div>
      {diff.data && !none ? <DiffView diff={diff.data} busy={diff.loading} /> : null}
    </div>
  );
}

const summaryKeys = [
  'added',
  'removed',
  'upgraded',
  'downgraded',
  'versionChanged',
  'modified',
  'unchanged',
] as const;

/** Rows of each change table rendered at first, and added by each "show more". */
export const diffRowsFirst = 200;
export const diffRowsMore = 1000;

/** Whether a component of the diff matches the filter text (name, group, version, purl or CPE; case ignored). */
function refMatches(r: DiffComponentRefT, needle: string): boolean {
  for (const v of [r.name, r.group, r.version, r.purl, r.cpe])
    if (v && v.toLowerCase().includes(needle)) return true;
  return false;
}

function DiffView({ diff, busy }: { diff: SbomDiffT; busy: boolean }) {
  const { t } = useTranslation();
  const s = diff.summary;
  const [query, setQuery] = useState('');
  // Typing stays responsive while 100,000 changes are filtered.
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const shown = useMemo(() => {
    if (!deferred) return diff;
    const change = (c: ComponentChangeT) => refMatches(c.new, deferred) || refMatches(c.old, deferred);
    return {
      ...diff,
      added: diff.added.filter((r) => refMatches(r, deferred)),
      removed: diff.removed.filter((r) => refMatches(r, deferred)),
      upgraded: diff.upgraded.filter(change),
      downgraded: diff.downgraded.filter(change),
      versionChanged: diff.versionChanged.filter(change),
      modified: diff.modified.filter(change),
    };
  }, [diff, deferred]);
  const changes = s.added + s.removed + s.upgraded + s.downgraded + s.versionChanged + s.modified;
  const nothing = changes === 0 && (diff.primary === null || diff.primary.change === 'unchanged');
  const matched =
    shown.added.length +
    shown.removed.length +
    shown.upgraded.length +
    shown.downgraded.length +
    shown.versionChanged.length +
    shown.modified.length;
  // A new filter shows each table from its first rows again.
  const tableKey = deferred;
  return (
    <div className={busy ? 'is-loading' : undefined} aria-busy={busy}>
      <PrimaryCard primary={diff.primary} />
      <section className="card" aria-labelledby="diff-summary-title">
        <h2 id="diff-summary-title" className="card-title">
          {t('compare.summary')}
        </h2>
        <p className="muted small">
          {t('compare.componentCounts', { old: s.oldComponents, new: s.newComponents })}
        </p>
        <dl className="stats stats-wide">
          {summaryKeys.map((k) => (
            <div key={k} className={`stat stat-${k}`}>
              <dt>{t(`compare.kinds.${k}`)}</dt>
              <dd data-testid={`diff-${k}`}>{formatNumber(s[k])}</dd>
            </div>
          ))}
        </dl>
      </section>
      {nothing ? <p className="empty-inline">{t('compare.noChanges')}</p> : null}
      {changes > 0 ? (
        <div className="toolbar">
          <div className="search" role="search">
            <label htmlFor="diff-filter" className="sr-only">
              {t('compare.filter')}
            </label>
            <SearchIcon />
            <input
              id="diff-filter"
              type="search"
              className="input search-input"
              value={query}
              maxLength={200}
              placeholder={t('compare.filterPlaceholder')}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          {deferred ? (
            <span className="toolbar-count" role="status" data-testid="diff-filter-count">
              {t('compare.filterCount', { matched, total: changes })}
            </span>
          ) : null}
        </div>
      ) : null}
      {deferred && matched === 0 ? (
        <p className="empty-inline">{t('compare.filterNone', { query: query.trim() })}</p>
      ) : null}
      {(['added', 'removed'] as const).map((kind) => (
        <RefTable key={`${kind}:${tableKey}`} kind={kind} items={shown[kind]} total={diff[kind].length} />
      ))}
      {(['upgraded', 'downgraded', 'versionChanged', 'modified'] as const).map((kind) => (
        <ChangeTable key={`${kind}:${tableKey}`} kind={kind} items={shown[kind]} total={diff[kind].length} />
      ))}
    </div>
  );
}

/**
 * How many of a table's rows are in the page: the first ones, and more on request, so that a diff of
 * two unrelated 50,000-component inventories (100,000 rows) renders, and switches language, at once.
 */
function useRowLimit(count: number) {
  const [limit, setLimit] = useState(diffRowsFirst);
  return { limit, rest: Math.max(0, count - limit), more: () => setLimit((l) => l + diffRowsMore) };
}

function TableHeading({ kind, shown, total }: { kind: string; shown: number; total: number }) {
  const { t } = useTranslation();
  return (
    <h2 id={`diff-${kind}-title`} className="diff-heading">
      {t(`compare.kinds.${kind}`)}{' '}
      <span className="count-pill">
        {shown === total ? formatNumber(total) : t('compare.matchedOf', { matched: shown, total })}
      </span>
    </h2>
  );
}

function MoreRows({
  kind,
  limit,
  count,
  rest,
  more,
}: {
  kind: string;
  limit: number;
  count: number;
  rest: number;
  more: () => void;
}) {
  const { t } = useTranslation();
  if (rest === 0) return null;
  return (
    <div className="table-footer" data-testid={`diff-${kind}-more`}>
      <span className="muted small">{t('compare.showing', { shown: limit, total: count })}</span>{' '}
      <button type="button" className="btn btn-small" onClick={more}>
        {t('compare.showMore', { count: Math.min(rest, diffRowsMore) })}
      </button>
    </div>
  );
}

/**
 * The primary component (what the SBOM describes, usually the device's firmware or the application
 * itself) first and on its own: its version and other changes, even when its name changed.
 */
function PrimaryCard({ primary }: { primary: PrimaryComponentDiffT | null }) {
  const { t } = useTranslation();
  const name = (r: DiffComponentRefT) => formatName(r.group, r.name);
  let body;
  if (primary === null) {
    body = <p className="muted">{t('compare.primary.none')}</p>;
  } else if (primary.old === null || primary.new === null) {
    const only = (primary.new ?? primary.old)!;
    body = (
      <p>
        <span className={`badge ${primary.change === 'added' ? 'badge-green' : 'badge-red'}`}>
          {t(`compare.kinds.${primary.change === 'added' ? 'added' : 'removed'}`)}
        </span>{' '}
        <strong>{name(only)}</strong> <span className="mono">{only.version ?? '—'}</span>
        <br />
        <span className="muted small">
          {t(primary.change === 'added' ? 'compare.primary.noneBefore' : 'compare.primary.noneNow')}
        </span>
      </p>
    );
  } else if (primary.change === 'replaced') {
    const { old: before, new: after } = primary;
    body = (
      <p>
        <del className="diff-old">{name(before)}</del>{' '}
        <span className="mono nowrap">{before.version ?? '—'}</span> →{' '}
        <ins className="diff-new">{name(after)}</ins>{' '}
        <span className="mono nowrap">{after.version ?? '—'}</span>{' '}
        <span className="badge badge-neutral">{t('compare.primary.replaced')}</span>
        <br />
        <span className="muted small">{t('compare.primary.replacedHint')}</span>
      </p>
    );
  } else {
    const { old: before, new: after, versionChange } = primary;
    const down = versionChange === 'downgraded';
    body = (
      <>
        <p>
          {primary.renamed ? (
            <>
              <del className="diff-old">{name(before)}</del> → <ins className="diff-new">{name(after)}</ins>
            </>
          ) : (
            <strong>{name(after)}</strong>
          )}{' '}
          <span className="mono nowrap">
            {before.version === after.version ? (
              (after.version ?? '—')
            ) : (
              <>
                <del className="diff-old">{before.version ?? '—'}</del> →{' '}
                <ins className={down ? 'diff-new diff-down' : 'diff-new'}>
                  {down ? `↓ ${after.version ?? '—'}` : (after.version ?? '—')}
                </ins>
              </>
            )}
          </span>{' '}
          {versionChange && versionChange !== 'unchanged' ? (
            <span className={`badge ${down ? 'badge-amber' : 'badge-neutral'}`}>
              {t(`compare.kinds.${versionChange === 'changed' ? 'versionChanged' : versionChange}`)}
            </span>
          ) : null}{' '}
          {primary.renamed ? (
            <span className="badge badge-neutral">{t('compare.primary.renamed')}</span>
          ) : null}{' '}
          {primary.change === 'unchanged' ? (
            <span className="badge badge-gray">{t('compare.kinds.unchanged')}</span>
          ) : null}
        </p>
        {primary.fieldChanges.length ? <FieldChanges changes={primary.fieldChanges} /> : null}
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="diff-primary-title" data-testid="diff-primary">
      <h2 id="diff-primary-title" className="card-title" title={t('component.primaryHint')}>
        {t('compare.primary.title')}
      </h2>
      {body}
    </section>
  );
}

function FieldChanges({ changes }: { changes: readonly FieldChangeT[] }) {
  const { t } = useTranslation();
  return (
    <ul className="field-changes">
      {changes.map((f) => (
        <li key={f.field}>
          <span className="muted">{t(`compare.fields.${f.field}`)}:</span>{' '}
          <del className="diff-old">{f.old ?? t('compare.absent')}</del> →{' '}
          <ins className="diff-new">{f.new ?? t('compare.absent')}</ins>
        </li>
      ))}
    </ul>
  );
}

function RefTable({
  kind,
  items,
  total,
}: {
  kind: 'added' | 'removed';
  items: readonly DiffComponentRefT[];
  total: number;
}) {
  const { t } = useTranslation();
  const rows = useRowLimit(items.length);
  if (items.length === 0) return null;
  return (
    <section className="section" aria-labelledby={`diff-${kind}-title`}>
      <TableHeading kind={kind} shown={items.length} total={total} />
      <div className="table-card">
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('component.columns.name')}</th>
                <th scope="col">{t('component.columns.version')}</th>
                <th scope="col">{t('component.columns.identifier')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, rows.limit).map((c) => (
                <tr key={`${c.identity}:${c.bomRef}`}>
                  <td className="cell-primary">{formatName(c.group, c.name)}</td>
                  <td className="mono">{c.version ?? '—'}</td>
                  <td className="mono small break">{c.purl ?? c.cpe ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <MoreRows kind={kind} limit={rows.limit} count={items.length} rest={rows.rest} more={rows.more} />
      </div>
    </section>
  );
}

function ChangeTable({
  kind,
  items,
  total,
}: {
  kind: 'upgraded' | 'downgraded' | 'versionChanged' | 'modified';
  items: readonly ComponentChangeT[];
  total: number;
}) {
  const { t } = useTranslation();
  const rows = useRowLimit(items.length);
  if (items.length === 0) return null;
  return (
    <section className="section" aria-labelledby={`diff-${kind}-title`}>
      <TableHeading kind={kind} shown={items.length} total={total} />
      <div className="table-card">
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('component.columns.name')}</th>
                <th scope="col">{t('compare.version')}</th>
                <th scope="col">{t('compare.fieldChanges')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, rows.limit).map((c) => (
                <tr key={`${c.identity}:${c.new.bomRef}`}>
                  <td className="cell-primary">{formatName(c.new.group, c.new.name)}</td>
                  <td className="mono nowrap">
                    {c.old.version === c.new.version ? (
                      (c.new.version ?? '—')
                    ) : (
                      <>
                        <del className="diff-old">{c.old.version ?? '—'}</del> →{' '}
                        <ins className={kind === 'downgraded' ? 'diff-new diff-down' : 'diff-new'}>
                          {kind === 'downgraded' ? `↓ ${c.new.version ?? '—'}` : (c.new.version ?? '—')}
                        </ins>
                      </>
                    )}
                  </td>
                  <td>
                    {c.fieldChanges.length ? (
                      <FieldChanges changes={c.fieldChanges} />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <MoreRows kind={kind} limit={rows.limit} count={items.length} rest={rows.rest} more={rows.more} />
      </div>
    </section>
  );
}
