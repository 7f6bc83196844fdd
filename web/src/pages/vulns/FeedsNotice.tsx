import { useTranslation } from 'react-i18next';
import type { FeedsStatusT } from '../../api/vulns.js';
import { formatDate, formatDateTime } from '../../format.js';

/**
 * Feeds whose newest data is older than the server's threshold, or whose last sync failed: the
 * findings miss what was published since. The date of the data, not of the import, decides (an OSV
 * file carried in months late is imported today and still old). One line says how many and which is
 * the oldest; the list of feeds (one per OSV ecosystem with an offline mirror, 15 and more) and what
 * to do are behind a disclosure, so the notice does not push the page's content below the fold (QA
 * secops #11).
 */
function OutdatedFeeds({ feeds }: { feeds: FeedsStatusT }) {
  const { t } = useTranslation();
  const dated = feeds.outdated.filter((f) => f.newest !== null && f.ageDays !== null);
  const oldest = dated.length === 0 ? null : dated.reduce((a, b) => (b.ageDays! > a.ageDays! ? b : a));
  return (
    <div className="alert alert-warning" role="status" data-testid="feeds-outdated">
      <div className="feeds-outdated">
        <p>
          <span className="strong" data-testid="feeds-outdated-summary">
            {t('vulns.feedsOutdated.summary', { count: feeds.outdated.length })}
          </span>
          {oldest ? (
            <span data-testid="feeds-outdated-oldest">
              {' · '}
              {t('vulns.feedsOutdated.oldest', {
                feed: oldest.feed,
                date: formatDate(oldest.newest),
                count: oldest.ageDays ?? 0,
              })}
            </span>
          ) : null}
        </p>
        <details className="small">
          <summary>{t('vulns.feedsOutdated.showFeeds')}</summary>
          <p>
            {t(feeds.path === null ? 'vulns.feedsOutdated.bodyAskAdmin' : 'vulns.feedsOutdated.body', {
              days: feeds.staleDays,
            })}
          </p>
          <ul>
            {feeds.outdated.map((f) => (
              <li key={f.feed}>
                <code className="mono">{f.feed}</code>{' '}
                {f.records === 0 && f.lastImportedAt === null
                  ? t('vulns.feedsOutdated.neverImported')
                  : f.newest === null
                    ? t('vulns.feedsOutdated.undated')
                    : f.stale
                      ? t('vulns.feedsOutdated.stale', { date: formatDate(f.newest), count: f.ageDays ?? 0 })
                      : t('vulns.feedsOutdated.newest', { date: formatDate(f.newest) })}
                {f.implausibleDates
                  ? ` ${t('vulns.feedsOutdated.implausible', { count: f.implausibleDates })}`
                  : null}
                {f.lastFailure
                  ? ` ${t('vulns.feedsOutdated.failed', { at: formatDateTime(f.lastFailure.at), error: f.lastFailure.error })}`
                  : null}
              </li>
            ))}
          </ul>
          {feeds.path === null ? null : (
            <p>
              <code className="mono">mamori feeds status --vuln-db {feeds.path}</code>
            </p>
          )}
        </details>
      </div>
    </div>
  );
}

/**
 * This node's vulnerability database is behind the one the findings were computed with (another
 * node's file, older or smaller; ADR 0015 addendum): the node analyses nothing, and says why.
 */
function DatabaseBehind({
  feeds,
  behind,
}: {
  feeds: FeedsStatusT;
  behind: NonNullable<FeedsStatusT['databaseBehind']>;
}) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning" role="status" data-testid="feeds-database-behind">
      <div>
        <p className="strong">{t('vulns.databaseBehind.title')}</p>
        <p>{t('vulns.databaseBehind.body', { node: behind.basisNode, path: feeds.path })}</p>
        <ul className="small">
          {behind.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Another server process does the automatic analysis: this one waits for its lease (ADR 0015). */
function AnalysisLease({ lease }: { lease: { holder: string; until: string } }) {
  const { t } = useTranslation();
  return (
    <p className="muted small" data-testid="analysis-lease">
      {t('vulns.analysisLease', { holder: lease.holder, until: formatDateTime(lease.until) })}
    </p>
  );
}

/** What keeps the automatic analysis of this node from running, then the outdated feeds. */
function AvailableNotices({ feeds }: { feeds: FeedsStatusT }) {
  const lease = feeds.autoAnalysis?.waitingForLease ?? null;
  if (!feeds.databaseBehind && !lease && feeds.outdated.length === 0) return null;
  return (
    <>
      {feeds.databaseBehind ? <DatabaseBehind feeds={feeds} behind={feeds.databaseBehind} /> : null}
      {lease && !feeds.databaseBehind ? <AnalysisLease lease={lease} /> : null}
      {feeds.outdated.length > 0 ? <OutdatedFeeds feeds={feeds} /> : null}
    </>
  );
}

/**
 * "No feeds imported yet": a missing vulnerability database is a state to explain, not an error. A
 * file that is there but cannot be used (not a vulnerability database, another schema) is a
 * configuration problem: said as one, with the server's reason (which says what to do for its case:
 * another file, an upgrade of the database or of mamori), and no import command into that file.
 * The server sends the database's path to admins only: other roles (an external auditor) get the
 * state without the path and without operator commands, and are told an administrator does this.
 */
export function FeedsNotice({ feeds }: { feeds: FeedsStatusT }) {
  const { t } = useTranslation();
  if (feeds.available) return <AvailableNotices feeds={feeds} />;
  if (feeds.problem)
    return (
      <div className="alert alert-warning" role="status" data-testid="feeds-problem">
        <div>
          <p className="strong">{t('vulns.feedsProblem.title')}</p>
          <p>
            {feeds.path === null
              ? t('vulns.feedsProblem.bodyAskAdmin')
              : t('vulns.feedsProblem.body', { path: feeds.path })}
          </p>
          <p className="small">{feeds.problem}</p>
        </div>
      </div>
    );
  return (
    <div className="alert alert-info" role="status" data-testid="no-feeds">
      <div>
        <p className="strong">{t('vulns.noFeeds.title')}</p>
        <p>
          {feeds.path === null
            ? t('vulns.noFeeds.bodyAskAdmin')
            : t(feeds.autoAnalysis ? 'vulns.noFeeds.bodyAuto' : 'vulns.noFeeds.body')}
        </p>
        {feeds.path === null ? null : (
          <p className="small">
            <code className="mono">mamori feeds import PATH --vuln-db {feeds.path}</code>
          </p>
        )}
      </div>
    </div>
  );
}
