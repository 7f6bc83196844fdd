import type { Actor } from '../core/domain/actor.js';
import type { Db } from '../store/database.js';
import { appendAudit } from '../store/repositories/audit.js';
import { nowIso, type ServiceContext } from './context.js';

/** Writes the audit entry for a change, inside the transaction that makes the change. */
export async function recordAudit(
  ctx: ServiceContext,
  trx: Db,
  actor: Actor,
  change: {
    action: string;
    entityType: string;
    entityId: string | null;
    before?: unknown;
    after?: unknown;
    organizationId?: string | null;
  },
): Promise<void> {
  await appendAudit(
    trx,
    ctx.store.dialect,
    {
      id: ctx.newId(),
      at: nowIso(ctx),
      organizationId: change.organizationId === undefined ? actor.organizationId : change.organizationId,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: change.before ?? null,
      after: change.after ?? null,
    },
    ctx.sha256,
  );
}
