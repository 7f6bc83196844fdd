import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryNumber, entryRef } from '../../../../src/core/compliance/catalog.js';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client.js';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useCanWrite } from '../../session.js';
import { useResource } from '../../useResource.js';
import { gapText } from './gap-text.js';
import { complianceApi, statuses, type GapAnalysisT, type GapRowT, type StatusT } from './api.js';
import { ClauseTree } from './ClauseTree.js';
import { CoverageCharts } from './CoverageCharts.js';
import { EvidencePanel } from './EvidencePanel.js';
import './compliance.css';
import './compliance-tree.css';

const tone: Record<StatusT | 'none', 'gray' | 'blue' | 'green' | 'amber' | 'neutral'> = {
  none: 'gray',
  not_started: 'amber',
  in_progress: 'blue',
  implemented: 'green',
  verified: 'green',
  not_applicable: 'neutral',
};

/**
 * Compliance of one product: progress per catalog, the entries with their status (editable), the
 * evidence panel with suggestions and upload, the gap filter and the document downloads.
 */
export function CompliancePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { id = '' } = useParams();
  const product = useResource(`compliance-product:${id}`, () => api.getProduct(id));
  const gaps = useResource(`compliance-gaps:${id}`, () => complianceApi.gaps(id));
  const canWrite = useCanWrite();
  const [selected, setSelected] = useState<string | null>(null);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [open, setOpen] = useState<GapRowT | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ id: string; count: number } | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<StatusT | ''>('');
  const [bulkReason, setBulkReason] = useState('');
  const [bulkNotice, setBulkNotice] = useState('');
  const [bulkBusy, setBulkBusy] = useState(false);
  const [view, setView] = useState<'table' | 'tree'>('table');

  if ((product.error && !product.data) || (gaps.error && !gaps.data))
    return (
      <div className="page">
        <Link to={`/products/${id}`} className="backlink">
          ‹ {t('compliance.back')}
        </Link>
        <ErrorAlert error={product.error ?? gaps.error} onRetry={() => { product.reload(); gaps.reload(); }} />
      </div>
    );
  if (!product.data || !gaps.data) return <Loading />;
  const p = product.data;
  const g = gaps.data;
  const writable = canWrite && p.archivedAt === null;
  const current = g.catalogs.find((c) => c.summary.catalog === selected) ?? g.catalogs[0];
  const rows = (current?.rows ?? []).filter((r) => !onlyGaps || r.gaps.length > 0);

  const rowKey = (r: GapRowT) => `${r.catalog}#${r.entry.id}`;
  const pickedRows = rows.filter((r) => picked.has(rowKey(r)));
  const toggle = (r: GapRowT, on: boolean) =>
    setPicked((cur) => {
      const next = new Set(cur);
      if (on) next.add(rowKey(r));
      else next.delete(rowKey(r));
      return next;
    });
  const allPicked = rows.length > 0 && pickedRows.length === rows.length;

  const applyBulk = async (e: React.FormEvent) => {
    e.preventDefault();
    if (bulkStatus === '' || pickedRows.length === 0) return;
    if (bulkStatus === 'not_applicable' && bulkReason.trim() === '') return;
    setSaveError(null);
    setNotice(null);
    setBulkNotice('');
    setBulkBusy(true);
    let done = 0;
    // One request per scope (the product's entries, the organisation's entries); each is all or nothing.
    for (const scope of [p.id, 'org']) {
      const mine = pickedRows.filter((r) => (r.scope === 'organization' ? 'org' : p.id) === scope);
      if (mine.length === 0) continue;
      try {
        const justification = bulkStatus === 'not_applicable' ? bulkReason.trim() : undefined;
        const result = await complianceApi.setAssessments(scope, mine.map((r) => ({ catalog: r.catalog, entry: r.entry.id, status: bulkStatus, ...(justification ? { justification } : {}) })));
        done += result.items.length;
      } catch (err) {
        setSaveError(err);
        setBulkNotice(
          done === 0 && err instanceof ApiError
            ? t('complianceTree.bulk.invalid', { detail: err.detail })
            : t('compliance.bulk.failed', { done, total: pickedRows.length, id: entryRef(mine[0]!.entry, lang) }),
        );
        break;
      }
    }
    if (done === pickedRows.length) {
      setBulkNotice(t('compliance.bulk.applied', { count: done }));
      setPicked(new Set());
      setBulkReason('');
    }
    setBulkBusy(false);
    gaps.reload();
  };

  const setStatus = async (row: GapRowT, status: StatusT) => {
    setSaveError(null);
    let justification = '';
    if (status === 'not_applicable') {
      justification = window.prompt(t('compliance.entries.justificationPrompt', { id: entryRef(row.entry, lang) })) ?? '';
      if (justification.trim() === '') return;
    }
    try {
      const scope = row.scope === 'organization' ? 'org' : p.id;
      const result = await complianceApi.setAssessment(scope, row.catalog, row.entry.id, { status, justification });
      setNotice({ id: entryRef(row.entry, lang), count: result.propagatesTo.length });
      gaps.reload();
    } catch (e) {
      setSaveError(e);
    }
  };

  return (
    <div className="page page-wide compliance">
      <Link to={`/products/${p.id}`} className="backlink">
        ‹ {p.name}
      </Link>
      <PageHeading
        title={t('compliance.title', { name: p.name })}
        subtitle={`${t('compliance.subtitle')} — ${t(g.route === 'annex_f' ? 'compliance.route.annex_f' : 'compliance.route.full')}`}
        actions={
          <>
            {g.route === 'annex_f' ? (
              <Link to={`/products/${p.id}/compliance/annex-f`} className="btn btn-primary">
                {t('annexF.link')}
              </Link>
            ) : null}
            <Link to={`/products/${p.id}/compliance/start`} className="btn">
              {t('compliance.dashboard.startLink')}
            </Link>
          </>
        }
      />

      <section aria-labelledby="compliance-progress" className="section">
        <h2 id="compliance-progress" className="section-heading">
          {t('compliance.dashboard.heading')}
        </h2>
        <ul className="compliance-cards">
          {g.catalogs.map(({ summary: s }) => (
            <li key={s.catalog}>
              <button
                type="button"
                className={`card compliance-card${s.catalog === current?.summary.catalog ? ' is-selected' : ''}`}
                aria-pressed={s.catalog === current?.summary.catalog}
                onClick={() => setSelected(s.catalog)}
              >
                <span className="card-title">{s.title[lang]}</span>
                <progress max={100} value={s.coveragePercent} aria-label={t('compliance.dashboard.coverage')} />
                <span className="small">
                  {t('compliance.dashboard.summary', { percent: s.coveragePercent, done: s.implemented + s.verified, applicable: s.applicable, gaps: s.withGaps })}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <p className="small muted">
          {t('compliance.dashboard.totals', { gaps: g.totals.withGaps, entries: g.totals.entries, notAssessed: g.totals.gaps.not_assessed, notStarted: g.totals.gaps.not_started, noEvidence: g.totals.gaps.no_evidence, overdue: g.totals.gaps.overdue })}
        </p>
      </section>

      {current ? (
        <section aria-labelledby="compliance-entries" className="section">
          <div className="toolbar">
            <h2 id="compliance-entries" className="section-heading">
              {current.summary.title[lang]}
            </h2>
            <div role="radiogroup" aria-label={t('complianceTree.view.label')} className="compliance-viewswitch">
              {(['table', 'tree'] as const).map((v) => (
                <label key={v} className={`compliance-viewswitch-option${view === v ? ' is-selected' : ''}`}>
                  <input type="radio" name="compliance-view" value={v} checked={view === v} onChange={() => setView(v)} />
                  {t(`complianceTree.view.${v}`)}
                </label>
              ))}
            </div>
            {view === 'table' ? (
              <label className="checkbox">
                <input type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} /> {t('compliance.entries.onlyGaps')}
              </label>
            ) : null}
          </div>
          {writable && view === 'table' ? (
            <form className="compliance-bulk" aria-label={t('compliance.bulk.status')} onSubmit={(e) => void applyBulk(e)}>
              <span className="small">{t('compliance.bulk.selected', { count: pickedRows.length })}</span>
              <select
                className="select select-compact"
                aria-label={t('compliance.bulk.status')}
                value={bulkStatus}
                onChange={(e) => setBulkStatus(e.target.value as StatusT | '')}
              >
                <option value="">{t('compliance.bulk.choose')}</option>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`compliance.status.${s}`)}
                  </option>
                ))}
              </select>
              {bulkStatus === 'not_applicable' ? (
                <input
                  className="input compliance-bulk-reason"
                  aria-label={t('compliance.bulk.justification')}
                  placeholder={t('compliance.bulk.justification')}
                  value={bulkReason}
                  required
                  maxLength={2000}
                  onChange={(e) => setBulkReason(e.target.value)}
                />
              ) : null}
              <button
                type="submit"
                className="btn btn-small btn-primary"
                disabled={bulkBusy || bulkStatus === '' || pickedRows.length === 0 || (bulkStatus === 'not_applicable' && bulkReason.trim() === '')}
              >
                {t('compliance.bulk.apply')}
              </button>
              <button type="button" className="btn btn-small btn-quiet" disabled={pickedRows.length === 0} onClick={() => setPicked(new Set())}>
                {t('compliance.bulk.clear')}
              </button>
              <span className="small muted">{t('compliance.bulk.hint')}</span>
            </form>
          ) : null}
          <div role="status" aria-live="polite" className="small muted">
            {bulkNotice || (notice ? t('compliance.entries.saved', notice) : '')}
          </div>
          <ErrorAlert error={saveError} />
          {view === 'tree' ? (
            <div className={`compliance-tree-layout${open ? ' has-panel' : ''}`}>
              <ClauseTree
                catalog={current.summary.catalog}
                rows={current.rows}
                label={t('complianceTree.treeLabel', { catalog: current.summary.title[lang] })}
                lang={lang}
                selectedKey={open ? `${open.catalog}#${open.entry.id}` : null}
                onOpen={setOpen}
              />
            </div>
          ) : (
            <div className="table-card table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    {writable ? (
                      <th scope="col" className="compliance-pick">
                        <input
                          type="checkbox"
                          aria-label={t('compliance.bulk.selectAll')}
                          checked={allPicked}
                          onChange={(e) => setPicked(e.target.checked ? new Set(rows.map(rowKey)) : new Set())}
                        />
                      </th>
                    ) : null}
                    <th scope="col">{t('compliance.entries.entry')}</th>
                    <th scope="col">{t('compliance.entries.title')}</th>
                    <th scope="col">{t('compliance.entries.status')}</th>
                    <th scope="col">{t('compliance.entries.basis')}</th>
                    <th scope="col" className="num">{t('compliance.entries.evidence')}</th>
                    <th scope="col">{t('compliance.entries.gaps')}</th>
                    <th scope="col"><span className="sr-only">{t('compliance.entries.actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.entry.id} className={picked.has(rowKey(r)) ? 'is-picked' : undefined}>
                      {writable ? (
                        <td className="compliance-pick">
                          <input type="checkbox" aria-label={t('compliance.bulk.select', { id: entryRef(r.entry, lang) })} checked={picked.has(rowKey(r))} onChange={(e) => toggle(r, e.target.checked)} />
                        </td>
                      ) : null}
                      <td className="mono">{entryNumber(r.entry.id) || <span className="muted">—</span>}</td>
                      <td>
                        {r.entry.title[lang]}
                        {r.entry.level !== 'product' ? <span className="cell-sub"> · {t(`compliance.level.${r.entry.level}`)}</span> : null}
                        {r.justificationText[lang] ? <div className="cell-sub">{r.justificationText[lang]}</div> : null}
                      </td>
                      <td>
                        {writable ? (
                          <select
                            className="select select-compact"
                            aria-label={t('compliance.entries.statusOf', { id: entryRef(r.entry, lang) })}
                            value={r.source?.type === 'direct' && r.status ? r.status : ''}
                            onChange={(e) => void setStatus(r, e.target.value as StatusT)}
                          >
                            <option value="" disabled>
                              {r.status ? `${t(`compliance.status.${r.status}`)} ${t('compliance.entries.derived')}` : t('compliance.status.none')}
                            </option>
                            {statuses.map((s) => (
                              <option key={s} value={s}>
                                {t(`compliance.status.${s}`)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <Badge tone={tone[r.status ?? 'none']}>{t(`compliance.status.${r.status ?? 'none'}`)}</Badge>
                        )}
                      </td>
                      <td className="small muted">{r.source ? t(`compliance.source.${r.source.type}`, { from: r.source.from ?? '' }) : ''}</td>
                      <td className="num">{r.evidenceCount}</td>
                      <td>
                        {r.gaps.map((k) => (
                          <Badge key={k} tone="red">
                            {gapText(t, k, r)}
                          </Badge>
                        ))}
                      </td>
                      <td>
                        <button type="button" className="btn btn-small btn-quiet" onClick={() => setOpen(r)} aria-label={t('compliance.entries.openEvidence', { id: entryRef(r.entry, lang) })}>
                          {t('compliance.entries.evidenceButton')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section aria-labelledby="compliance-charts" className="section">
        <h2 id="compliance-charts" className="section-heading">
          {t('complianceTree.charts.heading')}
        </h2>
        <CoverageCharts analysis={g} catalog={current} lang={lang} />
      </section>

      <section aria-labelledby="compliance-dual" className="section">
        <h2 id="compliance-dual" className="section-heading">{t('compliance.dual.heading')}</h2>
        <p className="small">
          {t('compliance.dual.summary', {
            mhlw: g.dualStandard.filter((d) => d.side === 'mhlw').length,
            mhlwOpen: g.dualStandard.filter((d) => d.side === 'mhlw' && d.gaps.length > 0).length,
            iec: g.dualStandard.filter((d) => d.side === 'iec').length,
            iecOpen: g.dualStandard.filter((d) => d.side === 'iec' && d.gaps.length > 0).length,
          })}
        </p>
        <DualMatrix analysis={g} lang={lang} />
      </section>

      <section aria-labelledby="compliance-export" className="section">
        <h2 id="compliance-export" className="section-heading">{t('compliance.export.heading')}</h2>
        <ul className="compliance-downloads">
          {(['pdf', 'html', 'csv'] as const).flatMap((f) =>
            (['ja', 'en'] as const).map((l) => (
              <li key={`${f}-${l}`}>
                <a className="btn btn-small" href={complianceApi.exportUrl(p.id, f, l)} download>
                  {t('compliance.export.gap', { format: f.toUpperCase(), lang: t(`compliance.export.lang.${l}`) })}
                </a>
              </li>
            )),
          )}
          {/* The declaration for transitional health software exists only on the Annex F route. */}
          {(g.route === 'annex_f' ? (['ja', 'en'] as const) : []).map((l) => (
            <li key={`annex-${l}`}>
              <a className="btn btn-small" href={complianceApi.exportUrl(p.id, 'pdf', l, 'annex-f')} download>
                {t('compliance.export.annexF', { lang: t(`compliance.export.lang.${l}`) })}
              </a>
            </li>
          ))}
        </ul>
      </section>

      {open ? (
        <EvidencePanel
          productId={p.id}
          row={open}
          lang={lang}
          writable={writable}
          onClose={() => setOpen(null)}
          onChanged={() => gaps.reload()}
        />
      ) : null}
    </div>
  );
}

/** The dual standard side by side: what the MHLW instruments ask beyond IEC 81001-5-1, and the reverse. */
function DualMatrix({ analysis, lang }: { analysis: GapAnalysisT; lang: 'ja' | 'en' }) {
  const { t } = useTranslation();
  const rows = new Map<string, GapRowT>(analysis.catalogs.flatMap((c) => c.rows.map((r) => [`${r.catalog}#${r.entry.id}`, r] as const)));
  const titles = new Map(analysis.catalogs.map((c) => [c.summary.catalog, c.summary.title[lang]]));
  return (
    <div className="compliance-matrix" role="group" aria-label={t('compliance.dual.matrixCaption')}>
      {(['mhlw', 'iec'] as const).map((side) => {
        const items = analysis.dualStandard.filter((d) => d.side === side);
        const open = items.filter((d) => d.gaps.length > 0).length;
        return (
          <div key={side} className="table-card table-scroll compliance-matrix-side">
            <table className="table">
              <caption>
                {t(side === 'mhlw' ? 'compliance.dual.mhlwSide' : 'compliance.dual.iecSide')}
                <span className="small muted"> · {t('compliance.dual.open', { count: open })}</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('compliance.dual.entry')}</th>
                  <th scope="col">{t('compliance.entries.title')}</th>
                  <th scope="col">{t('compliance.entries.status')}</th>
                  <th scope="col">{t('compliance.entries.gaps')}</th>
                </tr>
              </thead>
              <tbody>
                {items.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      {t('compliance.dual.none')}
                    </td>
                  </tr>
                ) : null}
                {items.map((d) => {
                  const [catalog = '', entry = d.ref] = d.ref.split('#');
                  const row = rows.get(d.ref);
                  return (
                    <tr key={d.ref}>
                      <td className="compliance-ref">{entryNumber(entry) || <span className="muted">—</span>}</td>
                      <td>
                        {row ? row.entry.title[lang] : <span className="muted">{t('compliance.dual.notInProfile')}</span>}
                        {side === 'mhlw' ? <div className="cell-sub">{titles.get(catalog) ?? catalog}</div> : null}
                      </td>
                      <td>
                        <Badge tone={tone[d.status ?? 'none']}>{t(`compliance.status.${d.status ?? 'none'}`)}</Badge>
                      </td>
                      <td>
                        {d.gaps.map((k) => (
                          <Badge key={k} tone="red">
                            {t(`compliance.gap.${k}`)}
                          </Badge>
                        ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
