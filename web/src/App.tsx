import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Loading } from './components/ErrorAlert.js';
import { LanguageSwitcher } from './components/LanguageSwitcher.js';
import { PageErrorBoundary } from './components/PageErrorBoundary.js';
import { ChangePasswordPage } from './pages/ChangePasswordPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { ProductsPage } from './pages/ProductsPage.js';
import { can } from '../../src/core/domain/role.js';
import { useAuthed, useSession } from './session.js';
import { useTopbarHeight } from './useTopbarHeight.js';

/**
 * Pages other than the first ones a user sees are loaded when first opened: each is its own chunk
 * of the build, so the first load carries React and the product list, not every screen.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const AccountPage = lazyPage(() => import('./pages/AccountPage.js'), 'AccountPage');
const AuditPage = lazyPage(() => import('./pages/AuditPage.js'), 'AuditPage');
const ProductFormPage = lazyPage(() => import('./pages/ProductFormPage.js'), 'ProductFormPage');
const ProductPage = lazyPage(() => import('./pages/ProductPage.js'), 'ProductPage');
const ReleaseFormPage = lazyPage(() => import('./pages/ReleaseFormPage.js'), 'ReleaseFormPage');
const ReleasePage = lazyPage(() => import('./pages/ReleasePage.js'), 'ReleasePage');
const ThreatsPage = lazyPage(() => import('./pages/threats/ThreatsPage.js'), 'ThreatsPage');
const CompliancePage = lazyPage(() => import('./pages/compliance/CompliancePage.js'), 'CompliancePage');
const GettingStartedPage = lazyPage(
  () => import('./pages/compliance/GettingStartedPage.js'),
  'GettingStartedPage',
);
const AnnexFPage = lazyPage(() => import('./pages/compliance/AnnexFPage.js'), 'AnnexFPage');
const TriagePage = lazyPage(() => import('./pages/triage/TriagePage.js'), 'TriagePage');
const UsersPage = lazyPage(() => import('./pages/UsersPage.js'), 'UsersPage');
const OrgRecordsPage = lazyPage(() => import('./pages/organization/OrgRecordsPage.js'), 'OrgRecordsPage');
const PortfolioPage = lazyPage(() => import('./pages/vulns/PortfolioPage.js'), 'PortfolioPage');
const VulnerabilitiesPage = lazyPage(
  () => import('./pages/vulns/VulnerabilitiesPage.js'),
  'VulnerabilitiesPage',
);
const VulnerabilityPage = lazyPage(() => import('./pages/vulns/VulnerabilityPage.js'), 'VulnerabilityPage');

export function App() {
  const { state } = useSession();
  const location = useLocation();

  if (state.status === 'loading')
    return (
      <div className="boot">
        <Loading />
      </div>
    );

  if (state.status === 'anonymous')
    return (
      <Routes>
        <Route path="/login" element={<LoginPage expired={state.expired} />} />
        <Route
          path="*"
          element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />}
        />
      </Routes>
    );

  if (state.session.user.mustChangePassword) return <ChangePasswordPage />;

  return (
    <Shell>
      <PageErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Navigate to="/products" replace />} />
            <Route path="/login" element={<Navigate to="/products" replace />} />
            <Route path="/products" element={<ProductsPage />} />
            <Route path="/products/new" element={<ProductFormPage />} />
            <Route path="/products/:id" element={<ProductPage />} />
            <Route path="/products/:id/edit" element={<ProductFormPage />} />
            <Route path="/products/:id/releases/new" element={<ReleaseFormPage />} />
            <Route path="/products/:id/releases/:releaseId" element={<ReleasePage />} />
            <Route path="/products/:id/releases/:releaseId/triage" element={<TriagePage />} />
            <Route path="/products/:id/threats" element={<ThreatsPage />} />
            <Route path="/products/:id/compliance" element={<CompliancePage />} />
            <Route path="/products/:id/compliance/start" element={<GettingStartedPage />} />
            <Route path="/products/:id/compliance/annex-f" element={<AnnexFPage />} />
            <Route path="/releases/:releaseId/edit" element={<ReleaseFormPage />} />
            <Route path="/vulnerabilities" element={<VulnerabilitiesPage />} />
            <Route path="/vulnerabilities/:vulnId" element={<VulnerabilityPage />} />
            <Route path="/portfolio" element={<PortfolioPage />} />
            <Route path="/account" element={<AccountPage />} />
            {/* Every role reads the users (user.read); the page shows its write controls to admins only. */}
            <Route path="/users" element={<UsersPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/organization/records" element={<OrgRecordsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </PageErrorBoundary>
    </Shell>
  );
}

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}

