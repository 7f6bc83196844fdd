import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client.js';
import { Badge } from '../../components/Badge.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { PageHeading } from '../../components/PageHeading.js';
import { SelectField, TextArea, TextField, msg, useMsgText, type FieldErrors, type Msg } from '../../components/fields.js';
import { useCanWrite } from '../../session.js';
import { useResource } from '../../useResource.js';
import { complianceApi } from './api.js';
import { annexFApi, type AnnexFGapInputT, type AnnexFGapT, type AnnexFRecordInputT, type AnnexFStateT, type ReadinessProblemT } from './annexFApi.js';
import './compliance.css';
import './annex-f.css';

const stepKeys = ['scope', 'gaps', 'closure', 'rationale', 'postRelease', 'check'] as const;
type StepKey = (typeof stepKeys)[number];
const decisions = ['close', 'compensate', 'accept'] as const;
const closureStatuses = ['planned', 'in_progress', 'done'] as const;
const levels = ['acceptable', 'alara', 'unacceptable'] as const;
const levelTone = { acceptable: 'green', alara: 'amber', unacceptable: 'red' } as const;

type RecordDraft = Required<Pick<AnnexFRecordInputT, 'scopeNotes' | 'continuedUseRationale' | 'riskCommunication' | 'monitoringPlan' | 'updatePlan' | 'disclosurePlan'>> & {
  versionsText: string;
  componentsNotUpgraded: { name: string; version: string; justification: string }[];
};

function draftOf(s: AnnexFStateT): RecordDraft {
  const r = s.record;
  return {
    versionsText: r.versions.join(', '),
    scopeNotes: r.scopeNotes,
    continuedUseRationale: r.continuedUseRationale,
    componentsNotUpgraded: r.componentsNotUpgraded.map((c) => ({ ...c })),
    riskCommunication: r.riskCommunication,
    monitoringPlan: r.monitoringPlan,
    updatePlan: r.updatePlan,
    disclosurePlan: r.disclosurePlan,
  };
}

const splitVersions = (text: string) => text.split(',').map((v) => v.trim()).filter((v) => v !== '');

/**
 * The Annex F route for a product already on the market, as six steps: scope and versions, the gap
 * list (proposed from the assessments), closure / compensating measures / residual risk per gap, the
 * rationale for continued use, the post-release plan, and the readiness check with the decision and
 * the declaration report. Each step shows whether it is complete; the server's readiness check is
 * the one source of that.
 */
export function AnnexFPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  // The route decides whether there is a workflow at all: read it first, so a product on the full
  // route gets an explanation instead of a refused request.
  const profile = useResource(`annex-f-profile:${id}`, () => complianceApi.profile(id));
  if (profile.error && !profile.data)
    return (
      <div className="page">
        <Link to={`/products/${id}/compliance`} className="backlink">
          ‹ {t('annexF.back')}
        </Link>
        <ErrorAlert error={profile.error} onRetry={profile.reload} />
      </div>
    );
  if (!profile.data) return <Loading />;
  if (profile.data.route !== 'annex_f') return <WrongRoute productId={id} />;
  return <AnnexFWorkflow id={id} />;
}

/** A product on the full route: an expected state, explained calmly, with the way to change the route. */
function WrongRoute({ productId }: { productId: string }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <Link to={`/products/${productId}/compliance`} className="backlink">
        ‹ {t('annexF.back')}
      </Link>
      <PageHeading title={t('annexF.wrongRouteTitle')} />
      <div className="alert alert-info annexf-wrong-route">
        <span>
          {t('annexF.wrongRoute')} <Link to={`/products/${productId}/compliance/start`}>{t('annexF.wrongRouteLink')}</Link>
        </span>
      </div>
    </div>
  );
}

