import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { OwnedApiTokenT, UserT } from '../api/types.js';
import { Badge } from '../components/Badge.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorAlert, Loading } from '../components/ErrorAlert.js';
import { formatDateTime } from '../format.js';
import { useNotify } from '../session.js';
import { useResource } from '../useResource.js';

function tokenStatus(token: OwnedApiTokenT): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

/**
 * The Users page's list of every API token of the organisation (admins), with its owner, to find and
 * revoke a leaked CI token without disabling the account. The secret is never shown (only kept as a
 * hash); the prefix identifies a token.
 */
export function OrganizationTokensCard({ users }: { users: readonly UserT[] }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [userId, setUserId] = useState('');
  const tokens = useResource(
    `org-tokens:${userId}`,
    () => api.listOrganizationTokens({ userId: userId || undefined }),
    {
      keepPrevious: true,
    },
  );
  const [revoking, setRevoking] = useState<OwnedApiTokenT | null>(null);

  return (
    <section className="card" aria-labelledby="org-tokens-title">
      <h2 id="org-tokens-title" className="card-title">
        {t('users.tokens.title')}
      </h2>
      <p className="muted">{t('users.tokens.intro')}</p>
      <div className="toolbar">
        <div className="toolbar-filter">
          <label htmlFor="org-tokens-user" className="toolbar-label">
            {t('users.tokens.userFilter')}
          </label>
          <select
            id="org-tokens-user"
            className="input select select-compact"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
          >
            <option value="">{t('users.tokens.allUsers')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorAlert error={tokens.error} onRetry={tokens.error ? tokens.reload : undefined} />
      {!tokens.data && tokens.loading ? <Loading /> : null}
      {tokens.data && tokens.data.items.length === 0 ? (
        <p className="muted empty-inline">{t('users.tokens.none')}</p>
      ) : null}
      {tokens.data && tokens.data.items.length > 0 ? (
        <div
          className={`table-card table-card-flat${tokens.loading ? ' is-loading' : ''}`}
          aria-busy={tokens.loading}
        >
          <div className="table-scroll">
            <table className="table">
              <caption className="sr-only">{t('users.tokens.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.tokens.owner')}</th>
                  <th scope="col">{t('account.tokenColumns.name')}</th>
                  <th scope="col">{t('account.tokenColumns.prefix')}</th>
                  <th scope="col" className="col-date">
                    {t('account.tokenColumns.createdAt')}
                  </th>
                  <th scope="col" className="col-date">
                    {t('account.tokenColumns.lastUsedAt')}
                  </th>
                  <th scope="col" className="col-date">
                    {t('account.tokenColumns.expiresAt')}
                  </th>
                  <th scope="col">{t('account.tokenColumns.status')}</th>
                  <th scope="col" className="col-actions">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.items.map((tok) => {
                  const status = tokenStatus(tok);
                  return (
                    <tr key={tok.id} className={status !== 'active' ? 'row-archived' : undefined}>
                      <td className="break">
                        <div>{tok.userDisplayName || tok.userEmail}</div>
                        {tok.userDisplayName && tok.userDisplayName !== tok.userEmail ? (
                          <div className="cell-sub">{tok.userEmail}</div>
                        ) : null}
                      </td>
                      <td className="cell-primary">{tok.name}</td>
                      <td>
                        <code className="chip">{tok.prefix}…</code>
                      </td>
                      <td className="col-date tabular nowrap">{formatDateTime(tok.createdAt)}</td>
                      <td className="col-date tabular nowrap">
                        {tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('account.never')}
                      </td>
                      <td className="col-date tabular nowrap">
                        {tok.expiresAt ? formatDateTime(tok.expiresAt) : t('account.never')}
                      </td>
                      <td>
                        <Badge tone={status === 'active' ? 'green' : 'gray'}>
                          {status === 'revoked' && tok.revokedAt
                            ? `${t('account.tokenStatus.revoked')} ${formatDateTime(tok.revokedAt)}`
                            : t(`account.tokenStatus.${status}`)}
                        </Badge>
                      </td>
                      <td className="col-actions">
                        {status === 'active' ? (
                          <button
                            type="button"
                            className="btn btn-small btn-danger-quiet"
                            aria-label={t('users.tokens.revokeLabel', {
                              name: tok.name,
                              email: tok.userEmail,
                            })}
                            onClick={() => setRevoking(tok)}
                          >
                            {t('account.revoke')}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        danger
        title={
          revoking
            ? t('users.tokens.revokeConfirmTitle', { name: revoking.name, email: revoking.userEmail })
            : ''
        }
        body={t('users.tokens.revokeConfirmBody')}
        confirmLabel={t('account.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await api.revokeOrganizationToken(revoking.id);
          tokens.reload();
          notify(t('users.tokens.revoked', { name: revoking.name, email: revoking.userEmail }));
        }}
      />
    </section>
  );
}
