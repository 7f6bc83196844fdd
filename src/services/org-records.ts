/**
 * Organisation-level records (committee, RACI, training, contact points, ISAO memberships, process
 * reviews): list with a summary computed for today, create, update, archive and restore. Everyone in
 * the organisation reads them (viewers are auditors and inspectors); editors and admins write them,
 * as with the organisation's compliance assessments. Every write is audited; nothing is deleted.
 */
import { authorize, type Actor } from '../core/domain/actor.js';
import {
  dayOf,
  normalizeOrgRecordInput,
  orgRecordIssues,
  orgRecordStatuses,
  summarizeOrgRecords,
  type AnyOrgRecord,
  type OrgRecord,
  type OrgRecordKind,
  type OrgRecordStatus,
  type OrgRecordsSummary,
} from '../core/domain/org-records.js';
import { err, ok, type Result } from '../core/result.js';
import { findOrgRecord, insertOrgRecord, listAllOrgRecords, updateOrgRecord } from '../store/repositories/org-records.js';
import { nowIso, type ServiceContext } from './context.js';
import { recordAudit } from './record-audit.js';

export type OrgRecordView = AnyOrgRecord & { readonly status: OrgRecordStatus };

export interface OrgRecordsView {
  readonly summary: OrgRecordsSummary;
  readonly records: readonly OrgRecordView[];
}

/** Which records a list shows: unarchived ones (the default), all, or archived ones only. */
export type ArchivedFilter = 'exclude' | 'include' | 'only';

/**
 * Records of the actor's organisation (filtered by `archived`) with their status on today's date,
 * and the summary (always of every record: archived ones count as not in force).
 */
export async function listOrgRecordsView(
  ctx: ServiceContext,
  actor: Actor,
  options: { archived: ArchivedFilter } = { archived: 'exclude' },
): Promise<Result<OrgRecordsView>> {
  const auth = authorize(actor, 'organization.read');
  if (!auth.ok) return auth;
  const today = dayOf(ctx.clock());
  const all = await listAllOrgRecords(ctx.store.db, actor.organizationId, { includeArchived: true });
  const statuses = orgRecordStatuses(all, today);
  const shown =
    options.archived === 'include'
      ? all
      : all.filter((r) => (r.archivedAt !== null) === (options.archived === 'only'));
  return ok({
    summary: summarizeOrgRecords(all, today),
    records: shown.map((r) => ({ ...r, status: statuses.get(r.id) ?? 'current' })),
  });
}

function invalid(kind: OrgRecordKind, input: Readonly<Record<string, unknown>>): Result<never> | null {
  const issues = orgRecordIssues(kind, input);
  return issues.length > 0 ? err('org_record.invalid', `The ${kind.replace('_', ' ')} has invalid fields.`, { issues }) : null;
}

function notFound(kind: OrgRecordKind, id: string): Result<never> {
  return err('org_record.not_found', `No ${kind.replace('_', ' ')} with id ${id} in this organisation.`, { details: { kind, id } });
}

export async function createOrgRecord<K extends OrgRecordKind>(
  ctx: ServiceContext,
  actor: Actor,
  kind: K,
  raw: Readonly<Record<string, unknown>>,
): Promise<Result<OrgRecord<K>>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  const input = normalizeOrgRecordInput(kind, raw);
  const bad = invalid(kind, input as unknown as Record<string, unknown>);
  if (bad) return bad;
  const at = nowIso(ctx);
  const record = {
    ...input,
    kind,
    id: ctx.newId(),
    organizationId: actor.organizationId,
    createdAt: at,
    createdBy: actor.name,
    updatedAt: at,
    updatedBy: actor.name,
    archivedAt: null,
  } as unknown as OrgRecord<K>;
  await ctx.store.transaction(async (trx) => {
    await insertOrgRecord(trx, record as AnyOrgRecord);
    await recordAudit(ctx, trx, actor, { action: 'org_record.create', entityType: kind, entityId: record.id, after: record });
  });
  return ok(record);
}

export async function updateOrgRecordFields<K extends OrgRecordKind>(
  ctx: ServiceContext,
  actor: Actor,
  kind: K,
  id: string,
  patch: Readonly<Record<string, unknown>>,
): Promise<Result<OrgRecord<K>>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findOrgRecord(trx, kind, actor.organizationId, id);
    if (!before) return notFound(kind, id);
    if (before.archivedAt) return err('org_record.archived', 'Restore the record before editing it.', { details: { kind, id } });
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const input = normalizeOrgRecordInput(kind, { ...before, ...defined });
    const bad = invalid(kind, input as unknown as Record<string, unknown>);
    if (bad) return bad;
    const after = { ...before, ...input, updatedAt: nowIso(ctx), updatedBy: actor.name } as OrgRecord<K>;
    await updateOrgRecord(trx, after as AnyOrgRecord);
    await recordAudit(ctx, trx, actor, { action: 'org_record.update', entityType: kind, entityId: id, before, after });
    return ok(after);
  });
}

/** Archiving takes a record out of the summary and the lists; it is kept and can be restored. */
export async function setOrgRecordArchived<K extends OrgRecordKind>(
  ctx: ServiceContext,
  actor: Actor,
  kind: K,
  id: string,
  archived: boolean,
): Promise<Result<OrgRecord<K>>> {
  const auth = authorize(actor, 'product.write');
  if (!auth.ok) return auth;
  return ctx.store.transaction(async (trx) => {
    const before = await findOrgRecord(trx, kind, actor.organizationId, id);
    if (!before) return notFound(kind, id);
    if ((before.archivedAt !== null) === archived) return ok(before);
    const at = nowIso(ctx);
    const after = { ...before, archivedAt: archived ? at : null, updatedAt: at, updatedBy: actor.name } as OrgRecord<K>;
    await updateOrgRecord(trx, after as AnyOrgRecord);
    await recordAudit(ctx, trx, actor, {
      action: archived ? 'org_record.archive' : 'org_record.restore',
      entityType: kind,
      entityId: id,
      before,
      after,
    });
    return ok(after);
  });
}
