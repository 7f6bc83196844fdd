import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { componentTypes } from '../../../../src/core/sbom/model.js';
import { searchFold } from '../../../../src/core/search-fold.js';
import { api } from '../../api/client.js';
import type {
  ComponentPatchT,
  ComponentSortT,
  ComponentT,
  ComponentTypeT,
  ReleaseT,
} from '../../api/types.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { ListCount } from '../../components/ListCount.js';
import { SidePanel } from '../../components/SidePanel.js';
import { useCellFitProperty, VirtualGrid, type GridColumn } from '../../components/VirtualGrid.js';
import { formatDateTime } from '../../format.js';
import { useCanWrite, useNotify } from '../../session.js';
import { ComponentForm } from './ComponentForm.js';
import { ComponentPanel } from './ComponentPanel.js';
import { EndOfSupport, OriginBadge, PrimaryBadge } from './ComponentCells.js';
import { UploadZone } from './UploadZone.js';
import { useComponentPages } from './useComponentPages.js';
import { formatName } from './util.js';
import { SearchIcon } from '../../components/SearchIcon.js';

type Origin = ComponentT['origin'];

// The inventory search's own fold (case and width), on the trimmed text.
const folded = (v: string | null | undefined) => searchFold((v ?? '').trim());

/**
 * A component of the release's current inventory that a new manual one would repeat: the same purl
 * (compared as text, case and width folded), or, without a purl, the same group, name and version.
 * Found with the inventory search (which matches purls and names).
 */
