import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, roles, type Role } from '../../../src/core/domain/role.js';
import { api, ApiError } from '../api/client.js';
import type { UserT } from '../api/types.js';
import { Badge } from '../components/Badge.js';
import { BusyButton } from '../components/BusyButton.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorAlert, Loading } from '../components/ErrorAlert.js';
import { OneTimeSecret } from '../components/OneTimeSecret.js';
import { PageHeading } from '../components/PageHeading.js';
import { Pagination } from '../components/Pagination.js';
import {
  focusFirstError,
  issuesToErrors,
  SelectField,
  TextField,
  type FieldErrors,
  msg,
} from '../components/fields.js';
import { formatDateTime } from '../format.js';
import { useAuthed, useNotify } from '../session.js';
import { OrganizationTokensCard } from './OrganizationTokensCard.js';
import { useResource } from '../useResource.js';

const pageSize = 50;
type Pending = { kind: 'disable' | 'enable' | 'reset'; user: UserT } | null;

/**
 * The users of the organisation. Every role may read them (user.read: an auditor checks who has
 * which role); only a role with user.write (admin) sees the controls that add users, change roles,
 * reset passwords and disable accounts.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const session = useAuthed();
  const manage = can(session.user.role, 'user.write');
  const notify = useNotify();
  const [offset, setOffset] = useState(0);
  const users = useResource(`users:${offset}`, () => api.listUsers({ limit: pageSize, offset }), {
    keepPrevious: true,
  });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [rowError, setRowError] = useState<unknown>(null);

  const changeRole = async (user: UserT, role: Role) => {
    setRowError(null);
    try {
      await api.updateUser(user.id, { role });
      notify(t('users.roleChanged', { email: user.email, role: t(`role.${role}`) }));
    } catch (err) {
      setRowError(err);
    }
    users.reload();
  };

  const confirmText = (p: NonNullable<Pending>) => {
    const email = p.user.email;
    if (p.kind === 'disable')
      return {
        title: t('users.disableConfirmTitle', { email }),
        body: t('users.disableConfirmBody'),
        label: t('users.disable'),
      };
    if (p.kind === 'enable')
      return {
        title: t('users.enableConfirmTitle', { email }),
        body: t('users.enableConfirmBody'),
        label: t('users.enable'),
      };
    return {
      title: t('users.resetConfirmTitle', { email }),
      body: t('users.resetConfirmBody'),
      label: t('users.resetPassword'),
    };
  };
  const text = pending ? confirmText(pending) : { title: '', body: '', label: '' };

  return (
    <div className="page">
      <PageHeading
        title={t('users.title')}
        subtitle={manage ? t('users.intro') : t('users.introReadOnly')}
        actions={
          manage && !creating ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              <span aria-hidden="true">＋</span> {t('users.new')}
            </button>
          ) : null
        }
      />
      {secret ? (
        <OneTimeSecret
          title={t('users.oneTimeTitle', { email: secret.email })}
          warning={t('users.oneTimeWarning')}
          label={t('users.oneTimeLabel')}
          secret={secret.password}
          onDismiss={() => setSecret(null)}
        />
      ) : null}
      {manage && creating ? (
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(email, password) => {
            setCreating(false);
            if (password) setSecret({ email, password });
            notify(t('users.created', { email }));
            users.reload();
          }}
        />
      ) : null}
      <ErrorAlert error={rowError ?? users.error} />
      {!users.data && users.loading ? <Loading /> : null}
      {users.data ? (
        <div className={`table-card${users.loading ? ' is-loading' : ''}`} aria-busy={users.loading}>
          <div className="table-scroll">
            <table className="table">
              <caption className="sr-only">{t('users.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.columns.name')}</th>
                  <th scope="col">{t('users.columns.role')}</th>
                  <th scope="col">{t('users.columns.status')}</th>
                  <th scope="col" className="col-date">
                    {t('users.columns.createdAt')}
                  </th>
                  {manage ? (
                    <th scope="col" className="col-actions">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => {
                  const self = u.id === session.user.id;
                  return (
                    <tr key={u.id} className={u.disabledAt ? 'row-archived' : undefined}>
                      <td className="cell-primary">
                        <div>
                          {u.displayName || u.email}
                          {self ? <span className="muted small"> ({t('users.you')})</span> : null}
                        </div>
                        <div className="cell-sub">{u.email}</div>
                      </td>
                      <td>
                        {manage ? (
                          <RoleSelect user={u} onChange={(role) => void changeRole(u, role)} />
                        ) : (
                          <span data-testid="user-role">{t(`role.${u.role}`)}</span>
                        )}
                      </td>
                      <td>
                        <span className="chips">
                          {u.disabledAt ? (
                            <Badge tone="gray">{t('users.disabled')}</Badge>
                          ) : (
                            <Badge tone="green">{t('users.active')}</Badge>
                          )}
                          {u.mustChangePassword && !u.disabledAt ? (
                            <Badge tone="amber">{t('users.mustChange')}</Badge>
                          ) : null}
                        </span>
                      </td>
                      <td className="col-date tabular nowrap">{formatDateTime(u.createdAt)}</td>
                      {manage ? (
                        <td className="col-actions">
                          <div className="row-actions">
                            {!u.disabledAt && !self ? (
                              <button
                                type="button"
                                className="btn btn-small"
                                aria-label={`${t('users.resetPassword')}: ${u.email}`}
                                onClick={() => setPending({ kind: 'reset', user: u })}
                              >
                                {t('users.resetPassword')}
                              </button>
                            ) : null}
                            {!self ? (
                              <button
                                type="button"
                                className={`btn btn-small${u.disabledAt ? '' : ' btn-danger-quiet'}`}
                                aria-label={`${u.disabledAt ? t('users.enable') : t('users.disable')}: ${u.email}`}
                                onClick={() =>
                                  setPending({ kind: u.disabledAt ? 'enable' : 'disable', user: u })
                                }
                              >
                                {u.disabledAt ? t('users.enable') : t('users.disable')}
                              </button>
                            ) : null}
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination total={users.data.total} limit={pageSize} offset={offset} onChange={setOffset} />
        </div>
      ) : null}
      {/* Every user's API tokens are an admin's to see and revoke (the API refuses other roles). */}
      {manage && users.data ? <OrganizationTokensCard users={users.data.items} /> : null}
      <ConfirmDialog
        open={pending !== null}
        danger={pending?.kind !== 'enable'}
        title={text.title}
        body={text.body}
        confirmLabel={text.label}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          if (pending.kind === 'reset') {
            const result = await api.resetPassword(pending.user.id);
            setSecret({ email: result.user.email, password: result.oneTimePassword });
          } else {
            await api.updateUser(pending.user.id, { disabled: pending.kind === 'disable' });
            notify(t(pending.kind === 'disable' ? 'users.disabledDone' : 'users.enabledDone'));
          }
          users.reload();
        }}
      />
    </div>
  );
}

