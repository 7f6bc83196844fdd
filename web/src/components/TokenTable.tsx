import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenT } from '../api/types.js';
import { formatDateTime } from '../format.js';
import { useNotify } from '../session.js';
import { Badge } from './Badge.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ErrorAlert, Loading } from './ErrorAlert.js';

export type TokenStatus = 'active' | 'revoked' | 'expired';

export function tokenStatus(token: ApiTokenT): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

/** The list of tokens as useResource gives it. */
export interface TokenListResource<T extends ApiTokenT> {
  readonly data: { readonly items: readonly T[] } | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

export interface TokenTableProps<T extends ApiTokenT> {
  readonly tokens: TokenListResource<T>;
  /** The table's caption, for screen readers (the card's title). */
  readonly caption: string;
  /** Said when there is no token. */
  readonly empty: string;
  /** A failed load offers to try again. */
  readonly retry?: boolean;
  /** While the list reloads, the table is dimmed and aria-busy (a filtered list keeps the previous data). */
  readonly busy?: boolean;
  /** A first column before the token's name (the owner, on the organisation's list). */
  readonly lead?: {
    readonly header: string;
    readonly className?: string;
    readonly cell: (token: T) => ReactNode;
  };
  /** A revoked token's status also says when. */
  readonly revokedWhen?: boolean;
  /** The revoke button's accessible name (its text is only "Revoke"). */
  readonly revokeLabel: (token: T) => string;
  readonly confirmTitle: (token: T) => string;
  readonly confirmBody: string;
  /** Revokes the token on the server; then the list reloads and `revokedMessage` is shown. */
  readonly revoke: (token: T) => Promise<unknown>;
  readonly revokedMessage: (token: T) => string;
}

/**
 * The table of API tokens (name, prefix, created, last used, expiry, status) with a revoke button on
 * each active one and its confirmation, as the Account page (one's own) and the Users page (every
 * user's, admins) show them; with the list's error, loading and empty states. The secret is never
 * shown (only kept as a hash); the prefix identifies a token.
 */
export function TokenTable<T extends ApiTokenT>({
  tokens,
  caption,
  empty,
  retry,
  busy,
  lead,
  revokedWhen,
  revokeLabel,
  confirmTitle,
  confirmBody,
  revoke,
  revokedMessage,
}: TokenTableProps<T>) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [revoking, setRevoking] = useState<T | null>(null);
  const items = tokens.data?.items;

  return (
    <>
      <ErrorAlert error={tokens.error} onRetry={retry && tokens.error ? tokens.reload : undefined} />
      {!items && tokens.loading ? <Loading /> : null}
      {items && items.length === 0 ? <p className="muted empty-inline">{empty}</p> : null}
      {items && items.length > 0 ? (
        <div
          className={`table-card table-card-flat${busy && tokens.loading ? ' is-loading' : ''}`}
          aria-busy={busy ? tokens.loading : undefined}
        >
          <div className="table-scroll">
            <table className="table">
              <caption className="sr-only">{caption}</caption>
              <thead>
                <tr>
                  {lead ? <th scope="col">{lead.header}</th> : null}
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
                {items.map((tok) => {
                  const status = tokenStatus(tok);
                  return (
                    <tr key={tok.id} className={status !== 'active' ? 'row-archived' : undefined}>
                      {lead ? <td className={lead.className}>{lead.cell(tok)}</td> : null}
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
                          {revokedWhen && status === 'revoked' && tok.revokedAt
                            ? `${t('account.tokenStatus.revoked')} ${formatDateTime(tok.revokedAt)}`
                            : t(`account.tokenStatus.${status}`)}
                        </Badge>
                      </td>
                      <td className="col-actions">
                        {status === 'active' ? (
                          <button
                            type="button"
                            className="btn btn-small btn-danger-quiet"
                            aria-label={revokeLabel(tok)}
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
        title={revoking ? confirmTitle(revoking) : ''}
        body={confirmBody}
        confirmLabel={t('account.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await revoke(revoking);
          tokens.reload();
          notify(revokedMessage(revoking));
        }}
      />
    </>
  );
}
