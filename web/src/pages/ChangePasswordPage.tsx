import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageHeading } from '../components/PageHeading.js';
import { focusFirstError, issuesToErrors, TextField, type FieldErrors, msg } from '../components/fields.js';
import { currentLocale } from '../i18n/index.js';
import { useAuthed, useNotify, useSession } from '../session.js';
import { AuthFrame } from './LoginPage.js';

const policy = { min: 12, max: 256 };
const order = ['currentPassword', 'newPassword', 'confirm'] as const;

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const session = useAuthed();
  const { updateUser } = useSession();
  const notify = useNotify();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    const { currentPassword, newPassword, confirm } = values;
    if (!currentPassword) e.currentPassword = msg('password.currentRequired');
    if (newPassword.length < policy.min) e.newPassword = msg('password.tooShort', { min: policy.min });
    else if (newPassword.length > policy.max) e.newPassword = msg('password.tooLong', { max: policy.max });
    else if (newPassword.toLowerCase() === session.user.email.toLowerCase())
      e.newPassword = msg('password.sameAsEmail');
    else if (new Set(newPassword).size < 5) e.newPassword = msg('password.tooSimple');
    else if (newPassword === currentPassword) e.newPassword = msg('password.sameAsCurrent');
    if (!e.newPassword && confirm !== newPassword) e.confirm = msg('password.mismatch');
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    setError(null);
    if (Object.keys(e).length) {
      focusFirstError(e, order);
      return;
    }
    setBusy(true);
    try {
      await api.changePassword(values.currentPassword, values.newPassword);
      let user = { ...session.user, mustChangePassword: false };
      // A language chosen while the one-time password was pending is saved now.
      const locale = currentLocale();
      if (user.locale !== locale) {
        try {
          user = await api.updateMe({ locale });
        } catch {
          // Not worth blocking on: the language stays chosen for this browser.
        }
      }
      updateUser(user);
      setValues({ currentPassword: '', newPassword: '', confirm: '' });
      setBusy(false);
      notify(t('password.changed'));
      onDone?.();
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.issues.length) {
        const mapped = issuesToErrors(err.issues, order);
        if (err.code === 'auth.invalid_credentials' && mapped.currentPassword)
          mapped.currentPassword = msg('errors.auth.invalid_credentials');
        setErrors(mapped);
        focusFirstError(mapped, order);
      }
      setError(err);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form-stack">
      <ErrorAlert error={error} />
      <TextField
        name="currentPassword"
        type="password"
        label={t('password.current')}
        value={values.currentPassword}
        onChange={set('currentPassword')}
        autoComplete="current-password"
        error={errors.currentPassword}
        required
        width="medium"
      />
      <TextField
        name="newPassword"
        type="password"
        label={t('password.new')}
        hint={t('password.hint', { min: policy.min })}
        value={values.newPassword}
        onChange={set('newPassword')}
        autoComplete="new-password"
        error={errors.newPassword}
        required
        width="medium"
      />
      <TextField
        name="confirm"
        type="password"
        label={t('password.confirm')}
        value={values.confirm}
        onChange={set('confirm')}
        autoComplete="new-password"
        error={errors.confirm}
        required
        width="medium"
      />
      <div className="form-actions">
        <BusyButton type="submit" className="btn btn-primary" busy={busy}>
          {busy ? t('common.saving') : t('password.submit')}
        </BusyButton>
      </div>
    </form>
  );
}

/** Shown instead of the app while the user still has a one-time password. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const session = useAuthed();
  return (
    <AuthFrame>
      <PageHeading title={t('forcedPassword.title')} subtitle={t('forcedPassword.intro')} />
      <p className="muted small">
        {t('userMenu.signedInAs')}: <strong>{session.user.email}</strong>
      </p>
      <ChangePasswordForm />
      <div className="auth-secondary">
        <button type="button" className="btn-link" onClick={() => void logout()}>
          {t('userMenu.logout')}
        </button>
      </div>
    </AuthFrame>
  );
}
