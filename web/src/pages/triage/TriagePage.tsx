/**
 * Keyboard-driven triage of one release: the priority queue (j/k or ↓/↑ to move), hotkeys for the
 * states (t in_triage, e exploitable, n not_affected, f false_positive, r resolved), the decision form,
 * the history with where each decision came from, the clinical-impact profile, proposed decisions from
 * imported VEX, and VEX/CSAF downloads.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pagination } from '../../components/Pagination.js';
import { formatNumber } from '../../format.js';
import { useCanWrite } from '../../session.js';
import { useResource } from '../../useResource.js';
import { FindingEvidence, MaliciousPackageBadge } from '../vulns/FindingEvidence.js';
import { SeverityBadge } from '../vulns/Severity.js';
import {
  triageApi,
  vexFormats,
  vexVariants,
  type ClinicalProfileT,
  type TriagedFindingT,
  type VexVariant,
} from './api.js';

const namespaceKey = 'mamori.csafNamespace';

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
import './triage.css';
import { isMaliciousPackage } from '../../../../src/core/vulns/malicious-package.js';

const states = [
  'in_triage',
  'exploitable',
  'resolved',
  'resolved_with_pedigree',
  'false_positive',
  'not_affected',
] as const;
const justifications = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
] as const;
const responses = ['can_not_fix', 'will_not_fix', 'update', 'rollback', 'workaround_available'] as const;
const hotkeys: Record<string, (typeof states)[number]> = {
  t: 'in_triage',
  e: 'exploitable',
  n: 'not_affected',
  f: 'false_positive',
  r: 'resolved',
};
const questions = ['therapy', 'diagnosis', 'monitoring', 'workflow', 'patientData'] as const;
const exposures = ['network', 'adjacent', 'local', 'physical'] as const;

type State = (typeof states)[number];

/** Findings per page of the queue. */
const queuePageSize = 50;
const bands = ['P1', 'P2', 'P3', 'P4', 'closed'] as const;

