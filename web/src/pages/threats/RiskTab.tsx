import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.js';
import { BusyButton } from '../../components/BusyButton.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { SelectField, TextArea, TextField } from '../../components/fields.js';
import { formatDateTime } from '../../format.js';
import { currentLocale } from '../../i18n/index.js';
import { ApiError } from '../../api/client.js';
import { useNotify } from '../../session.js';
import { useResource } from '../../useResource.js';
import { threatsApi, type RiskEntryT, type RiskRegisterT } from './api.js';
import { categoryLabel } from './ElementPanel.js';

type Phase = 'before' | 'after';
const levelTone = { acceptable: 'green', alara: 'amber', unacceptable: 'red' } as const;

function cellOf(item: RiskEntryT, phase: Phase): { l: number; i: number } | null {
  const a = item.assessment;
  if (!a) return null;
  if (phase === 'before') return { l: item.evaluation?.effectiveLikelihood ?? a.likelihood, i: a.impact };
  return {
    l: a.residualLikelihood ?? item.evaluation?.effectiveLikelihood ?? a.likelihood,
    i: a.residualImpact ?? a.impact,
  };
}

/** The risk register with its heat map (likelihood × impact) before or after controls. */
export function RiskTab({ productId, writable }: { productId: string; writable: boolean }) {
  const { t } = useTranslation();
  const reg = useResource(`risks:${productId}`, () => threatsApi.risks(productId));
  const [phase, setPhase] = useState<Phase>('before');
  const [cell, setCell] = useState<{ l: number; i: number } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [accepting, setAccepting] = useState<string | null>(null);

  if (reg.error && !reg.data) {
    if (reg.error instanceof ApiError && reg.error.code === 'threat_model.none')
      return <EmptyState title={t('threats.risk.noModelTitle')} body={t('threats.risk.noModelBody')} />;
    return <ErrorAlert error={reg.error} onRetry={reg.reload} />;
  }
  if (!reg.data) return <Loading />;
  const r = reg.data;
  const lang = currentLocale();
  const items = cell
    ? r.items.filter((x) => {
        const c = cellOf(x, phase);
        return c && c.l === cell.l && c.i === cell.i;
      })
    : r.items;

  return (
    <div className="section">
      <section className="card" aria-labelledby="heat-title">
        <div className="section-heading">
          <h2 id="heat-title" className="card-title">
            {t('threats.risk.heatTitle')}
          </h2>
          <div role="radiogroup" aria-label={t('threats.risk.phaseLabel')} className="segmented">
            {(['before', 'after'] as const).map((p) => (
              <label key={p} className={`segmented-option${phase === p ? ' is-selected' : ''}`}>
                <input
                  type="radio"
                  name="risk-phase"
                  value={p}
                  checked={phase === p}
                  onChange={() => setPhase(p)}
                />
                {t(`threats.risk.phase.${p}`)}
              </label>
            ))}
          </div>
        </div>
        <HeatMap register={r} phase={phase} lang={lang} selected={cell} onSelect={setCell} />
        <p className="small muted">{t('threats.risk.heatHint')}</p>
      </section>

      <section className="section" aria-labelledby="register-title">
        <div className="section-heading">
          <h2 id="register-title">
            {t('threats.risk.registerTitle')} <span className="count-pill">{items.length}</span>
          </h2>
          {cell ? (
            <button type="button" className="btn btn-small" onClick={() => setCell(null)}>
              {t('threats.risk.clearCell')}
            </button>
          ) : null}
        </div>
        {r.items.length === 0 ? <p className="muted">{t('threats.risk.noThreats')}</p> : null}
        {items.length > 0 ? (
          <div className="table-card">
            <div className="table-scroll">
              <table className="table" data-testid="risk-register">
                <caption className="sr-only">{t('threats.risk.registerTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('threats.threat.title')}</th>
                    <th scope="col">{t('threats.threat.element')}</th>
                    <th scope="col">{t('threats.risk.before')}</th>
                    <th scope="col">{t('threats.risk.after')}</th>
                    <th scope="col">{t('threats.risk.acceptance')}</th>
                    {writable ? (
                      <th scope="col" className="col-actions">
                        <span className="sr-only">{t('common.actions')}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {items.map((x) => (
                    <RiskRow
                      key={x.threatId}
                      item={x}
                      register={r}
                      lang={lang}
                      writable={writable}
                      editing={editing === x.threatId}
                      accepting={accepting === x.threatId}
                      onEdit={(on) => setEditing(on ? x.threatId : null)}
                      onAccept={(on) => setAccepting(on ? x.threatId : null)}
                      onSaved={() => {
                        setEditing(null);
                        setAccepting(null);
                        reg.reload();
                      }}
                      productId={productId}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function HeatMap({
  register,
  phase,
  lang,
  selected,
  onSelect,
}: {
  register: RiskRegisterT;
  phase: Phase;
  lang: 'ja' | 'en';
  selected: { l: number; i: number } | null;
  onSelect: (c: { l: number; i: number } | null) => void;
}) {
  const { t } = useTranslation();
  const s = register.scales;
  const counts = new Map<string, number>();
  for (const x of register.items) {
    const c = cellOf(x, phase);
    if (c) counts.set(`${c.l}:${c.i}`, (counts.get(`${c.l}:${c.i}`) ?? 0) + 1);
  }
  const rows = s.likelihood.map((l, li) => ({ l, li })).reverse();
  return (
    <div className="table-scroll">
      <table className="heatmap" data-testid="heatmap">
        <caption className="sr-only">
          {t('threats.risk.heatCaption', { phase: t(`threats.risk.phase.${phase}`) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="heat-corner">
              {t('threats.risk.likelihood')} ＼ {t('threats.risk.impact')}
            </th>
            {s.impact.map((i) => (
              <th key={i.value} scope="col" title={i.description[lang]}>
                {i.value}. {i.label[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ l, li }) => (
            <tr key={l.value}>
              <th scope="row" title={l.description[lang]}>
                {l.value}. {l.label[lang]}
              </th>
              {s.impact.map((i, ii) => {
                const level = s.matrix[li]?.[ii] ?? 'acceptable';
                const n = counts.get(`${l.value}:${i.value}`) ?? 0;
                const isSel = selected?.l === l.value && selected.i === i.value;
                return (
                  <td key={i.value} className={`heat-cell heat-${level}${isSel ? ' is-selected' : ''}`}>
                    <button
                      type="button"
                      className="heat-button"
                      aria-pressed={isSel}
                      aria-label={t('threats.risk.cellLabel', {
                        count: n,
                        likelihood: l.label[lang],
                        impact: i.label[lang],
                        level: t(`threats.riskLevel.${level}`),
                      })}
                      onClick={() => onSelect(isSel ? null : { l: l.value, i: i.value })}
                    >
                      <span className="heat-count">{n || ''}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="heat-legend small" aria-hidden="true">
        {(['acceptable', 'alara', 'unacceptable'] as const).map((lv) => (
          <span key={lv}>
            <span className={`heat-swatch heat-${lv}`} /> {t(`threats.riskLevel.${lv}`)}
          </span>
        ))}
      </div>
    </div>
  );
}

function LevelBadge({ level }: { level: string | null | undefined }) {
  const { t } = useTranslation();
  if (!level) return <span className="muted">{t('threats.risk.notEstimated')}</span>;
  return (
    <Badge tone={levelTone[level as keyof typeof levelTone] ?? 'neutral'}>
      {t(`threats.riskLevel.${level}`)}
    </Badge>
  );
}

function RiskRow({
  item,
  register,
  lang,
  writable,
  editing,
  accepting,
  onEdit,
  onAccept,
  onSaved,
  productId,
}: {
  item: RiskEntryT;
  register: RiskRegisterT;
  lang: 'ja' | 'en';
  writable: boolean;
  editing: boolean;
  accepting: boolean;
  onEdit: (on: boolean) => void;
  onAccept: (on: boolean) => void;
  onSaved: () => void;
  productId: string;
}) {
  const { t } = useTranslation();
  const ev = item.evaluation;
  const acc = item.assessment?.acceptance ?? null;
  // An unacceptable residual risk cannot be accepted (the server answers 409 risk.not_acceptable): it needs controls.
  const unacceptable = ev?.residualLevel === 'unacceptable';
  const cols = writable ? 6 : 5;
  return (
    <>
      <tr>
        <td className="cell-primary">
          {item.threatTitle}
          <div className="cell-sub">{categoryLabel(t, { method: 'stride', category: item.category })}</div>
        </td>
        <td>{item.elementName}</td>
        <td>
          <LevelBadge level={ev?.initialLevel} />
          {ev && ev.raisedBy.length > 0 ? (
            <div className="cell-sub">{t('threats.risk.raisedByKev', { count: ev.raisedBy.length })}</div>
          ) : null}
        </td>
        <td>
          <LevelBadge level={ev?.residualLevel} />
        </td>
        <td data-testid="risk-acceptance">
          {unacceptable ? (
            <>
              <Badge tone="red">{t('threats.risk.unacceptableAddControls')}</Badge>
              {acc ? (
                <div className="small muted">
                  {t('threats.risk.acceptedBy', { by: acc.acceptedBy, at: formatDateTime(acc.acceptedAt) })}
                </div>
              ) : null}
            </>
          ) : acc ? (
            <span className="small">
              {t('threats.risk.acceptedBy', { by: acc.acceptedBy, at: formatDateTime(acc.acceptedAt) })}
            </span>
          ) : ev?.needsAcceptance ? (
            <Badge tone="amber">{t('threats.risk.needsAcceptance')}</Badge>
          ) : ev?.controlled ? (
            <span className="small muted">{t('threats.risk.controlled')}</span>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
        {writable ? (
          <td className="col-actions">
            <div className="row-actions">
              <button
                type="button"
                className="btn btn-small"
                aria-expanded={editing}
                aria-label={`${t('threats.risk.estimate')}: ${item.threatTitle}`}
                onClick={() => onEdit(!editing)}
              >
                {t('threats.risk.estimate')}
              </button>
              {ev?.needsAcceptance && !unacceptable ? (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-expanded={accepting}
                  aria-label={`${t('threats.risk.accept')}: ${item.threatTitle}`}
                  onClick={() => onAccept(!accepting)}
                >
                  {t('threats.risk.accept')}
                </button>
              ) : null}
            </div>
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr className="row-detail">
          <td colSpan={cols}>
            <EstimateForm
              item={item}
              register={register}
              lang={lang}
              productId={productId}
              onDone={onSaved}
              onCancel={() => onEdit(false)}
            />
          </td>
        </tr>
      ) : null}
      {accepting && !unacceptable ? (
        <tr className="row-detail">
          <td colSpan={cols}>
            <AcceptForm item={item} productId={productId} onDone={onSaved} onCancel={() => onAccept(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function EstimateForm({
  item,
  register,
  lang,
  productId,
  onDone,
  onCancel,
}: {
  item: RiskEntryT;
  register: RiskRegisterT;
  lang: 'ja' | 'en';
  productId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const a = item.assessment;
  const s = register.scales;
  const [likelihood, setLikelihood] = useState(String(a?.likelihood ?? s.likelihood[0]!.value));
  const [impact, setImpact] = useState(String(a?.impact ?? s.impact[0]!.value));
  const [rl, setRl] = useState(a?.residualLikelihood == null ? '' : String(a.residualLikelihood));
  const [ri, setRi] = useState(a?.residualImpact == null ? '' : String(a.residualImpact));
  const [hazardId, setHazardId] = useState(a?.hazard?.hazardId ?? '');
  const [hazard, setHazard] = useState(a?.hazard?.hazard ?? '');
  const [harm, setHarm] = useState(a?.hazard?.harm ?? '');
  const [rationale, setRationale] = useState(a?.rationale ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const opts = (axis: 'likelihood' | 'impact') =>
    s[axis].map((x) => ({ value: String(x.value), label: `${x.value}. ${x.label[lang]}` }));
  const same = { value: '', label: t('threats.risk.sameAsBefore') };
  return (
    <form
      className="risk-form"
      aria-label={t('threats.risk.estimateTitle', { title: item.threatTitle })}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        threatsApi
          .putRisk(productId, item.threatId, {
            likelihood: Number(likelihood),
            impact: Number(impact),
            residualLikelihood: rl === '' ? null : Number(rl),
            residualImpact: ri === '' ? null : Number(ri),
            hazard: hazardId.trim()
              ? { hazardId: hazardId.trim(), hazard, harm, severity: Number(impact) }
              : null,
            rationale,
          })
          .then(
            () => {
              notify(t('threats.risk.saved'));
              onDone();
            },
            (e: unknown) => setError(e),
          )
          .finally(() => setBusy(false));
      }}
    >
      <div className="field-row risk-grid">
        <SelectField
          name="risk-l"
          label={t('threats.risk.likelihoodBefore')}
          value={likelihood}
          onChange={setLikelihood}
          options={opts('likelihood')}
        />
        <SelectField
          name="risk-i"
          label={t('threats.risk.impactBefore')}
          value={impact}
          onChange={setImpact}
          options={opts('impact')}
        />
        <SelectField
          name="risk-rl"
          label={t('threats.risk.likelihoodAfter')}
          value={rl}
          onChange={setRl}
          options={[same, ...opts('likelihood')]}
        />
        <SelectField
          name="risk-ri"
          label={t('threats.risk.impactAfter')}
          value={ri}
          onChange={setRi}
          options={[same, ...opts('impact')]}
        />
      </div>
      <div className="field-row">
        <TextField
          name="risk-hazard-id"
          label={t('threats.risk.hazardId')}
          hint={t('threats.risk.hazardIdHint')}
          value={hazardId}
          onChange={setHazardId}
          width="short"
        />
        <TextField name="risk-hazard" label={t('threats.risk.hazard')} value={hazard} onChange={setHazard} />
        <TextField name="risk-harm" label={t('threats.risk.harm')} value={harm} onChange={setHarm} />
      </div>
      <TextArea
        name="risk-rationale"
        label={t('threats.risk.rationale')}
        rows={2}
        value={rationale}
        onChange={setRationale}
      />
      <ErrorAlert error={error} />
      <div className="form-actions">
        <BusyButton type="submit" className="btn btn-primary" busy={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </BusyButton>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function AcceptForm({
  item,
  productId,
  onDone,
  onCancel,
}: {
  item: RiskEntryT;
  productId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [rationale, setRationale] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="risk-form"
      aria-label={t('threats.risk.acceptTitle', { title: item.threatTitle })}
      onSubmit={(e) => {
        e.preventDefault();
        if (!rationale.trim()) {
          setError(null);
          document.getElementById('f-risk-accept')?.focus();
          return;
        }
        threatsApi.acceptRisk(productId, item.threatId, rationale.trim()).then(
          () => {
            notify(t('threats.risk.acceptedDone'));
            onDone();
          },
          (err: unknown) => setError(err),
        );
      }}
    >
      <TextArea
        name="risk-accept"
        label={t('threats.risk.acceptRationale')}
        required
        value={rationale}
        onChange={setRationale}
        rows={2}
      />
      <ErrorAlert error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!rationale.trim()}>
          {t('threats.risk.accept')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
