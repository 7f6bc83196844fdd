import { useTranslation } from 'react-i18next';
import type { ReleaseT } from '../api/types.js';

export function Badge({
  tone,
  children,
}: {
  tone: 'neutral' | 'blue' | 'green' | 'amber' | 'red' | 'gray';
  children: React.ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

const stageTone = {
  development: 'blue',
  support: 'green',
  limited_support: 'amber',
  end_of_support: 'gray',
} as const;

export function StageBadge({ stage }: { stage: ReleaseT['stage'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${stageTone[stage]} badge-dot`}>
      <span className="dot" aria-hidden="true" />
      {t(`tplcStage.${stage}`)}
    </span>
  );
}
