import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page page-narrow">
      <PageHeading title={t('notFound.title')} subtitle={t('notFound.body')} />
      <Link to="/products" className="btn">
        {t('notFound.home')}
      </Link>
    </div>
  );
}
