import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useCanWrite } from '../../session.js';
import { useResource } from '../../useResource.js';
import { complianceApi, type AnswersT, type ProfileT, type ProposalT } from './api.js';
import './compliance.css';

const marketList = ['jp', 'us', 'eu'] as const;
type Market = (typeof marketList)[number];
type Route = ProfileT['route'];

/**
 * Getting started for one product: the Art. 12(3) applicability questions, the proposal (catalogs
 * and conformity route, each with its reason), saving it as the product's compliance profile, and a
 * short guide to the two requirements for someone new to the role.
 */
export function GettingStartedPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const { id = '' } = useParams();
  const product = useResource(`compliance-start-product:${id}`, () => api.getProduct(id));
  const profile = useResource(`compliance-start-profile:${id}`, () => complianceApi.profile(id));
  const catalogs = useResource('compliance-catalogs', () => complianceApi.catalogs());
  const canWrite = useCanWrite();

  if ((product.error && !product.data) || (profile.error && !profile.data) || (catalogs.error && !catalogs.data))
    return (
      <div className="page">
        <Link to={`/products/${id}/compliance`} className="backlink">
          ‹ {t('compliance.start.back')}
        </Link>
        <ErrorAlert error={product.error ?? profile.error ?? catalogs.error} onRetry={() => { product.reload(); profile.reload(); catalogs.reload(); }} />
      </div>
    );
  if (!product.data || !profile.data || !catalogs.data) return <Loading />;
  const p = product.data;
  const titles = new Map(catalogs.data.map((c) => [c.key, c.title[lang]]));
  return (
    <div className="page compliance compliance-start">
      <Link to={`/products/${p.id}/compliance`} className="backlink">
        ‹ {t('compliance.start.back')}
      </Link>
      <PageHeading title={t('compliance.start.title', { name: p.name })} subtitle={t('compliance.start.subtitle')} />
      <ApplicabilityCheck
        productId={p.id}
        isSamd={p.isSamd}
        connectivity={p.connectivity}
        profile={profile.data}
        titles={titles}
        writable={canWrite && p.archivedAt === null}
        onSaved={(saved) => profile.mutate(saved)}
      />
      <Guide />
    </div>
  );
}