export function TriagePage() {
  const { t, i18n } = useTranslation();
  const { id: productId = '', releaseId = '' } = useParams();
  const canWrite = useCanWrite();
  // Which product and release these decisions belong to: the heading and the way back name them.
  const context = useResource(`triage-context:${productId}:${releaseId}`, async () => {
    const [product, release] = await Promise.all([api.getProduct(productId), api.getRelease(releaseId)]);
    return { product, release };
  });
  const [includeClosed, setIncludeClosed] = useState(false);
  // The CSAF publisher namespace, remembered in this browser: without one the CSAF documents are drafts.
  const [namespace, setNamespaceState] = useState(() => localStorage.getItem(namespaceKey) ?? '');
  const setNamespace = (value: string) => {
    setNamespaceState(value);
    localStorage.setItem(namespaceKey, value);
  };
  const namespaceOk = isHttpsUrl(namespace.trim());
  // The SBOM the downloads name or embed: the hospital export unless the full one is asked for.
  const [variant, setVariant] = useState<VexVariant>('hospital');
  // The queue a page at a time, filtered and ranked on the server; another page keeps this one (dimmed) while it loads.
  const [offset, setOffset] = useState(0);
  const [band, setBand] = useState('');
  const [search, setSearch] = useState('');
  const [searchDraft, setSearchDraft] = useState('');
  const queue = useResource(
    `triage:${releaseId}:${includeClosed}:${band}:${search}:${offset}`,
    () => triageApi.queue(releaseId, { includeClosed, band, q: search, limit: queuePageSize, offset }),
    { keepPrevious: true },
  );
  const items = queue.data?.items ?? [];
  const [index, setIndex] = useState(0);
  /** Another filter starts at the first page and its first finding. */
  const filterBy = (next: { includeClosed?: boolean; band?: string; search?: string }) => {
    if (next.includeClosed !== undefined) setIncludeClosed(next.includeClosed);
    if (next.band !== undefined) setBand(next.band);
    if (next.search !== undefined) setSearch(next.search);
    setOffset(0);
    setIndex(0);
  };
  const selected: TriagedFindingT | undefined = items[Math.min(index, Math.max(items.length - 1, 0))];
  const detail = useResource(`triage-finding:${selected?.finding.id ?? ''}`, () =>
    selected ? triageApi.get(selected.finding.id) : Promise.resolve(null),
  );
  const [state, setState] = useState<State>('in_triage');
  const [justification, setJustification] = useState<string>('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [saveError, setSaveError] = useState<unknown>(null);
  /** The form's own check failed: this state needs a justification or a detail (translated when shown). */
  const [needsReason, setNeedsReason] = useState<State | null>(null);
  const [status, setStatus] = useState('');

  // The form shows the selected finding's current decision: again whenever the selection or that
  // decision changes (a save by button or hotkey records a new decision with a new id).
  const formKey = selected ? `${selected.finding.id}:${selected.decision?.id ?? ''}` : '';
  const [formFor, setFormFor] = useState('');
  if (selected && formFor !== formKey) {
    setFormFor(formKey);
    setState(selected.decision?.state ?? 'in_triage');
    setJustification(selected.decision?.justification ?? '');
    setChosen([...(selected.decision?.responses ?? [])]);
    setText(selected.decision?.detail ?? '');
    setSaveError(null);
    setNeedsReason(null);
  }

  const save = useCallback(
    async (next: State) => {
      if (!selected || !canWrite) return;
      const needsJustification = next === 'not_affected' || next === 'false_positive';
      // The server's rule, checked first so the message is in the reader's language.
      if (needsJustification && !justification && text.trim() === '') {
        setSaveError(null);
        setNeedsReason(next);
        return;
      }
      try {
        setSaveError(null);
        setNeedsReason(null);
        const saved = await triageApi.set(selected.finding.id, {
          state: next,
          justification:
            needsJustification && justification ? (justification as (typeof justifications)[number]) : null,
          responses: chosen as (typeof responses)[number][],
          detail: text.trim() === '' ? null : text,
          actionStatement: null,
          scope: 'finding',
        });
        setStatus(
          t('triage.saved', { id: selected.finding.vulnerabilityId, state: t(`triage.state.${next}`) }),
        );
        // Show the recorded decision at once (the queue row and the form follow it), then refresh.
        if (queue.data)
          queue.mutate({
            ...queue.data,
            items: queue.data.items.map((i) => (i.finding.id === saved.finding.id ? saved : i)),
          });
        queue.reload();
        detail.reload();
      } catch (e) {
        setSaveError(e);
      }
    },
    [selected, canWrite, justification, chosen, text, t, queue, detail],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')
      )
        return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        setIndex((i) => Math.min(i + 1, Math.max(items.length - 1, 0)));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        setIndex((i) => Math.max(i - 1, 0));
      } else if (hotkeys[e.key] && canWrite) {
        e.preventDefault();
        const next = hotkeys[e.key]!;
        setState(next);
        void save(next);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items.length, canWrite, save]);

  return (
    <div className="page">
      {context.data ? (
        // Where these decisions belong, and the way back (the release's Vulnerabilities tab).
        <nav
          className="backlink tr-breadcrumb"
          aria-label={t('triage.breadcrumb')}
          data-testid="triage-context"
        >
          ‹ <Link to={`/products/${productId}`}>{context.data.product.name}</Link>
          <span aria-hidden="true"> › </span>
          <Link to={`/products/${productId}/releases/${releaseId}?tab=findings`} data-testid="triage-back">
            {t('release.page.title', { version: context.data.release.version })}
          </Link>
        </nav>
      ) : (
        <Link to={`/products/${productId}`} className="backlink">
          ‹ {t('release.page.back')}
        </Link>
      )}
      <PageHeading
        title={t('triage.title')}
        docTitle={
          context.data
            ? t('triage.docTitle', {
                product: context.data.product.name,
                version: context.data.release.version,
              })
            : t('triage.title')
        }
        subtitle={t('triage.intro')}
      />
      <ErrorAlert error={context.error} onRetry={context.reload} />
      {/* Viewers move through the queue with the keyboard too, but have no decision hotkeys. */}
      <p className="small muted" data-testid="triage-keys">
        {canWrite ? t('triage.keys') : t('triage.keysReadOnly')}
      </p>
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>

      <section className="section card" aria-labelledby="triage-downloads">
        <h2 id="triage-downloads" className="card-title">
          {t('triage.downloads')}
        </h2>
        <div className="field tr-namespace">
          <label className="label" htmlFor="csaf-namespace">
            {t('triage.namespace')}
          </label>
          <input
            id="csaf-namespace"
            className="input"
            type="url"
            inputMode="url"
            placeholder="https://psirt.example.jp"
            value={namespace}
            onChange={(e) => setNamespace(e.target.value)}
            aria-describedby="csaf-namespace-hint"
            aria-invalid={namespace.trim() !== '' && !namespaceOk}
          />
          <p
            id="csaf-namespace-hint"
            className={namespace.trim() !== '' && !namespaceOk ? 'field-error' : 'hint'}
          >
            {namespace.trim() !== '' && !namespaceOk
              ? t('triage.namespaceInvalid')
              : t('triage.namespaceHint')}
          </p>
        </div>
        <fieldset className="field tr-variant" aria-describedby="vex-variant-hint">
          <legend className="label">{t('triage.variant')}</legend>
          {vexVariants.map((v) => (
            <label key={v} className="checkbox">
              <input
                type="radio"
                name="vex-variant"
                value={v}
                checked={variant === v}
                onChange={() => setVariant(v)}
                data-testid={`vex-variant-${v}`}
              />{' '}
              {t(`triage.variants.${v}`)}
            </label>
          ))}
          <p id="vex-variant-hint" className="hint">
            {t(`triage.variantHint.${variant}`)}
          </p>
        </fieldset>
        <ul className="tr-downloads">
          {vexFormats.map((f) => (
            <li key={f}>
              <a
                className="btn"
                href={triageApi.vexUrl(
                  productId,
                  releaseId,
                  f,
                  i18n.language === 'ja' ? 'ja' : 'en',
                  f.startsWith('csaf') && namespaceOk ? namespace.trim() : null,
                  variant,
                )}
                download
                data-testid={`download-${f}`}
              >
                {t(`triage.format.${f}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <div className="tr-layout">
        <section className="section card" aria-labelledby="triage-queue">
          <h2 id="triage-queue" className="card-title">
            {t('triage.queue')}
            {queue.data && !queue.stale ? (
              <span className="count-pill" data-testid="triage-total">
                {formatNumber(queue.data.total)}
              </span>
            ) : null}
          </h2>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={includeClosed}
              onChange={(e) => filterBy({ includeClosed: e.target.checked })}
            />{' '}
            {t('triage.includeClosed')}
          </label>
          <form
            className="tr-filters"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              filterBy({ search: searchDraft.trim() });
            }}
          >
            <label htmlFor="triage-band" className="small">
              {t('triage.bandFilter')}
            </label>
            <select
              id="triage-band"
              className="input select select-compact"
              value={band}
              onChange={(e) => filterBy({ band: e.target.value })}
            >
              <option value="">{t('triage.allBands')}</option>
              {bands.map((b) => (
                <option key={b} value={b}>
                  {b === 'closed' ? t('triage.closedBand') : b}
                </option>
              ))}
            </select>
            <label htmlFor="triage-search" className="sr-only">
              {t('triage.search')}
            </label>
            <input
              id="triage-search"
              type="search"
              className="input"
              value={searchDraft}
              placeholder={t('triage.searchPlaceholder')}
              onChange={(e) => setSearchDraft(e.target.value)}
            />
            <button type="submit" className="btn btn-small">
              {t('triage.search')}
            </button>
          </form>
          <ErrorAlert error={queue.error} />
          {queue.loading && !queue.data ? <Loading /> : null}
          {queue.data && items.length === 0 ? <p className="empty-inline">{t('triage.empty')}</p> : null}
          <ol
            className={queue.stale ? 'tr-queue is-loading' : 'tr-queue'}
            aria-busy={queue.loading}
            data-testid="triage-queue"
            aria-label={t('triage.queue')}
          >
            {items.map((item, i) => (
              <li
                key={item.finding.id}
                aria-current={item === selected ? 'true' : undefined}
                className={item === selected ? 'tr-row tr-selected' : 'tr-row'}
              >
                <button type="button" className="tr-pick" onClick={() => setIndex(i)}>
                  <span className={`tr-band tr-${item.priority.band}`}>
                    {item.priority.band === 'closed' ? t('triage.closedBand') : item.priority.band}
                  </span>
                  <span className="mono">{item.finding.vulnerabilityId}</span>
                  <span>
                    {item.finding.componentName}{' '}
                    <span className="mono muted">{item.finding.componentVersion}</span>
                  </span>
                  <span className="tr-score">{item.priority.score}</span>
                  <span className="small" data-testid="row-state">
                    {item.decision ? t(`triage.state.${item.decision.state}`) : t('triage.undecided')}
                    {item.origin && item.origin !== 'own' ? ` (${t(`triage.origin.${item.origin}`)})` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          {queue.data ? (
            <Pagination
              total={queue.data.total}
              limit={queuePageSize}
              offset={offset}
              onChange={(o) => {
                setOffset(o);
                setIndex(0);
              }}
            />
          ) : null}
        </section>

        {selected ? (
          <section className="section card" aria-labelledby="triage-detail" data-testid="triage-detail">
            <h2 id="triage-detail" className="card-title">
              <span className="mono">{selected.finding.vulnerabilityId}</span> —{' '}
              {selected.finding.componentName} {selected.finding.componentVersion}
            </h2>
            <p className="tr-severity">
              <SeverityBadge severity={selected.finding.severity} score={selected.finding.cvssScore} />{' '}
              <MaliciousPackageBadge finding={selected.finding} />
            </p>
            {selected.finding.summary ? <p>{selected.finding.summary}</p> : null}
            <h3>{t('vulns.findings.evidence')}</h3>
            <div data-testid="triage-evidence">
              <FindingEvidence finding={selected.finding} />
            </div>
            <h3>{t('triage.priority')}</h3>
            <dl className="tr-inputs">
              <dt>{t('triage.score')}</dt>
              <dd data-testid="priority-score">
                {selected.priority.band === 'closed'
                  ? `${selected.priority.score} (${t('triage.closed')})`
                  : `${selected.priority.score} (${selected.priority.band}) = ${selected.priority.terms.cvss} + ${selected.priority.terms.exploitation} + ${selected.priority.terms.harm}`}
              </dd>
              <dt>{t('triage.envCvss')}</dt>
              <dd className="mono">
                {selected.priority.inputs.environmentalScore}{' '}
                {selected.priority.inputs.environmentalVector ?? selected.priority.inputs.baseVector ?? ''}
              </dd>
              <dt>EPSS</dt>
              <dd>{selected.priority.inputs.epss ?? '-'}</dd>
              <dt>KEV</dt>
              <dd>{selected.priority.inputs.kev ? t('triage.yes') : t('triage.no')}</dd>
              <dt>{t('triage.exposure')}</dt>
              <dd>
                {selected.priority.inputs.exposure
                  ? t(`triage.exposures.${selected.priority.inputs.exposure}`)
                  : t('triage.noProfile')}
              </dd>
              <dt>{t('triage.harm')}</dt>
              <dd>{selected.priority.inputs.harm ?? '-'}</dd>
            </dl>
            {isMaliciousPackage([selected.finding.vulnerabilityId, ...selected.finding.aliases]) &&
            selected.priority.band !== 'closed' ? (
              <p className="small muted" data-testid="priority-malicious">
                {t('triage.maliciousPriority')}
              </p>
            ) : null}
            {selected.clocks.length > 0 ? (
              <>
                <h3>{t('triage.clocks')}</h3>
                <ul>
                  {selected.clocks.map((c) => (
                    <li key={c.kind} className={c.overdue ? 'tr-overdue' : undefined}>
                      {t(`triage.clock.${c.kind}`)}: {c.dueOn} (
                      {c.overdue
                        ? t('triage.overdue', { days: -c.daysLeft })
                        : t('triage.daysLeft', { days: c.daysLeft })}
                      )
                    </li>
                  ))}
                </ul>
              </>
            ) : null}

            <h3>{t('triage.decision')}</h3>
            {canWrite ? (
              <form
                className="tr-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void save(state);
                }}
              >
                <div className="field">
                  <label className="label" htmlFor="tr-state">
                    {t('triage.stateLabel')}
                  </label>
                  <select
                    id="tr-state"
                    className="input select"
                    value={state}
                    onChange={(e) => setState(e.target.value as State)}
                  >
                    {states.map((s) => (
                      <option key={s} value={s}>
                        {t(`triage.state.${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label className="label" htmlFor="tr-justification">
                    {t('triage.justificationLabel')}
                  </label>
                  <select
                    id="tr-justification"
                    className="input select"
                    value={justification}
                    disabled={state !== 'not_affected' && state !== 'false_positive'}
                    onChange={(e) => setJustification(e.target.value)}
                  >
                    <option value="">—</option>
                    {justifications.map((j) => (
                      <option key={j} value={j}>
                        {t(`triage.justification.${j}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <fieldset className="field">
                  <legend className="label">{t('triage.responsesLabel')}</legend>
                  {responses.map((r) => (
                    <label key={r} className="checkbox tr-check">
                      <input
                        type="checkbox"
                        checked={chosen.includes(r)}
                        onChange={(e) =>
                          setChosen((c) => (e.target.checked ? [...c, r] : c.filter((x) => x !== r)))
                        }
                      />{' '}
                      {t(`triage.response.${r}`)}
                    </label>
                  ))}
                </fieldset>
                <div className="field">
                  <label className="label" htmlFor="tr-detail">
                    {t('triage.detailLabel')}
                  </label>
                  <textarea
                    id="tr-detail"
                    className="input"
                    rows={3}
                    maxLength={20_000}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                  />
                </div>
                <ErrorAlert
                  error={saveError}
                  message={
                    needsReason
                      ? t('triage.needsReason', { state: t(`triage.state.${needsReason}`) })
                      : undefined
                  }
                />
                <button type="submit" className="btn btn-primary">
                  {t('triage.save')}
                </button>
              </form>
            ) : (
              <DecisionSummary finding={selected} />
            )}

            <h3>{t('triage.history')}</h3>
            <ErrorAlert error={detail.error} />
            {detail.data && detail.data.history.length === 0 ? (
              <p className="empty-inline">{t('triage.noHistory')}</p>
            ) : null}
            <ol className="tr-history" data-testid="triage-history">
              {(detail.data?.history ?? []).map((h) => (
                <li key={h.id}>
                  <span className="mono small">{h.createdAt.slice(0, 19).replace('T', ' ')}</span>{' '}
                  {h.createdBy}: <strong>{t(`triage.state.${h.state}`)}</strong>
                  {h.justification ? ` — ${t(`triage.justification.${h.justification}`)}` : ''}{' '}
                  <span className="muted">({t(`triage.origin.${h.origin}`)})</span>
                  {h.detail ? <div className="small">{h.detail}</div> : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>

      <ClinicalProfileCard productId={productId} canWrite={canWrite} onSaved={queue.reload} />
      <ProposalsCard productId={productId} canWrite={canWrite} onReviewed={queue.reload} />
    </div>
  );
}

/** A viewer's view of the current decision: what was decided and why, without form controls. */
function DecisionSummary({ finding }: { finding: TriagedFindingT }) {
  const { t, i18n } = useTranslation();
  const d = finding.decision;
  return (
    <div data-testid="triage-decision-readonly">
      <dl className="tr-inputs">
        <dt>{t('triage.stateLabel')}</dt>
        <dd>
          {d ? t(`triage.state.${d.state}`) : t('triage.undecided')}
          {d && finding.origin && finding.origin !== 'own'
            ? ` (${t(`triage.origin.${finding.origin}`)})`
            : ''}
        </dd>
        {d?.justification ? (
          <>
            <dt>{t('triage.justificationLabel')}</dt>
            <dd>{t(`triage.justification.${d.justification}`)}</dd>
          </>
        ) : null}
        {d && d.responses.length > 0 ? (
          <>
            <dt>{t('triage.responsesLabel')}</dt>
            <dd>
              {new Intl.ListFormat(i18n.language).format(d.responses.map((r) => t(`triage.response.${r}`)))}
            </dd>
          </>
        ) : null}
        {d?.detail ? (
          <>
            <dt>{t('triage.detailLabel')}</dt>
            <dd className="tr-detail-text">{d.detail}</dd>
          </>
        ) : null}
      </dl>
      <p className="small muted">{t('triage.readOnly')}</p>
    </div>
  );
}

function ClinicalProfileCard({
  productId,
  canWrite,
  onSaved,
}: {
  productId: string;
  canWrite: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const profile = useResource(`clinical:${productId}`, () => triageApi.profile(productId));
  const [draft, setDraft] = useState<Pick<ClinicalProfileT, 'answers' | 'exposure'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current =
    draft ?? (profile.data ? { answers: profile.data.answers, exposure: profile.data.exposure } : null);
  if (!current) return null;
  return (
    <section className="section card" aria-labelledby="triage-profile">
      <h2 id="triage-profile" className="card-title">
        {t('triage.profileTitle')}
      </h2>
      <p className="small muted">{t('triage.profileIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          triageApi.putProfile(productId, current).then(() => {
            setDraft(null);
            profile.reload();
            onSaved();
          }, setError);
        }}
      >
        {questions.map((q) => (
          <label key={q} className="checkbox tr-check">
            <input
              type="checkbox"
              disabled={!canWrite}
              checked={current.answers[q]}
              onChange={(e) =>
                setDraft({ ...current, answers: { ...current.answers, [q]: e.target.checked } })
              }
            />{' '}
            {t(`triage.question.${q}`)}
          </label>
        ))}
        <div className="field">
          <label className="label" htmlFor="tr-exposure">
            {t('triage.exposure')}
          </label>
          <select
            id="tr-exposure"
            className="input select"
            disabled={!canWrite}
            value={current.exposure}
            onChange={(e) =>
              setDraft({ ...current, exposure: e.target.value as ClinicalProfileT['exposure'] })
            }
          >
            {exposures.map((x) => (
              <option key={x} value={x}>
                {t(`triage.exposures.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <ErrorAlert error={error} />
        {canWrite ? (
          <button type="submit" className="btn">
            {t('triage.saveProfile')}
          </button>
        ) : null}
      </form>
    </section>
  );
}

function ProposalsCard({
  productId,
  canWrite,
  onReviewed,
}: {
  productId: string;
  canWrite: boolean;
  onReviewed: () => void;
}) {
  const { t } = useTranslation();
  const proposals = useResource(`proposals:${productId}`, () => triageApi.proposals(productId));
  const [error, setError] = useState<unknown>(null);
  const items = proposals.data?.items ?? [];
  const review = (id: string, verdict: 'accept' | 'reject') =>
    triageApi.review(id, verdict).then(() => {
      proposals.reload();
      onReviewed();
    }, setError);
  return (
    <section className="section card" aria-labelledby="triage-proposals">
      <h2 id="triage-proposals" className="card-title">
        {t('triage.proposalsTitle')}
      </h2>
      <ErrorAlert error={proposals.error ?? error} />
      {proposals.data && items.length === 0 ? (
        <p className="empty-inline">{t('triage.noProposals')}</p>
      ) : null}
      <ul className="tr-history" data-testid="triage-proposals">
        {items.map((p) => {
          const s = p.statement as { state?: string; justification?: string | null; detail?: string | null };
          return (
            <li key={p.id}>
              <span className="mono">{p.vulnerabilityId}</span> {s.state ? t(`triage.state.${s.state}`) : ''}{' '}
              {s.justification ? `— ${t(`triage.justification.${s.justification}`)}` : ''}{' '}
              <span className="muted small">
                {t('triage.proposalSource', { source: p.sourceName, count: p.findingIds.length })}
              </span>
              {canWrite ? (
                <>
                  {' '}
                  <button type="button" className="btn btn-small" onClick={() => void review(p.id, 'accept')}>
                    {t('triage.accept')}
                  </button>{' '}
                  <button type="button" className="btn btn-small" onClick={() => void review(p.id, 'reject')}>
                    {t('triage.reject')}
                  </button>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