async function findDuplicateComponent(releaseId: string, body: ComponentPatchT): Promise<ComponentT | null> {
  const purl = folded(body.purl);
  const key = purl || folded(body.name);
  if (!key) return null;
  const page = await api.listComponents(releaseId, { q: (body.purl ?? body.name ?? '').trim(), limit: 100 });
  return (
    page.items.find((c) =>
      purl
        ? folded(c.purl) === purl
        : !c.purl &&
          folded(c.name) === folded(body.name) &&
          folded(c.group) === folded(body.group) &&
          folded(c.version) === folded(body.version),
    ) ?? null
  );
}
type Panel = { kind: 'detail'; component: ComponentT; index: number } | { kind: 'create' } | null;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The release's inventory: upload, search/filter/sort on the server, a windowed table, details. */
export function ComponentsTab({
  release,
  archived,
  onChanged,
}: {
  release: ReleaseT;
  archived: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const writable = useCanWrite() && !archived;
  const [draft, setDraft] = useState('');
  const q = useDebounced(draft.trim(), 300);
  const [type, setType] = useState<ComponentTypeT | ''>('');
  const [origin, setOrigin] = useState<Origin | ''>('');
  const [sort, setSort] = useState<{ by: ComponentSortT; direction: 'asc' | 'desc' }>({
    by: 'name',
    direction: 'asc',
  });
  const [nonce, setNonce] = useState(0);
  const [panel, setPanel] = useState<Panel>(null);

  const query = useMemo(
    () => ({
      q: q || undefined,
      type: type || undefined,
      origin: origin || undefined,
      sort: sort.by,
      direction: sort.direction,
    }),
    [q, type, origin, sort],
  );
  const data = useComponentPages(release.id, query, nonce);
  const filtered = Boolean(q || type || origin);
  const resetKey = JSON.stringify(query);

  const onSort = useCallback(
    (by: ComponentSortT) =>
      setSort((s) =>
        s.by === by ? { by, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { by, direction: 'asc' },
      ),
    [],
  );

  const depthOf = (c: ComponentT): number => (c.parentId ? 1 : 0);

  // The type column fits the longest type label of the UI language (デバイスドライバ, Cryptographic asset).
  const tab = useRef<HTMLDivElement>(null);
  const typeLabels = useMemo(() => componentTypes.map((type) => t(`componentType.${type}`)), [t]);
  useCellFitProperty(tab, '--component-type-width', typeLabels);

  const columns: GridColumn<ComponentT>[] = useMemo(() => {
    const sortable = (by: ComponentSortT) => ({
      direction: sort.by === by ? sort.direction : null,
      onSort: () => onSort(by),
    });
    return [
      {
        key: 'name',
        header: t('component.columns.name'),
        width: 'minmax(220px, 2fr)',
        sort: sortable('name'),
        title: (c) => formatName(c.group, c.name),
        className: 'cell-name',
        render: (c) => (
          <span className={`comp-name${depthOf(c) ? ' is-nested' : ''}`}>
            {depthOf(c) ? (
              <span className="nest-mark" aria-hidden="true">
                └
              </span>
            ) : null}
            {depthOf(c) ? <span className="sr-only">{t('component.nested')} </span> : null}
            {c.group ? <span className="muted">{c.group}/</span> : null}
            <span className="strong">{c.name}</span>
            {c.primary ? (
              <>
                {' '}
                <PrimaryBadge />
              </>
            ) : null}
          </span>
        ),
      },
      {
        key: 'version',
        header: t('component.columns.version'),
        width: 'minmax(90px, 0.8fr)',
        sort: sortable('version'),
        title: (c) => c.version ?? undefined,
        className: 'mono',
        render: (c) => c.version ?? <span className="muted">—</span>,
      },
      {
        key: 'type',
        header: t('component.columns.type'),
        width: 'minmax(max(100px, var(--component-type-width, 0px)), 0.8fr)',
        sort: sortable('type'),
        title: (c) => t(`componentType.${c.type}`),
        render: (c) => t(`componentType.${c.type}`),
      },
      {
        key: 'supplier',
        header: t('component.columns.supplier'),
        width: 'minmax(120px, 1fr)',
        sort: sortable('supplier'),
        title: (c) => c.supplier ?? undefined,
        render: (c) => c.supplier ?? <span className="muted">—</span>,
      },
      {
        key: 'license',
        header: t('component.columns.license'),
        width: 'minmax(110px, 1fr)',
        sort: sortable('license'),
        title: (c) => c.license ?? undefined,
        render: (c) => c.license ?? <span className="muted">—</span>,
      },
      {
        key: 'purl',
        header: t('component.columns.identifier'),
        width: 'minmax(180px, 1.6fr)',
        sort: sortable('purl'),
        title: (c) => c.purl ?? c.cpe ?? undefined,
        className: 'mono small',
        render: (c) => c.purl ?? c.cpe ?? <span className="muted">—</span>,
      },
      {
        key: 'supportLevel',
        header: t('component.columns.supportLevel'),
        width: 'minmax(100px, 0.9fr)',
        sort: sortable('supportLevel'),
        title: (c) => c.supportLevel ?? undefined,
        render: (c) => c.supportLevel ?? <span className="muted">—</span>,
      },
      {
        key: 'endOfSupport',
        header: t('component.columns.endOfSupport'),
        // The date and its longest badge ("Within 12 months") on one line.
        width: '212px',
        sort: sortable('endOfSupport'),
        render: (c) =>
          c.endOfSupport ? <EndOfSupport date={c.endOfSupport} /> : <span className="muted">—</span>,
      },
      {
        key: 'origin',
        header: t('component.columns.origin'),
        width: '84px',
        render: (c) => <OriginBadge origin={c.origin} />,
      },
    ];
  }, [t, sort, onSort]);

  const sbom = data.sbom;
  const total = data.total;
  const nothingYet = total === 0 && !filtered && !data.stale;

  return (
    <div className="components-tab" ref={tab}>
      {writable ? (
        <UploadZone
          releaseId={release.id}
          compact={sbom !== null}
          onUploaded={() => {
            setPanel(null);
            setNonce((n) => n + 1);
            onChanged();
          }}
        />
      ) : null}

      {sbom ? (
        <p className="current-sbom">
          <span className="muted">{t('sbom.current')}</span>{' '}
          <span className="mono break">{sbom.fileName}</span>{' '}
          <span className="muted">
            ({sbom.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX'} {sbom.specVersion} ·{' '}
            {t('sbom.componentsCount', { count: sbom.componentCount })} · {formatDateTime(sbom.createdAt)})
          </span>
        </p>
      ) : null}

      <ErrorAlert error={data.error} onRetry={data.error ? () => setNonce((n) => n + 1) : undefined} />
      {data.initialLoading ? <Loading /> : null}

      {total !== null && !nothingYet ? (
        <div className="toolbar">
          <div className="search" role="search">
            <label htmlFor="component-search" className="sr-only">
              {t('component.searchLabel')}
            </label>
            <SearchIcon />
            <input
              id="component-search"
              type="search"
              className="input search-input"
              placeholder={t('component.searchPlaceholder')}
              value={draft}
              maxLength={200}
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
          <div className="toolbar-filter">
            <label htmlFor="component-type" className="toolbar-label">
              {t('component.filters.type')}
            </label>
            <select
              id="component-type"
              className="input select select-compact"
              value={type}
              onChange={(e) => setType(e.target.value as ComponentTypeT | '')}
            >
              <option value="">{t('component.filters.allTypes')}</option>
              {componentTypes.map((v) => (
                <option key={v} value={v}>
                  {t(`componentType.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="toolbar-filter">
            <label htmlFor="component-origin" className="toolbar-label">
              {t('component.filters.origin')}
            </label>
            <select
              id="component-origin"
              className="input select select-compact"
              value={origin}
              onChange={(e) => setOrigin(e.target.value as Origin | '')}
            >
              <option value="">{t('component.filters.allOrigins')}</option>
              <option value="sbom">{t('component.origin.sbom')}</option>
              <option value="manual">{t('component.origin.manual')}</option>
            </select>
          </div>
          <ListCount stale={data.stale} testId="component-count">
            {t('component.count', { count: total })}
          </ListCount>
          {writable ? (
            <button type="button" className="btn" onClick={() => setPanel({ kind: 'create' })}>
              <span aria-hidden="true">＋</span> {t('component.create.button')}
            </button>
          ) : null}
        </div>
      ) : null}

      {nothingYet ? (
        <EmptyState
          title={t('component.emptyTitle')}
          body={writable ? t('component.emptyBody') : t('component.emptyViewer')}
          action={
            writable ? (
              <button type="button" className="btn" onClick={() => setPanel({ kind: 'create' })}>
                {t('component.create.button')}
              </button>
            ) : null
          }
        />
      ) : null}
      {total === 0 && filtered ? (
        <EmptyState title={t('component.noMatchTitle')} body={t('component.noMatchBody')} />
      ) : null}

      {total !== null && total > 0 ? (
        <>
          <p className="hint grid-hint" id="component-grid-hint">
            {t('component.gridHint')}
          </p>
          <div className={`table-card vgrid-card${data.stale ? ' is-loading' : ''}`}>
            <VirtualGrid<ComponentT>
              id="component-grid"
              label={t('component.gridLabel', { version: release.version })}
              columns={columns}
              rowCount={total}
              getRow={data.row}
              rowKey={(c) => c.id}
              rowClassName={(c) => (c.origin === 'manual' ? 'row-manual' : undefined)}
              selectedIndex={panel?.kind === 'detail' ? panel.index : null}
              onOpen={(index, component) => setPanel({ kind: 'detail', component, index })}
              onRangeChange={data.ensure}
              busy={data.stale}
              loadingLabel={t('app.loading')}
              resetKey={resetKey}
            />
          </div>
        </>
      ) : null}

      {panel?.kind === 'detail' ? (
        <ComponentPanel
          key={panel.component.id}
          component={panel.component}
          writable={writable}
          onClose={() => setPanel(null)}
          onSaved={(c) => {
            data.replace(c);
            setPanel({ kind: 'detail', component: c, index: panel.index });
            onChanged();
          }}
          onDeleted={() => {
            setPanel(null);
            setNonce((n) => n + 1);
            onChanged();
          }}
        />
      ) : null}
      {panel?.kind === 'create' ? (
        <SidePanel id="component-create" title={t('component.create.title')} onClose={() => setPanel(null)}>
          <p className="hint create-help">{t('component.create.help')}</p>
          <ComponentForm
            mode="create"
            initial={null}
            submitLabel={t('component.create.submit')}
            onCancel={() => setPanel(null)}
            findDuplicate={(body) => findDuplicateComponent(release.id, body)}
            onSubmit={async (body) => {
              const created = await api.createComponent(release.id, {
                ...body,
                type: body.type ?? 'application',
                name: body.name ?? '',
              });
              notify(t('component.create.done', { name: formatName(created.group, created.name) }));
              setPanel(null);
              setNonce((n) => n + 1);
              onChanged();
            }}
          />
        </SidePanel>
      ) : null}
    </div>
  );
}
