import { useTranslation } from 'react-i18next';
import type { FeedsStatusT } from '../../api/vulns.js';

/**
 * "No feeds imported yet": a missing vulnerability database is a state to explain, not an error. A
 * file that is there but cannot be used (not a vulnerability database, another schema) is a
 * configuration problem: said as one, with the server's reason (which says what to do for its case:
 * another file, an upgrade of the database or of mamori), and no import command into that file.
 */
export function FeedsNotice({ feeds }: { feeds: FeedsStatusT }) {
  const { t } = useTranslation();
  if (feeds.available) return null;
  if (feeds.problem)
    return (
      <div className="alert alert-warning" role="status" data-testid="feeds-problem">
        <div>
          <p className="strong">{t('vulns.feedsProblem.title')}</p>
          <p>{t('vulns.feedsProblem.body', { path: feeds.path })}</p>
          <p className="small">{feeds.problem}</p>
        </div>
      </div>
    );
  return (
    <div className="alert alert-info" role="status" data-testid="no-feeds">
      <div>
        <p className="strong">{t('vulns.noFeeds.title')}</p>
        <p>{t(feeds.autoAnalysis ? 'vulns.noFeeds.bodyAuto' : 'vulns.noFeeds.body')}</p>
        <p className="small">
          <code className="mono">mamori feeds import PATH --vuln-db {feeds.path}</code>
        </p>
      </div>
    </div>
  );
}
