import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { UserT } from '../api/types.js';
import { TokenTable } from '../components/TokenTable.js';
import { useResource } from '../useResource.js';

/**
 * The Users page's list of every API token of the organisation (admins), with its owner, to find and
 * revoke a leaked CI token without disabling the account. The table itself is TokenTable, as on the
 * Account page.
 */
export function OrganizationTokensCard({ users }: { users: readonly UserT[] }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const tokens = useResource(
    `org-tokens:${userId}`,
    () => api.listOrganizationTokens({ userId: userId || undefined }),
    {
      keepPrevious: true,
    },
  );

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
      <TokenTable
        tokens={tokens}
        caption={t('users.tokens.title')}
        empty={t('users.tokens.none')}
        retry
        busy
        lead={{
          header: t('users.tokens.owner'),
          className: 'break',
          cell: (tok) => (
            <>
              <div>{tok.userDisplayName || tok.userEmail}</div>
              {tok.userDisplayName && tok.userDisplayName !== tok.userEmail ? (
                <div className="cell-sub">{tok.userEmail}</div>
              ) : null}
            </>
          ),
        }}
        revokedWhen
        revokeLabel={(tok) => t('users.tokens.revokeLabel', { name: tok.name, email: tok.userEmail })}
        confirmTitle={(tok) => t('users.tokens.revokeConfirmTitle', { name: tok.name, email: tok.userEmail })}
        confirmBody={t('users.tokens.revokeConfirmBody')}
        revoke={(tok) => api.revokeOrganizationToken(tok.id)}
        revokedMessage={(tok) => t('users.tokens.revoked', { name: tok.name, email: tok.userEmail })}
      />
    </section>
  );
}
