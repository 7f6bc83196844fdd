import { useTranslation } from 'react-i18next';
import type { FeedsStatusT } from '../../api/vulns.js';

/** "No feeds imported yet": a missing vulnerability database is a state to explain, not an error. */
export function FeedsNotice({ feeds }: { feeds: FeedsStatusT }) {
  const { t } = useTranslation();
  if (feeds.available) return null;
  return (
    <div className="alert alert-info" role="status" data-testid="no-feeds">
      <div>
        <p className="strong">{t('vulns.noFeeds.title')}</p>
        <p>{t('vulns.noFeeds.body')}</p>
        <p className="small">
          <code className="mono">mamori feeds import PATH --db {feeds.path}</code>
        </p>
        {feeds.problem ? <p className="small">{feeds.problem}</p> : null}
      </div>
    </div>
  );
}
