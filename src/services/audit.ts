/** Reading the audit log, and verifying its hash chain end to end. */
import { authorize, type Actor } from '../core/domain/actor.js';
import { AuditChainVerifier, type AuditEntry, type AuditVerification } from '../core/domain/audit.js';
import type { Page, PageRequest } from '../core/page.js';
import { ok, type Result } from '../core/result.js';
import { auditHead, auditInOrder, listAudit as listAuditRows, type AuditFilter } from '../store/repositories/audit.js';
import { auditSubjects, type AuditSubject } from './audit-subjects.js';
import type { ServiceContext } from './context.js';

/** An entry as people read it: with what it is about (derived when read, not part of the hash input). */
export type AuditEntryView = AuditEntry & { readonly subject: AuditSubject };

export async function listAudit(
  ctx: ServiceContext,
  actor: Actor,
  filter: AuditFilter,
  page: PageRequest,
): Promise<Result<Page<AuditEntryView>>> {
  const auth = authorize(actor, 'audit.read');
  if (!auth.ok) return auth;
  const entries = await listAuditRows(ctx.store.db, actor.organizationId, filter, page);
  const subjects = await auditSubjects(ctx.store.db, actor.organizationId, entries.items);
  return ok({ ...entries, items: entries.items.map((e, i) => ({ ...e, subject: subjects[i]! })) });
}

/**
 * Checks every entry of the installation's log in order, up to the head as it was when the check
 * began (entries written during the check are left for the next one); reports the first bad entry.
 * An anchor (a sequence number and hash recorded outside mamori, e.g. from `mamori audit head`)
 * also catches a chain rebuilt from scratch by someone with full database access.
 */
export async function verifyAuditChain(
  ctx: ServiceContext,
  options: { onProgress?: (checked: number) => void; anchor?: { seq: number; hash: string } } = {},
): Promise<AuditVerification & { anchorMismatch: boolean }> {
  const head = await auditHead(ctx.store.db);
  const verifier = new AuditChainVerifier(ctx.sha256);
  let n = 0;
  let anchorMismatch = false;
  for await (const entry of auditInOrder(ctx.store.db, head?.seq ?? 0)) {
    if (options.anchor && entry.seq === options.anchor.seq && entry.hash !== options.anchor.hash) anchorMismatch = true;
    if (!verifier.push(entry)) break;
    n += 1;
    if (options.onProgress && n % 10_000 === 0) options.onProgress(n);
  }
  const result = verifier.finish(head);
  if (options.anchor && (head?.seq ?? 0) < options.anchor.seq) anchorMismatch = true;
  return { ...result, anchorMismatch };
}

export async function auditHeadRecord(ctx: ServiceContext) {
  return auditHead(ctx.store.db);
}