function ApplicabilityCheck({
  productId,
  isSamd,
  connectivity,
  profile,
  titles,
  writable,
  onSaved,
}: {
  productId: string;
  isSamd: boolean;
  connectivity: readonly string[];
  profile: ProfileT;
  titles: Map<string, string>;
  writable: boolean;
  onSaved: (p: ProfileT) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  const a = profile.answers;
  const [usesProgram, setUsesProgram] = useState(a?.usesProgram ?? true);
  const [external, setExternal] = useState(a?.externalAccessForeseeable ?? false);
  const [onMarket, setOnMarket] = useState<boolean | null>(a ? a.onMarket : null);
  const [markets, setMarkets] = useState<Market[]>(a ? [...a.markets] : ['jp']);
  const [proposal, setProposal] = useState<ProposalT | null>(null);
  const [route, setRoute] = useState<Route>(profile.route);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const connected = connectivity.filter((c) => c !== 'none');

  const answers = (): AnswersT | null => (onMarket === null ? null : { usesProgram: usesProgram || isSamd, externalAccessForeseeable: external, onMarket, markets });

  const check = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setProblem('');
    setNotice('');
    const body = answers();
    if (!body) {
      setProblem(t('compliance.start.answerAll'));
      return;
    }
    setBusy(true);
    try {
      const result = await complianceApi.applicability(productId, body);
      setProposal(result);
      setRoute(result.route);
      setChosen(result.catalogs.filter((c) => c.applies).map((c) => c.catalog));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setError(null);
    setProblem('');
    if (chosen.length === 0) {
      setProblem(t('compliance.start.chooseOne'));
      return;
    }
    setBusy(true);
    try {
      const saved = await complianceApi.setProfile(productId, { route, catalogs: chosen, answers: answers() });
      setNotice(t('compliance.start.saved', { count: saved.catalogs.length, route: t(`compliance.start.route.${saved.route}`) }));
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const yesNo = (name: string, value: boolean, set: (v: boolean) => void, disabled = false) => (
    <span className="compliance-yesno">
      {[true, false].map((v) => (
        <label key={String(v)} className="checkbox">
          <input type="radio" name={name} checked={value === v} disabled={disabled} onChange={() => set(v)} /> {t(v ? 'compliance.start.yes' : 'compliance.start.no')}
        </label>
      ))}
    </span>
  );

  return (
    <section aria-labelledby="start-check" className="section">
      <h2 id="start-check" className="section-heading">
        {t('compliance.start.checkHeading')}
      </h2>
      <p className="small muted">
        {profile.saved
          ? t('compliance.start.current', { route: t(`compliance.start.route.${profile.route}`), count: profile.catalogs.length, at: (profile.updatedAt ?? '').slice(0, 10) })
          : t('compliance.start.notSaved')}
      </p>
      <p>{t('compliance.start.checkIntro')}</p>
      <form className="compliance-questions card" onSubmit={(e) => void check(e)}>
        <fieldset className="fieldset">
          <legend className="label">{t('compliance.start.usesProgram')}</legend>
          {yesNo('usesProgram', usesProgram || isSamd, setUsesProgram, isSamd)}
          {isSamd ? <p className="small muted">{t('compliance.start.usesProgramSamd')}</p> : null}
        </fieldset>
        <div className="fieldset">
          <p className="label">{t('compliance.start.connectivity', { list: (connected.length ? connected : ['none']).map((c) => t(`connectivity.${c}`)).join(t('compliance.start.listSep')) })}</p>
          <Link to={`/products/${productId}/edit`} className="small">
            {t('compliance.start.editProduct')}
          </Link>
        </div>
        <fieldset className="fieldset">
          <legend className="label">{t('compliance.start.external')}</legend>
          {yesNo('external', external, setExternal)}
        </fieldset>
        <fieldset className="fieldset">
          <legend className="label">{t('compliance.start.lifecycle')}</legend>
          <span className="compliance-yesno">
            <label className="checkbox">
              <input type="radio" name="lifecycle" checked={onMarket === false} onChange={() => setOnMarket(false)} /> {t('compliance.start.newDevelopment')}
            </label>
            <label className="checkbox">
              <input type="radio" name="lifecycle" checked={onMarket === true} onChange={() => setOnMarket(true)} /> {t('compliance.start.onMarket')}
            </label>
          </span>
        </fieldset>
        <fieldset className="fieldset">
          <legend className="label">{t('compliance.start.markets')}</legend>
          <span className="compliance-yesno">
            {marketList.map((m) => (
              <label key={m} className="checkbox">
                <input
                  type="checkbox"
                  checked={markets.includes(m)}
                  disabled={markets.length === 1 && markets.includes(m)}
                  onChange={(e) => setMarkets((ms) => (e.target.checked ? marketList.filter((x) => x === m || ms.includes(x)) : ms.filter((x) => x !== m)))}
                />{' '}
                {t(`compliance.start.market.${m}`)}
              </label>
            ))}
          </span>
        </fieldset>
        <div>
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {t('compliance.start.check')}
          </BusyButton>
        </div>
      </form>
      <ErrorAlert error={error} message={problem || undefined} />
      <div role="status" aria-live="polite">
        {notice ? (
          <p className="alert-success">
            {notice} <Link to={`/products/${productId}/compliance`}>{t('compliance.start.openCompliance')}</Link>
          </p>
        ) : null}
      </div>

      {proposal ? (
        <div className="compliance-proposal" aria-labelledby="start-proposal">
          <h3 id="start-proposal">{t('compliance.start.proposalHeading')}</h3>
          <p>
            <strong>{t(proposal.art12_3Applies ? 'compliance.start.art12_3Yes' : 'compliance.start.art12_3No')}</strong>
          </p>
          <fieldset className="fieldset">
            <legend className="label">{t('compliance.start.routeHeading')}</legend>
            {(['full', 'annex_f'] as const).map((r) => (
              <label key={r} className="checkbox compliance-block">
                <input type="radio" name="route" checked={route === r} disabled={!writable} onChange={() => setRoute(r)} /> {t(`compliance.start.route.${r}`)}
                {proposal.route === r ? ` ${t('compliance.start.proposed')}` : ''}
              </label>
            ))}
            <p className="small muted">{proposal.routeReason[lang]}</p>
          </fieldset>
          <fieldset className="fieldset">
            <legend className="label">{t('compliance.start.catalogsHeading')}</legend>
            <ul className="compliance-proposal-list">
              {proposal.catalogs.map((c) => (
                <li key={c.catalog}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      aria-label={t('compliance.start.catalogOf', { title: titles.get(c.catalog) ?? c.catalog })}
                      checked={chosen.includes(c.catalog)}
                      disabled={!writable}
                      onChange={(e) => setChosen((cs) => (e.target.checked ? [...cs, c.catalog] : cs.filter((x) => x !== c.catalog)))}
                    />{' '}
                    <span>{titles.get(c.catalog) ?? c.catalog}</span>
                  </label>
                  <div className="cell-sub">{c.reason[lang]}</div>
                </li>
              ))}
            </ul>
          </fieldset>
          {writable ? (
            <BusyButton type="button" className="btn btn-primary" busy={busy} onClick={() => void save()}>
              {t('compliance.start.save')}
            </BusyButton>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

const guideParts = ['what', 'iec', 'guidance', 'relation'] as const;
const firstSteps = ['first1', 'first2', 'first3', 'first4', 'first5'] as const;

function Guide() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="start-guide" className="section compliance-guide">
      <h2 id="start-guide" className="section-heading">
        {t('compliance.start.guideHeading')}
      </h2>
      {guideParts.map((k) => (
        <div key={k}>
          <h3>{t(`compliance.start.guide.${k}Title`)}</h3>
          <p>{t(`compliance.start.guide.${k}`)}</p>
        </div>
      ))}
      <h3>{t('compliance.start.guide.firstTitle')}</h3>
      <ol>
        {firstSteps.map((k) => (
          <li key={k}>{t(`compliance.start.guide.${k}`)}</li>
        ))}
      </ol>
      <p className="small muted">{t('compliance.start.guide.note')}</p>
    </section>
  );
}
