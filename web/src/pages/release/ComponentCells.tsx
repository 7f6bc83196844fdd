import { useTranslation } from 'react-i18next';
import type { ComponentT } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { supportUrgency } from './util.js';

export function OriginBadge({ origin }: { origin: ComponentT['origin'] }) {
  const { t } = useTranslation();
  return <Badge tone={origin === 'manual' ? 'amber' : 'blue'}>{t(`component.origin.${origin}`)}</Badge>;
}

/** Marks the SBOM's primary component (what the document describes), with what that means. */
export function PrimaryBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-green badge-tiny" title={t('component.primaryHint')}>
      {t('component.primary')}
    </span>
  );
}

/** The end-of-support date, marked when it has passed or comes within 12 months. */
export function EndOfSupport({ date }: { date: string }) {
  const { t } = useTranslation();
  const urgency = supportUrgency(date);
  return (
    <span className={`eos${urgency ? ` eos-${urgency}` : ''}`}>
      <span className="tabular">{date}</span>
      {urgency ? (
        <span className={`badge ${urgency === 'past' ? 'badge-red' : 'badge-amber'} badge-tiny`}>
          {t(`component.eos.${urgency}`)}
        </span>
      ) : null}
    </span>
  );
}
