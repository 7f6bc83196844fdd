import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading.js';
import { useAuthed } from '../session.js';

/**
 * A page that exists but that the user's role may not use (a viewer opening /products/new, an
 * editor opening /users): says so and which role it needs, rather than claiming the page is not
 * there. The server refuses the writes anyway (403); this page only keeps the user from a form
 * they could not save.
 */
export function ForbiddenPage({ need }: { need: 'editor' | 'admin' }) {
  const { t } = useTranslation();
  const session = useAuthed();
  return (
    <div className="page page-narrow" data-testid="forbidden">
      <PageHeading title={t('forbidden.title')} subtitle={t(need === 'admin' ? 'forbidden.needAdmin' : 'forbidden.needEditor')} />
      <p>{t('forbidden.yourRole', { role: t(`role.${session.user.role}`) })}</p>
      <p className="muted">{t('forbidden.ask')}</p>
      <Link to="/products" className="btn">
        {t('forbidden.home')}
      </Link>
    </div>
  );
}
