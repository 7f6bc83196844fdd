import { sql } from 'kysely';
import {
  genesisHash,
  sealAuditEntry,
  type AuditContent,
  type AuditEntry,
  type Sha256Hex,
} from '../../core/domain/audit.js';
import { auditActionMatch, type AuditFilter } from '../../core/domain/audit-filter.js';
import type { Page, PageRequest } from '../../core/page.js';
import type { AuditLogTable, Db, Dialect } from '../database.js';
import { parseJsonOrNull } from './json.js';
import { paginate } from './page.js';

export function toAuditEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    organizationId: row.organization_id,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: parseJsonOrNull(row.before_json),
    after: parseJsonOrNull(row.after_json),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export type NewAuditEntry = Omit<AuditContent, 'seq' | 'prevHash'>;

/**
 * Appends one entry to the chain. Must run inside the caller's write transaction, so the entry
 * commits or rolls back with the change it records. The head row is locked (PostgreSQL) or the
 * whole database is (SQLite BEGIN IMMEDIATE), so concurrent writers extend the chain one by one.
 */
export async function appendAudit(
  trx: Db,
  dialect: Dialect,
  entry: NewAuditEntry,
  sha256: Sha256Hex,
): Promise<AuditEntry> {
  let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = (await headQuery.executeTakeFirst()) ?? { seq: 0, hash: genesisHash };
  const sealed = sealAuditEntry(
    { ...entry, seq: Number(head.seq) + 1, prevHash: head.hash, before: entry.before ?? null, after: entry.after ?? null },
    sha256,
  );
  await trx
    .insertInto('audit_log')
    .values({
      seq: sealed.seq,
      id: sealed.id,
      at: sealed.at,
      organization_id: sealed.organizationId,
      actor_user_id: sealed.actorUserId,
      actor_name: sealed.actorName,
      action: sealed.action,
      entity_type: sealed.entityType,
      entity_id: sealed.entityId,
      before_json: sealed.before === null ? null : JSON.stringify(sealed.before),
      after_json: sealed.after === null ? null : JSON.stringify(sealed.after),
      prev_hash: sealed.prevHash,
      hash: sealed.hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ seq: sealed.seq, hash: sealed.hash }).where('id', '=', 1).execute();
  return sealed;
}

export type { AuditFilter };

/**
 * The organisation's entries that pass the filter. An action prefix is compared with `substr` (not
 * LIKE: `_` in actions such as `auth.login_failed` is a LIKE wildcard, and SQLite's LIKE ignores case).
 */
function filtered(db: Db, organizationId: string, filter: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll().where('organization_id', '=', organizationId);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actorUserId) q = q.where('actor_user_id', '=', filter.actorUserId);
  if (filter.actorName) q = q.where('actor_name', '=', filter.actorName);
  if (filter.action) {
    const match = auditActionMatch(filter.action);
    q =
      'exact' in match
        ? q.where('action', '=', match.exact)
        : q.where(sql<string>`substr(action, 1, ${sql.lit([...match.prefix].length)})`, '=', match.prefix);
  }
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  return q;
}

export function listAudit(
  db: Db,
  organizationId: string,
  filter: AuditFilter,
  page: PageRequest,
): Promise<Page<AuditEntry>> {
  return paginate(filtered(db, organizationId, filter), page, (x) => x.orderBy('seq', 'desc'), toAuditEntry);
}

/** The organisation's entries that pass the filter, oldest first, a batch at a time (exports). */
export async function* filteredAuditInOrder(
  db: Db,
  organizationId: string,
  filter: AuditFilter,
  batchSize = 1000,
): AsyncGenerator<AuditEntry[]> {
  let after = 0;
  for (;;) {
    const rows = await filtered(db, organizationId, filter)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length > 0) yield rows.map(toAuditEntry);
    if (rows.length < batchSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** The log up to `upToSeq` in ascending order, a batch at a time, for verification. */
export async function* auditInOrder(db: Db, upToSeq: number, batchSize = 1000): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .where('seq', '<=', upToSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) yield toAuditEntry(row);
    if (rows.length < batchSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

export async function auditHead(db: Db): Promise<{ seq: number; hash: string } | null> {
  const row = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}
