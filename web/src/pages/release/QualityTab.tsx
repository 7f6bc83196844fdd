import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import type { QualityCheckT, QualityReportT, ReleaseT } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { formatNumber } from '../../format.js';
import { useResource } from '../../useResource.js';

const shownFailures = 20;
const defaultProfile = 'jp-mhlw';
type Lang = 'ja' | 'en';

/** The release inventory checked against a quality profile: verdict, score, fixes, every check. */
export function QualityTab({ release, version }: { release: ReleaseT; version: number }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'ja' ? 'ja' : 'en';
  // The profile is part of the address (`?tab=quality&profile=fda`), so a reload or a shared link
  // shows the same report; an unknown id falls back to the default once the profiles are known.
  const [params, setParams] = useSearchParams();
  const profiles = useResource('quality-profiles', () => api.listQualityProfiles());
  const asked = params.get('profile');
  const profile =
    asked !== null && (!profiles.data || profiles.data.items.some((p) => p.id === asked)) ? asked : defaultProfile;
  const setProfile = (id: string) => {
    const next = new URLSearchParams(params);
    if (id === defaultProfile) next.delete('profile');
    else next.set('profile', id);
    setParams(next, { replace: true });
  };
  // Another profile is another report: loading, not the old profile's report, until it arrives.
  // A new SBOM (`version`) reloads the same report, which stays shown (dimmed) meanwhile.
  const report = useResource(`quality:${release.id}:${profile}`, () => api.getQuality(release.id, profile), {
    revision: version,
  });
  const none = report.error instanceof ApiError && report.error.code === 'sbom.none';

  return (
    <div className="quality">
      <div className="toolbar">
        <div className="toolbar-filter">
          <label htmlFor="quality-profile" className="toolbar-label">
            {t('quality.profile')}
          </label>
          <select
            id="quality-profile"
            className="input select select-compact"
            value={profile}
            onChange={(e) => setProfile(e.target.value)}
          >
            {(profiles.data?.items ?? [{ id: 'jp-mhlw', title: { en: 'JP MHLW', ja: '厚生労働省' } }]).map(
              (p) => (
                <option key={p.id} value={p.id}>
                  {p.title[lang]}
                </option>
              ),
            )}
          </select>
        </div>
        {profiles.data ? (
          <span className="toolbar-count">
            {(() => {
              const p = profiles.data.items.find((x) => x.id === profile);
              return p
                ? t('quality.profileMeta', {
                    source: p.source[lang],
                    date: p.versionDate,
                    required: p.requiredChecks,
                    recommended: p.recommendedChecks,
                  })
                : null;
            })()}
          </span>
        ) : null}
      </div>
      {none ? (
        <EmptyState title={t('quality.noneTitle')} body={t('quality.noneBody')} />
      ) : (
        <ErrorAlert error={report.error} onRetry={report.error ? report.reload : undefined} />
      )}
      {!report.data && report.loading ? <Loading /> : null}
      {report.data && !none ? <Report report={report.data} lang={lang} busy={report.loading} /> : null}
    </div>
  );
}

