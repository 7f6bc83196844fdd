/** Reading the audit log, and verifying its hash chain end to end. */
import { authorize, type Actor } from '../core/domain/actor.js';
import { AuditChainVerifier, type AuditEntry, type AuditVerification } from '../core/domain/audit.js';
import type { Page, PageRequest } from '../core/page.js';
import { ok, type Result } from '../core/result.js';
import { auditHead, auditInOrder, listAudit as listAuditRows, type AuditFilter } from '../store/repositories/audit.js';
import type { ServiceContext } from './context.js';

export async function listAudit(
  ctx: ServiceContext,
  actor: Actor,
  filter: AuditFilter,
  page: PageRequest,
): Promise<Result<Page<AuditEntry>>> {
  const auth = authorize(actor, 'audit.read');
  if (!auth.ok) return auth;
  return ok(await listAuditRows(ctx.store.db, actor.organizationId, filter, page));
}

/** Checks every entry of the installation's log in order; reports the first bad entry. */
export async function verifyAuditChain(
  ctx: ServiceContext,
  onProgress?: (checked: number) => void,
): Promise<AuditVerification> {
  const verifier = new AuditChainVerifier(ctx.sha256);
  let n = 0;
  for await (const entry of auditInOrder(ctx.store.db)) {
    if (!verifier.push(entry)) break;
    n += 1;
    if (onProgress && n % 10_000 === 0) onProgress(n);
  }
  return verifier.finish(await auditHead(ctx.store.db));
}