function AnnexFWorkflow({ id }: { id: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const state = useResource(`annex-f:${id}`, () => annexFApi.get(id));
  const product = useResource(`annex-f-product:${id}`, () => api.getProduct(id));
  const canWrite = useCanWrite();
  const stepParam = search.get('step');
  const step: StepKey = (stepKeys as readonly string[]).includes(stepParam ?? '') ? (stepParam as StepKey) : 'scope';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    // After a step change (not on the first render) focus moves to the step's heading.
    if (moved.current) headingRef.current?.focus();
  }, [step]);

  const go = (s: StepKey, gap?: string) => {
    moved.current = true;
    setSearch((p) => {
      const next = new URLSearchParams(p);
      next.set('step', s);
      if (gap) next.set('gap', gap);
      return next;
    });
  };

  if (state.error && !state.data) {
    // The route changed since the profile was read (e.g. in another tab): the same calm explanation.
    if (state.error instanceof ApiError && state.error.code === 'annex_f.wrong_route') return <WrongRoute productId={id} />;
    return (
      <div className="page">
        <Link to={`/products/${id}/compliance`} className="backlink">
          ‹ {t('annexF.back')}
        </Link>
        <ErrorAlert error={state.error} onRetry={state.reload} />
      </div>
    );
  }
  if (!state.data || !product.data) return <Loading />;
  const s = state.data;
  const writable = canWrite && product.data.archivedAt === null;
  const index = stepKeys.indexOf(step);
  const todo = (k: StepKey): number =>
    k === 'check' ? (s.readiness.decided ? 0 : 1) : s.readiness.steps[k].problems.length;

  return (
    <div className="page page-wide compliance annexf">
      <Link to={`/products/${id}/compliance`} className="backlink">
        ‹ {t('annexF.back')}
      </Link>
      <PageHeading title={t('annexF.title', { name: s.productName })} subtitle={t('annexF.subtitle')} />
      {writable ? null : <p className="small muted">{t('annexF.readOnly')}</p>}
      <nav aria-label={t('annexF.stepsLabel')}>
        <ol className="annexf-steps">
          {stepKeys.map((k, i) => {
            const n = todo(k);
            return (
              <li key={k}>
                <button type="button" className={`annexf-step${k === step ? ' is-current' : ''}${n === 0 ? ' is-done' : ''}`} aria-current={k === step ? 'step' : undefined} onClick={() => go(k)}>
                  <span className="annexf-step-num" aria-hidden="true">
                    {n === 0 ? '✓' : i + 1}
                  </span>
                  <span className="annexf-step-label">
                    <span className="sr-only">{i + 1}. </span>
                    {t(`annexF.steps.${k}`)}
                    <span className="annexf-step-state small">{n === 0 ? t('annexF.stepDone') : t('annexF.stepTodo', { n })}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <section className="section annexf-panel" aria-labelledby="annexf-step-heading">
        <h2 id="annexf-step-heading" className="section-heading" tabIndex={-1} ref={headingRef}>
          {index + 1}. {t(`annexF.steps.${step}`)}
        </h2>
        <StepBody key={step} step={step} state={s} productId={id} writable={writable} onChanged={state.reload} go={go} />
        <div className="annexf-nav">
          {index > 0 ? (
            <button type="button" className="btn" onClick={() => go(stepKeys[index - 1]!)}>
              ‹ {t('annexF.previous')}
            </button>
          ) : null}
          {index < stepKeys.length - 1 ? (
            <button type="button" className="btn" onClick={() => go(stepKeys[index + 1]!)}>
              {t('annexF.next')} ›
            </button>
          ) : null}
        </div>
      </section>
    </div>
  );
}

interface StepProps {
  step: StepKey;
  state: AnnexFStateT;
  productId: string;
  writable: boolean;
  onChanged: () => void;
  go: (s: StepKey, gap?: string) => void;
}

function StepBody(props: StepProps) {
  switch (props.step) {
    case 'scope':
    case 'rationale':
    case 'postRelease':
      return <RecordStep {...props} />;
    case 'gaps':
      return <GapsStep {...props} />;
    case 'closure':
      return <ClosureStep {...props} />;
    case 'check':
      return <CheckStep {...props} />;
  }
}

/**
 * A step's blocking problems (or the warnings). An unassessed catalog says how many entries are
 * left and links to the compliance page where they are assessed.
 */
function StepProblems({ problems, state }: { problems: readonly ReadinessProblemT[]; state: AnnexFStateT }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  const c = state.readiness.counts;
  // For decision_not_ready: the decision still on record and how many problems now block it.
  const remaining = Object.values(state.readiness.steps).reduce((n, s) => n + s.problems.length, 0);
  const decision = { at: state.record.decidedAt?.slice(0, 10) ?? '', by: state.record.decidedBy ?? '', problems: remaining };
  return (
    <ul className="annexf-problems">
      {problems.map((p, i) => (
        <li key={`${p.code}:${p.gapId ?? p.entry ?? i}`}>
          {t(`annexF.check.problems.${p.code}`, { entry: p.entry ?? '', version: p.version ?? '', n: c.unassessed, total: c.assessable, ...decision })}
          {p.code === 'entries_not_assessed' ? (
            <>
              {' '}
              <Link to={`/products/${state.productId}/compliance`}>{t('annexF.check.assessLink')}</Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * A step's request: `run` clears the last error and notice, sends, shows the notice the request
 * returns and reloads the workflow; a failure stays in `error`. `busy` while it runs.
 */
function useStepAction(onChanged: () => void, setNotice: (m: Msg | undefined) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<Msg>) => {
    setError(null);
    setNotice(undefined);
    setBusy(true);
    try {
      setNotice(await f());
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}

// ── Steps 1, 4, 5: the Annex F record ───────────────────────────────────────────────────────────

function RecordStep({ step, state, productId, writable, onChanged }: StepProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<RecordDraft>(() => draftOf(state));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Msg | undefined>(undefined);
  const text = useMsgText();
  const { error, setError, busy, run } = useStepAction(onChanged, setNotice);
  const releases = useResource(`annex-f-releases:${productId}`, () => api.listReleases(productId, { limit: 100 }));
  const set = <K extends keyof RecordDraft>(k: K, v: RecordDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const versions = splitVersions(draft.versionsText);
  const problems = step === 'check' ? [] : state.readiness.steps[step as 'scope' | 'rationale' | 'postRelease'].problems;

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (new Set(versions).size !== versions.length) e['versions'] = msg('annexF.errors.versions');
    draft.componentsNotUpgraded.forEach((c, i) => {
      if (c.name.trim() === '') e[`component-${i}-name`] = msg('annexF.errors.componentName');
      if (c.justification.trim() === '') e[`component-${i}-justification`] = msg('annexF.errors.componentJustification');
    });
    return e;
  };

  const save = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    setNotice(undefined);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setNotice(msg('annexF.formInvalid'));
      return;
    }
    await run(async () => {
      const { versionsText: _v, ...rest } = draft;
      const wasDecided = state.record.decidedAt !== null;
      await annexFApi.saveRecord(productId, { ...rest, versions });
      return msg(wasDecided ? 'annexF.savedWithdrawn' : 'annexF.saved');
    });
  };

  return (
    <form className="annexf-form" onSubmit={(e) => void save(e)} noValidate>
      <p className="annexf-intro">{t(step === 'scope' ? 'annexF.scope.intro' : step === 'rationale' ? 'annexF.rationale.intro' : 'annexF.post.intro')}</p>
      <StepProblems problems={problems} state={state} />
      {/* Versions in scope without an SBOM: warnings, shown where the versions are named (and in step 6). */}
      {step === 'scope' ? <StepProblems problems={state.readiness.warnings.filter((p) => p.step === 'scope')} state={state} /> : null}
      <fieldset className="annexf-fields" disabled={!writable}>
      {step === 'scope' ? (
        <>
          <TextField name="versions" label={t('annexF.scope.versions')} hint={t('annexF.scope.versionsHint')} error={errors['versions']} required value={draft.versionsText} onChange={(v) => set('versionsText', v)} />
          {releases.data && releases.data.items.length > 0 ? (
            <p className="small annexf-releases">
              {t('annexF.scope.releases')}{' '}
              {releases.data.items.map((r) => (
                <button
                  key={r.id}
                  type="button"
                  className="btn btn-small"
                  disabled={!writable || versions.includes(r.version)}
                  onClick={() => set('versionsText', [...versions, r.version].join(', '))}
                >
                  {t('annexF.scope.addRelease', { version: r.version })}
                </button>
              ))}
            </p>
          ) : null}
          <TextArea name="scopeNotes" label={t('annexF.scope.notes')} hint={t('annexF.scope.notesHint')} rows={3} value={draft.scopeNotes} onChange={(v) => set('scopeNotes', v)} />
        </>
      ) : null}
      {step === 'rationale' ? (
        <>
          <TextArea name="continuedUseRationale" label={t('annexF.rationale.continuedUse')} hint={t('annexF.rationale.continuedUseHint')} required rows={5} value={draft.continuedUseRationale} onChange={(v) => set('continuedUseRationale', v)} />
          <fieldset className="fieldset annexf-components">
            <legend className="label">{t('annexF.rationale.components')}</legend>
            {draft.componentsNotUpgraded.length === 0 ? <p className="small muted">{t('annexF.rationale.componentsNone')}</p> : null}
            {draft.componentsNotUpgraded.map((c, i) => {
              const n = i + 1;
              const update = (patch: Partial<typeof c>) => set('componentsNotUpgraded', draft.componentsNotUpgraded.map((x, j) => (j === i ? { ...x, ...patch } : x)));
              return (
                <div key={i} className="annexf-component card">
                  <div className="field-row">
                    <TextField name={`component-${i}-name`} label={t('annexF.rationale.componentName', { n })} error={errors[`component-${i}-name`]} required width="medium" value={c.name} onChange={(v) => update({ name: v })} />
                    <TextField name={`component-${i}-version`} label={t('annexF.rationale.componentVersion', { n })} width="short" value={c.version} onChange={(v) => update({ version: v })} />
                  </div>
                  <TextArea name={`component-${i}-justification`} label={t('annexF.rationale.componentJustification', { n })} error={errors[`component-${i}-justification`]} required rows={2} value={c.justification} onChange={(v) => update({ justification: v })} />
                  <button type="button" className="btn btn-small btn-danger-quiet" disabled={!writable} onClick={() => set('componentsNotUpgraded', draft.componentsNotUpgraded.filter((_, j) => j !== i))}>
                    {t('annexF.rationale.removeComponent', { n })}
                  </button>
                </div>
              );
            })}
            <div>
              <button type="button" className="btn btn-small" disabled={!writable} onClick={() => set('componentsNotUpgraded', [...draft.componentsNotUpgraded, { name: '', version: '', justification: '' }])}>
                {t('annexF.rationale.addComponent')}
              </button>
            </div>
          </fieldset>
          <TextArea name="riskCommunication" label={t('annexF.rationale.riskCommunication')} hint={t('annexF.rationale.riskCommunicationHint')} required rows={3} value={draft.riskCommunication} onChange={(v) => set('riskCommunication', v)} />
        </>
      ) : null}
      {step === 'postRelease' ? (
        <>
          <TextArea name="monitoringPlan" label={t('annexF.post.monitoring')} hint={t('annexF.post.monitoringHint')} required rows={3} value={draft.monitoringPlan} onChange={(v) => set('monitoringPlan', v)} />
          <TextArea name="updatePlan" label={t('annexF.post.updates')} hint={t('annexF.post.updatesHint')} required rows={3} value={draft.updatePlan} onChange={(v) => set('updatePlan', v)} />
          <TextArea name="disclosurePlan" label={t('annexF.post.disclosure')} hint={t('annexF.post.disclosureHint')} required rows={3} value={draft.disclosurePlan} onChange={(v) => set('disclosurePlan', v)} />
        </>
      ) : null}
      </fieldset>
      <ErrorAlert error={error} />
      {writable ? (
        <div>
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {busy ? t('annexF.saving') : t(step === 'scope' ? 'annexF.scope.save' : step === 'rationale' ? 'annexF.rationale.save' : 'annexF.post.save')}
          </BusyButton>
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="small">
        {text(notice)}
      </p>
    </form>
  );
}

// ── Step 2: the gap list ────────────────────────────────────────────────────────────────────────

function decisionBadge(g: AnnexFGapT, t: (k: string) => string) {
  return g.decision ? <Badge tone="blue">{t(`annexF.closure.decisions.${g.decision}`)}</Badge> : <Badge tone="amber">{t('annexF.closure.undecided')}</Badge>;
}

function levelBadge(g: AnnexFGapT, t: (k: string) => string) {
  return g.residualLevel ? <Badge tone={levelTone[g.residualLevel]}>{t(`annexF.closure.levels.${g.residualLevel}`)}</Badge> : <span className="muted">—</span>;
}

function GapsStep({ state, productId, writable, onChanged, go }: StepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const [notice, setNotice] = useState<Msg | undefined>(undefined);
  const text = useMsgText();
  const { error, busy, run } = useStepAction(onChanged, setNotice);
  const [entry, setEntry] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const covered = new Set(state.gaps.map((g) => g.entry));

  const propose = () =>
    run(async () => {
      const created = await annexFApi.propose(productId);
      return created.length ? msg('annexF.gaps.proposed', { n: created.length }) : msg('annexF.gaps.proposedNone');
    });

  const add = (e: React.FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!/^(\d+(\.\d+)*|[A-E](\.\d+)*)$/.test(entry.trim())) errs['gap-new-entry'] = msg('annexF.errors.entry');
    if (description.trim() === '') errs['gap-new-description'] = msg('annexF.errors.description');
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    void run(async () => {
      await annexFApi.createGap(productId, { entry: entry.trim(), description });
      setEntry('');
      setDescription('');
      return msg('annexF.gaps.created');
    });
  };

  const remove = (g: AnnexFGapT) => {
    if (!window.confirm(t('annexF.gaps.confirmDelete', { entry: g.entry }))) return;
    void run(async () => {
      await annexFApi.deleteGap(productId, g.id);
      return msg('annexF.gaps.deleted');
    });
  };

  return (
    <div className="annexf-form">
      <p className="annexf-intro">{t('annexF.gaps.intro')}</p>
      <StepProblems problems={state.readiness.steps.gaps.problems} state={state} />
      <h3>{t('annexF.gaps.candidates')}</h3>
      {state.candidates.length === 0 ? (
        <p className="small muted">{t('annexF.gaps.candidatesNone')}</p>
      ) : (
        <ul className="annexf-candidates">
          {state.candidates.map((c) => (
            <li key={c.entry}>
              <strong>{c.entry}</strong> {c.title[lang]} — {t(c.status === 'in_progress' ? 'annexF.gaps.statusInProgress' : 'annexF.gaps.statusNotStarted')}
              {c.basis !== 'direct' ? <span className="small muted"> ({t('annexF.gaps.viaCrosswalk', { ref: c.basis })})</span> : null}{' '}
              {covered.has(c.entry) ? <Badge tone="green">{t('annexF.gaps.candidateCovered')}</Badge> : <Badge tone="amber">{t('annexF.gaps.candidateMissing')}</Badge>}
            </li>
          ))}
        </ul>
      )}
      {writable ? (
        <p>
          <BusyButton type="button" className="btn btn-primary" busy={busy} onClick={() => void propose()}>
            {t('annexF.gaps.propose')}
          </BusyButton>
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="small">
        {text(notice)}
      </p>
      <ErrorAlert error={error} />
      <h3>{t('annexF.gaps.list')}</h3>
      {state.gaps.length === 0 ? (
        <p className="small muted">{t('annexF.gaps.empty')}</p>
      ) : (
        <table className="table annexf-gaps">
          <thead>
            <tr>
              <th scope="col">{t('annexF.gaps.entry')}</th>
              <th scope="col">{t('annexF.gaps.description')}</th>
              <th scope="col">{t('annexF.gaps.decision')}</th>
              <th scope="col">{t('annexF.gaps.residual')}</th>
              <th scope="col">{t('annexF.gaps.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {state.gaps.map((g) => (
              <tr key={g.id}>
                <td>
                  <strong>{g.entry}</strong>
                  <div className="cell-sub">{g.entryTitle[lang]}</div>
                </td>
                <td className="annexf-text">{g.descriptionText[lang]}</td>
                <td>{decisionBadge(g, t)}</td>
                <td>{levelBadge(g, t)}</td>
                <td className="annexf-actions">
                  <button type="button" className="btn btn-small" onClick={() => go('closure', g.id)}>
                    {t('annexF.gaps.edit', { entry: g.entry })}
                  </button>
                  {writable ? (
                    <BusyButton type="button" className="btn btn-small btn-danger-quiet" busy={busy} onClick={() => remove(g)}>
                      {t('annexF.gaps.delete', { entry: g.entry })}
                    </BusyButton>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {writable ? (
        <form className="annexf-add card" onSubmit={add} noValidate>
          <h3>{t('annexF.gaps.add')}</h3>
          <TextField name="gap-new-entry" label={t('annexF.gaps.addEntry')} hint={t('annexF.gaps.addEntryHint')} error={errors['gap-new-entry']} required width="short" value={entry} onChange={setEntry} />
          <TextArea name="gap-new-description" label={t('annexF.gaps.addDescription')} error={errors['gap-new-description']} required rows={2} value={description} onChange={setDescription} />
          <div>
            <BusyButton type="submit" className="btn" busy={busy}>
              {t('annexF.gaps.create')}
            </BusyButton>
          </div>
        </form>
      ) : null}
    </div>
  );
}

// ── Step 3: closure, compensating measures, residual risk and acceptance ─────────────────────────

type GapDraft = Required<Omit<AnnexFGapInputT, 'closureDueDate' | 'controlId' | 'residualLevel' | 'decision'>> & {
  decision: (typeof decisions)[number] | '';
  closureDueDate: string;
  controlId: string;
  residualLevel: (typeof levels)[number] | '';
};

/** The draft of a gap; a proposed description shows in the screen's language (`descriptionText`). */
function gapDraft(g: AnnexFGapT, lang: 'ja' | 'en'): GapDraft {
  return {
    entry: g.entry,
    description: g.descriptionText[lang],
    decision: g.decision ?? '',
    closureAction: g.closureAction,
    closureStatus: g.closureStatus,
    closureDueDate: g.closureDueDate ?? '',
    compensatingMeasures: g.compensatingMeasures,
    controlId: g.controlId ?? '',
    residualLevel: g.residualLevel ?? '',
    acceptanceRationale: g.acceptanceRationale,
    accepted: g.acceptedAt !== null,
  };
}

/** The same rules as the server (core/compliance/annex-f.ts gapIssues), with translated messages. */
function gapErrors(d: GapDraft): FieldErrors {
  const e: FieldErrors = {};
  if (d.description.trim() === '') e['gap-description'] = msg('annexF.errors.description');
  if (d.decision === 'close') {
    if (d.closureAction.trim() === '') e['gap-closureAction'] = msg('annexF.errors.closureAction');
    if (d.closureDueDate === '' && d.closureStatus !== 'done') e['gap-closureDueDate'] = msg('annexF.errors.dueDate');
  }
  if (d.decision === 'compensate') {
    if (d.compensatingMeasures.trim() === '' && d.controlId === '') e['gap-compensatingMeasures'] = msg('annexF.errors.measures');
    if (d.residualLevel === '') e['gap-residualLevel'] = msg('annexF.errors.residual');
  }
  if (d.decision === 'accept') {
    if (d.residualLevel === '') e['gap-residualLevel'] = msg('annexF.errors.residual');
    else if (d.residualLevel === 'unacceptable') e['gap-residualLevel'] = msg('annexF.errors.unacceptable');
  }
  if (d.accepted) {
    if (d.decision === '') e['gap-decision'] = msg('annexF.errors.acceptDecision');
    if (d.residualLevel === '') e['gap-residualLevel'] ??= msg('annexF.errors.residual');
    else if (d.residualLevel === 'unacceptable') e['gap-residualLevel'] = msg('annexF.errors.unacceptable');
    if (d.acceptanceRationale.trim() === '') e['gap-acceptanceRationale'] = msg('annexF.errors.rationale');
  }
  return e;
}

function ClosureStep({ state, productId, writable, onChanged }: StepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const [search, setSearch] = useSearchParams();
  const gapId = search.get('gap');
  const [notice, setNotice] = useState<Msg | undefined>(undefined);
  const current = state.gaps.find((g) => g.id === gapId) ?? state.gaps.find((g) => g.decision === null) ?? state.gaps[0];

  if (!current)
    return (
      <div className="annexf-form">
        <p className="annexf-intro">{t('annexF.closure.intro')}</p>
        <p className="muted">{t('annexF.closure.none')}</p>
      </div>
    );

  const problemsOf = (g: AnnexFGapT) => state.readiness.steps.closure.problems.filter((p) => p.gapId === g.id).length;
  return (
    <div className="annexf-form">
      <p className="annexf-intro">{t('annexF.closure.intro')}</p>
      <StepProblems problems={state.readiness.steps.closure.problems} state={state} />
      <div className="annexf-closure">
        <ul className="annexf-gap-pick" aria-label={t('annexF.closure.pick')}>
          {state.gaps.map((g) => (
            <li key={g.id}>
              <button
                type="button"
                className={`annexf-gap-button${g.id === current.id ? ' is-current' : ''}`}
                aria-current={g.id === current.id ? 'true' : undefined}
                onClick={() => {
                  setNotice(undefined);
                  setSearch((p) => {
                    const next = new URLSearchParams(p);
                    next.set('gap', g.id);
                    return next;
                  });
                }}
              >
                <strong>{g.entry}</strong> <span className="small">{g.entryTitle[lang]}</span>
                <span className="annexf-gap-state">
                  {problemsOf(g) === 0 && g.decision ? '✓ ' : ''}
                  {g.decision ? t(`annexF.closure.decisions.${g.decision}`) : t('annexF.closure.undecided')}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <GapEditor key={`${current.id}:${current.updatedAt}`} gap={current} state={state} productId={productId} writable={writable} onChanged={onChanged} notice={notice} setNotice={setNotice} />
      </div>
    </div>
  );
}

function GapEditor({ gap, state, productId, writable, onChanged, notice, setNotice }: { gap: AnnexFGapT; state: AnnexFStateT; productId: string; writable: boolean; onChanged: () => void; notice: Msg | undefined; setNotice: (m: Msg | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const [d, setD] = useState<GapDraft>(() => gapDraft(gap, lang));
  const [errors, setErrors] = useState<FieldErrors>({});
  const text = useMsgText();
  const { error, setError, busy, run } = useStepAction(onChanged, setNotice);
  const set = <K extends keyof GapDraft>(k: K, v: GapDraft[K]) => setD((x) => ({ ...x, [k]: v }));

  const save = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setError(null);
    setNotice(undefined);
    const e = gapErrors(d);
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setNotice(msg('annexF.formInvalid'));
      const first = document.getElementById(`f-${Object.keys(e)[0]!}`);
      first?.focus();
      return;
    }
    await run(async () => {
      await annexFApi.updateGap(productId, gap.id, {
        ...d,
        // A proposed description left as shown stays as proposed, so it keeps reading in either language.
        description: d.description === gap.descriptionText[lang] ? gap.description : d.description,
        decision: d.decision === '' ? null : d.decision,
        closureDueDate: d.closureDueDate === '' ? null : d.closureDueDate,
        controlId: d.controlId === '' ? null : d.controlId,
        residualLevel: d.residualLevel === '' ? null : d.residualLevel,
      });
      return msg('annexF.closure.savedGap', { entry: gap.entry });
    });
  };

  const showRisk = d.decision === 'compensate' || d.decision === 'accept' || d.residualLevel !== '';
  return (
    <form className="annexf-gap-editor card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="annexf-gap-heading">
      <h3 id="annexf-gap-heading">
        {gap.entry} {gap.entryTitle[lang]}
      </h3>
      <fieldset className="annexf-fields" disabled={!writable}>
      <TextArea name="gap-description" label={t('annexF.closure.description')} error={errors['gap-description']} required rows={3} value={d.description} onChange={(v) => set('description', v)} />
      <fieldset className={`fieldset${errors['gap-decision'] ? ' has-error' : ''}`} aria-describedby={errors['gap-decision'] ? 'f-gap-decision-error' : undefined}>
        <legend className="label">{t('annexF.closure.decision')}</legend>
        {decisions.map((k) => (
          <div key={k} className="annexf-radio">
            <label className="checkbox">
              <input type="radio" name="gap-decision" id={k === decisions[0] ? 'f-gap-decision' : undefined} aria-describedby={`annexf-hint-${k}`} checked={d.decision === k} disabled={!writable} onChange={() => set('decision', k)} />{' '}
              {t(`annexF.closure.decisions.${k}`)}
            </label>
            <span id={`annexf-hint-${k}`} className="hint annexf-hint">
              {t(`annexF.closure.decisionHints.${k}`)}
            </span>
          </div>
        ))}
        {errors['gap-decision'] ? (
          <div className="field-error" id="f-gap-decision-error">
            {t((errors['gap-decision'] as { key: string }).key)}
          </div>
        ) : null}
      </fieldset>
      {d.decision === 'close' ? (
        <>
          <TextArea name="gap-closureAction" label={t('annexF.closure.closureAction')} error={errors['gap-closureAction']} required rows={2} value={d.closureAction} onChange={(v) => set('closureAction', v)} />
          <div className="field-row">
            <SelectField
              name="gap-closureStatus"
              label={t('annexF.closure.closureStatus')}
              value={d.closureStatus}
              onChange={(v) => set('closureStatus', v)}
              options={closureStatuses.map((s) => ({ value: s, label: t(`annexF.closure.statuses.${s}`) }))}
            />
            <TextField name="gap-closureDueDate" type="date" width="short" label={t('annexF.closure.dueDate')} error={errors['gap-closureDueDate']} required={d.closureStatus !== 'done'} value={d.closureDueDate} onChange={(v) => set('closureDueDate', v)} />
          </div>
        </>
      ) : null}
      {d.decision === 'compensate' ? (
        <>
          <TextArea name="gap-compensatingMeasures" label={t('annexF.closure.measures')} hint={t('annexF.closure.measuresHint')} error={errors['gap-compensatingMeasures']} required rows={3} value={d.compensatingMeasures} onChange={(v) => set('compensatingMeasures', v)} />
          <SelectField
            name="gap-controlId"
            label={t('annexF.closure.control')}
            value={d.controlId}
            onChange={(v) => set('controlId', v)}
            options={[{ value: '', label: t('annexF.closure.noControl') }, ...state.controls.map((c) => ({ value: c.id, label: `${c.ref} ${c.title}` }))]}
          />
        </>
      ) : null}
      {showRisk ? (
        <>
          <SelectField
            name="gap-residualLevel"
            label={t('annexF.closure.residual')}
            error={errors['gap-residualLevel']}
            required={d.decision === 'compensate' || d.decision === 'accept'}
            value={d.residualLevel}
            onChange={(v) => set('residualLevel', v)}
            options={[{ value: '' as const, label: t('annexF.closure.levelNone') }, ...levels.map((l) => ({ value: l, label: t(`annexF.closure.levels.${l}`) }))]}
          />
          <label className="checkbox checkbox-single">
            <input type="checkbox" name="gap-accepted" checked={d.accepted} disabled={!writable} onChange={(e) => set('accepted', e.target.checked)} /> <span>{t('annexF.closure.accepted')}</span>
          </label>
          {gap.acceptedAt ? <p className="small muted">{t('annexF.closure.acceptedBy', { by: gap.acceptedBy ?? '', at: gap.acceptedAt.slice(0, 10) })}</p> : null}
          {d.accepted || d.acceptanceRationale !== '' ? (
            <TextArea name="gap-acceptanceRationale" label={t('annexF.closure.acceptanceRationale')} error={errors['gap-acceptanceRationale']} required={d.accepted} rows={2} value={d.acceptanceRationale} onChange={(v) => set('acceptanceRationale', v)} />
          ) : null}
        </>
      ) : null}
      </fieldset>
      <ErrorAlert error={error} />
      {writable ? (
        <div>
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {busy ? t('annexF.saving') : t('annexF.closure.save')}
          </BusyButton>
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="small">
        {text(notice)}
      </p>
    </form>
  );
}

// ── Step 6: readiness, decision, declaration ────────────────────────────────────────────────────

function CheckStep({ state, productId, writable, onChanged, go }: StepProps) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Msg | undefined>(undefined);
  const text = useMsgText();
  const { error, busy, run } = useStepAction(onChanged, setNotice);
  const r = state.readiness;
  const c = r.counts;

  const decide = () =>
    run(async () => {
      await annexFApi.decide(productId);
      return msg('annexF.check.decidedNow');
    });

  return (
    <div className="annexf-form">
      <p className="annexf-intro">{t('annexF.check.intro')}</p>
      <p className={r.ready ? 'alert-success' : 'annexf-not-ready'}>
        <strong>{t(r.ready ? 'annexF.check.ready' : 'annexF.check.notReady')}</strong>
      </p>
      <p className="small">{t('annexF.check.counts', { gaps: c.gaps, decided: c.decided, closed: c.closed, compensated: c.compensated, accepted: c.accepted, uncovered: c.uncovered, candidates: c.candidates, unassessed: c.unassessed, assessable: c.assessable })}</p>
      <ol className="annexf-check">
        {(['scope', 'gaps', 'closure', 'rationale', 'postRelease'] as const).map((k, i) => (
          <li key={k}>
            <span className="annexf-check-step">
              {t(`annexF.steps.${k}`)}: {r.steps[k].complete ? <Badge tone="green">{t('annexF.check.stepOk')}</Badge> : <Badge tone="amber">{t('annexF.stepTodo', { n: r.steps[k].problems.length })}</Badge>}
            </span>{' '}
            {r.steps[k].complete ? null : (
              <button type="button" className="btn-link" onClick={() => go(k)}>
                {t('annexF.check.goTo', { n: i + 1 })}
              </button>
            )}
            <StepProblems problems={r.steps[k].problems} state={state} />
          </li>
        ))}
      </ol>
      {r.warnings.length > 0 ? (
        <>
          <h3>{t('annexF.check.warnings')}</h3>
          <StepProblems problems={r.warnings} state={state} />
        </>
      ) : null}
      {r.decided && state.record.decidedAt ? (
        <p className="alert-success">{t('annexF.check.decided', { by: state.record.decidedBy ?? '', at: state.record.decidedAt.slice(0, 10) })}</p>
      ) : writable ? (
        <p>
          <button type="button" className="btn btn-primary" disabled={busy || !r.ready} onClick={() => void decide()}>
            {t('annexF.check.decide')}
          </button>{' '}
          <span className="small muted">{t('annexF.check.decideHint')}</span>
        </p>
      ) : null}
      <ErrorAlert error={error} />
      <p role="status" aria-live="polite" className="small">
        {text(notice)}
      </p>
      <h3>{t('annexF.check.downloads')}</h3>
      <p className="small muted">{t('annexF.check.downloadsHint')}</p>
      <ul className="compliance-downloads">
        {(['html', 'pdf'] as const).flatMap((format) =>
          (['ja', 'en'] as const).map((language) => (
            <li key={`${format}-${language}`}>
              <a className="btn" href={complianceApi.exportUrl(productId, format, language, 'annex-f')} download>
                {t('annexF.check.download', { format: format.toUpperCase(), language: t(`annexF.check.${language}`) })}
              </a>
            </li>
          )),
        )}
      </ul>
    </div>
  );
}