function Report({ report, lang, busy }: { report: QualityReportT; lang: Lang; busy: boolean }) {
  const { t } = useTranslation();
  const pass = report.verdict === 'pass';
  const score = (n: number | null) => (n === null ? '—' : n.toFixed(1));
  return (
    <div className={busy ? 'is-loading' : undefined} aria-busy={busy}>
      <section className={`card verdict verdict-${report.verdict}`} aria-labelledby="verdict-title">
        <div className="verdict-main">
          <h2 id="verdict-title" className="verdict-title">
            <Badge tone={pass ? 'green' : 'red'}>{pass ? t('quality.pass') : t('quality.fail')}</Badge>
            <span>{report.profile.title[lang]}</span>
          </h2>
          <p className="verdict-text">
            {pass ? t('quality.passText') : t('quality.failText', { count: report.counts.requiredFailed })}
          </p>
        </div>
        <dl className="stats">
          <div className="stat stat-big">
            <dt>{t('quality.score')}</dt>
            <dd data-testid="quality-score">{score(report.score.overall)}</dd>
          </div>
          <div className="stat">
            <dt>{t('quality.scoreDocument')}</dt>
            <dd>{score(report.score.document)}</dd>
          </div>
          <div className="stat">
            <dt>{t('quality.scoreComponents')}</dt>
            <dd>{score(report.score.components)}</dd>
          </div>
          <div className="stat">
            <dt>{t('quality.components')}</dt>
            <dd>
              {formatNumber(report.counts.componentsFailing)} / {formatNumber(report.counts.components)}
            </dd>
          </div>
          <div className="stat">
            <dt>{t('quality.requiredFailed')}</dt>
            <dd>{formatNumber(report.counts.requiredFailed)}</dd>
          </div>
          <div className="stat">
            <dt>{t('quality.recommendedFailed')}</dt>
            <dd>{formatNumber(report.counts.recommendedFailed)}</dd>
          </div>
        </dl>
      </section>

      <section className="section" aria-labelledby="fixes-title">
        <div className="section-heading">
          <h2 id="fixes-title">
            {t('quality.fixesTitle')}
            <span className="count-pill">{formatNumber(report.fixes.length)}</span>
          </h2>
        </div>
        {report.fixes.length === 0 ? (
          <p className="empty-inline">{t('quality.noFixes')}</p>
        ) : (
          <ol className="fix-list">
            {report.fixes.map((f) => (
              <li key={f.checkId} className="fix">
                <div className="fix-head">
                  <span className="strong">{f.title[lang]}</span>
                  <Badge tone={f.severity === 'required' ? 'red' : 'amber'}>
                    {t(`quality.severity.${f.severity}`)}
                  </Badge>
                  {f.componentsRepaired !== null ? (
                    <span className="muted small">
                      {t('quality.repairs', { count: f.componentsRepaired })}
                    </span>
                  ) : null}
                  {f.severity === 'required' ? (
                    <span className="fix-needed small">{t('quality.neededToMeet')}</span>
                  ) : null}
                  {/* A failing check always gains something, but one component of thousands rounds to 0.0
                      points: "+0.0" would read as "no use", so that gain is shown as "< 0.1". */}
                  <span className="fix-gain tabular">
                    {f.scoreGain === 0
                      ? t('quality.gainSmall')
                      : t('quality.gain', { points: f.scoreGain.toFixed(1) })}
                  </span>
                </div>
                <p className="fix-text">{f.fix[lang]}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="section" aria-labelledby="checks-title">
        <div className="section-heading">
          <h2 id="checks-title">
            {t('quality.checksTitle')}
            <span className="count-pill">{formatNumber(report.checks.length)}</span>
          </h2>
        </div>
        <ul className="check-list">
          {report.checks.map((c) => (
            <CheckItem key={c.id} check={c} lang={lang} />
          ))}
        </ul>
      </section>
    </div>
  );
}

const statusTone = { pass: 'green', fail: 'red', 'not-applicable': 'gray' } as const;

function CheckItem({ check: c, lang }: { check: QualityCheckT; lang: Lang }) {
  const { t } = useTranslation();
  const failures = c.failingComponents.slice(0, shownFailures);
  const detail = (d: string | null) =>
    d === 'context.missing' ? <span className="context-missing">{t('quality.contextMissing')}</span> : d;
  return (
    <li className={`check check-${c.status}`}>
      <div className="check-head">
        <Badge tone={statusTone[c.status]}>{t(`quality.status.${c.status}`)}</Badge>
        <h3 className="check-title">{c.title[lang]}</h3>
        <span className="muted small">
          {t(`quality.severity.${c.severity}`)} · {t(`quality.level.${c.level}`)}
        </span>
        {c.level === 'component' && c.status !== 'not-applicable' ? (
          <span className="check-ratio tabular small">
            {t('quality.passedOf', { passed: c.passed, evaluated: c.evaluated })}
          </span>
        ) : null}
      </div>
      <p className="check-source small">
        <span className="muted">{t('quality.source')}</span> {c.source.document[lang]} — {c.source.section}
      </p>
      <p className="check-explanation">{c.explanation[lang]}</p>
      {c.status === 'fail' ? (
        <div className="check-fix">
          <span className="strong small">{t('quality.fix')}</span> {c.fix[lang]}
        </div>
      ) : null}
      {c.status === 'fail' && c.detail ? (
        <p className="check-detail small">
          {c.detail === 'context.missing' ? null : <span className="muted">{t('quality.detail')} </span>}
          {c.detail === 'context.missing' ? detail(c.detail) : <code>{c.detail}</code>}
        </p>
      ) : null}
      {c.failed > 0 ? (
        <details className="check-failures">
          <summary>{t('quality.failingComponents', { count: c.failed })}</summary>
          <ul className="failure-list">
            {failures.map((f, i) => (
              <li key={`${f.bomRef}:${i}`}>
                <span className="strong">{f.group ? `${f.group}/${f.name}` : f.name}</span>
                {f.version ? <span className="mono muted"> {f.version}</span> : null}
                {f.detail ? (
                  <span className="small">
                    {' '}
                    — {f.detail === 'context.missing' ? detail(f.detail) : <code>{f.detail}</code>}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          {c.failed > failures.length ? (
            <p className="hint">{t('quality.moreFailures', { count: c.failed - failures.length })}</p>
          ) : null}
        </details>
      ) : null}
    </li>
  );
}