function RoleSelect({ user: u, onChange }: { user: UserT; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label className="sr-only" htmlFor={`role-${u.id}`}>
        {t('users.changeRoleLabel', { email: u.email })}
      </label>
      <select
        id={`role-${u.id}`}
        className="input select select-compact"
        value={u.role}
        disabled={u.disabledAt !== null}
        onChange={(e) => onChange(e.target.value as Role)}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
    </>
  );
}

function CreateUserForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (email: string, password: string | null) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ email: '', displayName: '', role: 'editor' as Role });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const order = ['email', 'displayName', 'role'];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: FieldErrors = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) next.email = msg('users.emailInvalid');
    setErrors(next);
    setError(null);
    if (Object.keys(next).length) {
      focusFirstError(next, order);
      return;
    }
    setBusy(true);
    try {
      const result = await api.createUser({
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
      });
      onCreated(result.user.email, result.oneTimePassword);
    } catch (err) {
      setBusy(false);
      setError(err);
      if (err instanceof ApiError) {
        const mapped = issuesToErrors(err.issues, order);
        if (err.code === 'user.email_taken') mapped.email = msg('errors.user.email_taken');
        setErrors(mapped);
        focusFirstError(mapped, order);
      }
    }
  };

  return (
    <section className="card" aria-labelledby="new-user-title">
      <h2 id="new-user-title" className="card-title">
        {t('users.createTitle')}
      </h2>
      <ErrorAlert error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate className="inline-form">
        <TextField
          name="email"
          type="email"
          label={t('users.email')}
          value={values.email}
          onChange={(v) => setValues((s) => ({ ...s, email: v }))}
          error={errors.email}
          required
          width="medium"
          autoComplete="off"
        />
        <TextField
          name="displayName"
          label={t('users.displayName')}
          hint={t('users.displayNameHint')}
          value={values.displayName}
          onChange={(v) => setValues((s) => ({ ...s, displayName: v }))}
          error={errors.displayName}
          width="medium"
          autoComplete="off"
        />
        <SelectField<Role>
          name="role"
          label={t('users.role')}
          value={values.role}
          onChange={(v) => setValues((s) => ({ ...s, role: v }))}
          error={errors.role}
          options={roles.map((r) => ({ value: r, label: `${t(`role.${r}`)} — ${t(`roleHint.${r}`)}` }))}
        />
        <div className="inline-form-submit">
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {t('common.create')}
          </BusyButton>
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
