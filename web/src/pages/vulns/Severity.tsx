import { useTranslation } from 'react-i18next';
import type { SeverityT } from '../../api/vulns.js';
import './vulns.css';

export const severityColors: Record<SeverityT, string> = {
  critical: '#b42318',
  high: '#e0701b',
  medium: '#d9a800',
  low: '#2f6fd1',
  none: '#98a2b3',
  unknown: '#c4cbd4',
};

export function SeverityBadge({ severity, score }: { severity: SeverityT; score?: number | null }) {
  const { t } = useTranslation();
  return (
    <span className={`vx-sev vx-sev-${severity}`}>
      {t(`vulns.severity.${severity}`)}
      {score !== undefined && score !== null ? <span className="tabular">{score.toFixed(1)}</span> : null}
    </span>
  );
}

export function KevBadge({ due }: { due?: string | null }) {
  const { t } = useTranslation();
  return (
    <span className="vx-kev" title={due ? t('vulns.kevDue', { date: due }) : t('vulns.kevTitle')}>
      KEV
      <span className="sr-only"> {t('vulns.kevTitle')}</span>
    </span>
  );
}