export function Brand() {
  const { t } = useTranslation();
  return (
    <span className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="currentColor" />
        <path
          d="M16 6.5l7.5 2.8v5.9c0 4.8-3.2 8.7-7.5 10.4-4.3-1.7-7.5-5.6-7.5-10.4V9.3z"
          fill="none"
          stroke="#fff"
          strokeWidth="2.2"
          strokeLinejoin="round"
        />
        <path
          d="M12.5 16l2.5 2.5 4.5-5"
          fill="none"
          stroke="#fff"
          strokeWidth="2.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="brand-name">{t('app.name')}</span>
    </span>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const session = useAuthed();
  const readsUsers = can(session.user.role, 'user.read');
  const topbar = useRef<HTMLElement>(null);
  useTopbarHeight(topbar);
  return (
    <div className="app">
      <SkipLink />
      <header className="topbar" ref={topbar}>
        <div className="topbar-inner">
          <Link to="/products" className="brand-link">
            <Brand />
          </Link>
          <span className="org-name" title={t('userMenu.organization')}>
            {session.organization.name}
          </span>
          <nav className="mainnav" aria-label={t('nav.label')}>
            <NavLink to="/products">{t('nav.products')}</NavLink>
            <NavLink to="/vulnerabilities">{t('vulns.nav')}</NavLink>
            {readsUsers ? <NavLink to="/users">{t('nav.users')}</NavLink> : null}
            <NavLink to="/organization/records">{t('orgrecords.nav')}</NavLink>
            <NavLink to="/audit">{t('nav.audit')}</NavLink>
            <a href="/api/docs" target="_blank" rel="noopener">
              {t('nav.apiDocs')}
              <svg className="ext-icon" viewBox="0 0 12 12" aria-hidden="true">
                <path
                  d="M5 2H2v8h8V7M7 2h3v3M10 2L5.5 6.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.3"
                />
              </svg>
              <span className="sr-only">{t('nav.opensInNewTab')}</span>
            </a>
          </nav>
          <div className="topbar-right">
            <LanguageSwitcher />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const session = useAuthed();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const name = session.user.displayName || session.user.email;

  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    // Navigated: close the menu.
    setLastPath(location.pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="usermenu" ref={root}>
      <button
        ref={button}
        type="button"
        className="usermenu-button"
        aria-expanded={open}
        aria-controls="usermenu-panel"
        aria-label={t('userMenu.label', { name })}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="usermenu-name">{name}</span>
        <svg viewBox="0 0 12 12" className="chevron" aria-hidden="true">
          <path d="M3 4.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      <div id="usermenu-panel" className="usermenu-panel" hidden={!open}>
        <div className="usermenu-who">
          <div className="muted small">{t('userMenu.signedInAs')}</div>
          <div className="strong">{session.user.email}</div>
          <div className="muted small">
            {t(`role.${session.user.role}`)} · {session.organization.name}
          </div>
        </div>
        <Link to="/account" className="usermenu-item">
          {t('userMenu.account')}
        </Link>
        <button
          type="button"
          className="usermenu-item"
          onClick={() => {
            void logout().then(() => navigate('/login', { replace: true }));
          }}
        >
          {t('userMenu.logout')}
        </button>
      </div>
    </div>
  );
}
