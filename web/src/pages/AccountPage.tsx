import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.js';
import type { Locale, TokenCreatedT } from '../api/types.js';
import { BusyButton } from '../components/BusyButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { OneTimeSecret } from '../components/OneTimeSecret.js';
import { PageHeading } from '../components/PageHeading.js';
import { TokenTable } from '../components/TokenTable.js';
import {
  focusFirstError,
  issuesToErrors,
  SelectField,
  TextField,
  type FieldErrors,
  msg,
} from '../components/fields.js';
import { today } from '../format.js';
import { applyLocale, browserLocale, storeLocale } from '../i18n/index.js';
import { useAuthed, useNotify, useSession } from '../session.js';
import { useResource } from '../useResource.js';
import { ChangePasswordForm } from './ChangePasswordPage.js';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <div className="page page-form">
      <PageHeading title={t('account.title')} />
      <ProfileCard />
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title" className="card-title">
          {t('account.passwordSection')}
        </h2>
        <ChangePasswordForm />
      </section>
      <TokensCard />
    </div>
  );
}

function ProfileCard() {
  const { t } = useTranslation();
  const session = useAuthed();
  const { updateUser } = useSession();
  const notify = useNotify();
  const [displayName, setDisplayName] = useState(session.user.displayName);
  const [locale, setLocale] = useState<Locale | ''>(session.user.locale ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const user = await api.updateMe({ displayName: displayName.trim(), locale: locale || null });
      const effective = user.locale ?? browserLocale();
      if (user.locale) storeLocale(user.locale);
      await applyLocale(effective);
      updateUser(user);
      setDisplayName(user.displayName);
      notify(t('account.profileSaved'));
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        const mapped = issuesToErrors(err.issues, ['displayName', 'locale']);
        setErrors(mapped);
        focusFirstError(mapped, ['displayName', 'locale']);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title" className="card-title">
        {t('account.profile')}
      </h2>
      <dl className="deflist deflist-compact">
        <div>
          <dt>{t('account.email')}</dt>
          <dd>{session.user.email}</dd>
        </div>
        <div>
          <dt>{t('account.role')}</dt>
          <dd>
            {t(`role.${session.user.role}`)}{' '}
            <span className="muted small">— {t(`roleHint.${session.user.role}`)}</span>
          </dd>
        </div>
      </dl>
      <ErrorAlert error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form-stack">
        <TextField
          name="displayName"
          label={t('account.displayName')}
          hint={t('account.displayNameHint')}
          value={displayName}
          onChange={setDisplayName}
          error={errors.displayName}
          maxLength={200}
          width="medium"
        />
        <SelectField<Locale | ''>
          name="locale"
          label={t('account.language')}
          hint={t('account.languageHint')}
          value={locale}
          onChange={setLocale}
          error={errors.locale}
          options={[
            { value: 'ja', label: t('language.ja') },
            { value: 'en', label: t('language.en') },
            { value: '', label: t('account.languageBrowser') },
          ]}
        />
        <div className="form-actions">
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}

function TokensCard() {
  const { t } = useTranslation();
  const tokens = useResource('tokens', () => api.listTokens());
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<TokenCreatedT | null>(null);
  const order = ['tokenName', 'tokenExpires'];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: FieldErrors = {};
    if (!name.trim()) next.tokenName = msg('account.tokenNameRequired');
    if (expires && expires < today()) next.tokenExpires = msg('account.tokenExpiryPast');
    setErrors(next);
    setError(null);
    if (Object.keys(next).length) {
      focusFirstError(next, order);
      return;
    }
    setBusy(true);
    try {
      // The token stops working at the end of the chosen day, local time.
      const expiresAt = expires ? new Date(`${expires}T23:59:59.999`).toISOString() : null;
      const result = await api.createToken({ name: name.trim(), expiresAt });
      setCreated(result);
      setName('');
      setExpires('');
      tokens.reload();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) {
        const raw = issuesToErrors(err.issues, ['name', 'expiresAt']);
        const mapped: FieldErrors = {};
        if (raw.name) mapped.tokenName = raw.name;
        if (raw.expiresAt) mapped.tokenExpires = raw.expiresAt;
        setErrors(mapped);
        focusFirstError(mapped, order);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="card-title">
        {t('account.tokens')}
      </h2>
      <p className="muted">{t('account.tokensIntro')}</p>
      {created ? (
        <OneTimeSecret
          title={t('account.tokenCreatedTitle', { name: created.token.name })}
          warning={t('account.tokenSecretWarning')}
          label={t('account.tokenSecretLabel')}
          secret={created.secret}
          onDismiss={() => setCreated(null)}
        />
      ) : null}
      <ErrorAlert error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate className="inline-form">
        <TextField
          name="tokenName"
          label={t('account.tokenName')}
          hint={t('account.tokenNameHint')}
          value={name}
          onChange={setName}
          error={errors.tokenName}
          required
          maxLength={100}
          width="medium"
        />
        <TextField
          name="tokenExpires"
          type="date"
          label={t('account.tokenExpires')}
          hint={t('account.tokenExpiresHint')}
          value={expires}
          onChange={setExpires}
          error={errors.tokenExpires}
          width="short"
        />
        <div className="inline-form-submit">
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {t('account.createToken')}
          </BusyButton>
        </div>
      </form>

      <TokenTable
        tokens={tokens}
        caption={t('account.tokens')}
        empty={t('account.noTokens')}
        revokeLabel={(tok) => `${t('account.revoke')}: ${tok.name}`}
        confirmTitle={(tok) => t('account.revokeConfirmTitle', { name: tok.name })}
        confirmBody={t('account.revokeConfirmBody')}
        revoke={(tok) => api.revokeToken(tok.id)}
        revokedMessage={() => t('account.revoked')}
      />
    </section>
  );
}
