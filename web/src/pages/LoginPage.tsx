import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.js';
import { Brand, SkipLink } from '../App.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageHeading } from '../components/PageHeading.js';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';
import { focusFirstError, TextField, type FieldErrors, msg } from '../components/fields.js';
import { useSession } from '../session.js';

/** The frame of the pages shown before the app proper: login and the forced password change. */
export function AuthFrame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-frame">
      <SkipLink />
      <header className="auth-header">
        <Brand />
        <LanguageSwitcher />
      </header>
      <main id="main" className="auth-main" tabIndex={-1}>
        <div className="auth-card">{children}</div>
        <p className="auth-footer">{t('login.footer')}</p>
      </main>
    </div>
  );
}

export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const { login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(expired ? new ApiError(401, 'auth.unauthenticated', '') : null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: FieldErrors = {};
    if (!email.trim()) next.email = msg('login.emailRequired');
    if (!password) next.password = msg('login.passwordRequired');
    setErrors(next);
    if (Object.keys(next).length) {
      focusFirstError(next, ['email', 'password']);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/login' ? from : '/products', { replace: true });
    } catch (err) {
      setBusy(false);
      setError(err);
      setPassword('');
      document.getElementById('f-password')?.focus();
    }
  };

  return (
    <AuthFrame>
      <PageHeading title={t('login.title')} subtitle={t('login.intro')} />
      <ErrorAlert error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form-stack">
        <TextField
          name="email"
          type="email"
          label={t('login.email')}
          value={email}
          onChange={setEmail}
          autoComplete="username"
          inputMode="email"
          error={errors.email}
          required
        />
        <TextField
          name="password"
          type="password"
          label={t('login.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={errors.password}
          required
        />
        <BusyButton type="submit" className="btn btn-primary btn-block" busy={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </BusyButton>
      </form>
    </AuthFrame>
  );
}
