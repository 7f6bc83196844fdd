/** Reading the audit log, and verifying its hash chain end to end. */
import { authorize, type Actor } from '../core/domain/actor.js';
import { AuditChainVerifier, type AuditEntry, type AuditVerification } from '../core/domain/audit.js';
import type { Page, PageRequest } from '../core/page.js';
import { err, ok, type Result } from '../core/result.js';
import { auditTimeBoundIso, type AuditFilter } from '../core/domain/audit-filter.js';
import {
  auditCsvHeader,
  auditCsvLines,
  auditJsonEnd,
  auditJsonEntries,
  auditJsonStart,
} from '../reports/audit/export.js';
import {
  auditHead,
  auditInOrder,
  filteredAuditInOrder,
  listAudit as listAuditRows,
} from '../store/repositories/audit.js';
import { auditSubjects, type AuditSubject } from './audit-subjects.js';
import { nowIso, type ServiceContext } from './context.js';

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
  const normal = normalizeFilter(filter);
  if (!normal.ok) return normal;
  const entries = await listAuditRows(ctx.store.db, actor.organizationId, normal.value, page);
  const subjects = await auditSubjects(ctx.store.db, actor.organizationId, entries.items);
  return ok({ ...entries, items: entries.items.map((e, i) => ({ ...e, subject: subjects[i]! })) });
}

/** The time bounds as entries store `at` (ISO 8601 UTC); an unreadable bound is request.invalid. */
function normalizeFilter(filter: AuditFilter): Result<AuditFilter> {
  const issues: { path: string; message: string }[] = [];
  const bound = (key: 'from' | 'to') => {
    const value = filter[key];
    if (value === undefined || value === '') return undefined;
    const iso = auditTimeBoundIso(value);
    if (iso === undefined) issues.push({ path: key, message: 'Must be a date (YYYY-MM-DD) or a date and time with a zone.' });
    return iso;
  };
  const from = bound('from');
  const to = bound('to');
  if (issues.length > 0) return err('request.invalid', 'The time range is not readable.', { issues });
  return ok({ ...filter, from, to });
}

export type AuditExportFormat = 'csv' | 'json';

export interface AuditExport {
  readonly fileName: string;
  readonly mediaType: string;
  /** The file, produced a batch of entries at a time while it is sent. */
  readonly chunks: AsyncIterable<string>;
}

/**
 * The organisation's log as filtered, oldest first, as CSV (UTF-8 with a byte order mark, for Excel)
 * or JSON, with every field of the hash input and each entry's hash (reports/audit/export.ts). Read
 * in batches, so a long log is never held in memory at once.
 */
export function exportAudit(
  ctx: ServiceContext,
  actor: Actor,
  filter: AuditFilter,
  format: AuditExportFormat,
): Result<AuditExport> {
  const auth = authorize(actor, 'audit.read');
  if (!auth.ok) return auth;
  const normal = normalizeFilter(filter);
  if (!normal.ok) return normal;
  const f = normal.value;
  const exportedAt = nowIso(ctx);
  const organizationId = actor.organizationId;
  const db = ctx.store.db;
  async function* csv(): AsyncGenerator<string> {
    yield auditCsvHeader();
    for await (const batch of filteredAuditInOrder(db, organizationId, f)) {
      const subjects = await auditSubjects(db, organizationId, batch);
      yield auditCsvLines(batch.map((e, i) => ({ ...e, subject: subjects[i]! })));
    }
  }
  async function* json(): AsyncGenerator<string> {
    yield auditJsonStart({ organizationId, exportedAt, filter: f });
    let first = true;
    for await (const batch of filteredAuditInOrder(db, organizationId, f)) {
      const subjects = await auditSubjects(db, organizationId, batch);
      yield auditJsonEntries(batch.map((e, i) => ({ ...e, subject: subjects[i]! })), first);
      first = false;
    }
    yield auditJsonEnd(!first);
  }
  const stamp = exportedAt.slice(0, 19).replace(/:/g, '').replace('T', '-');
  return ok({
    fileName: `audit-log-${stamp}.${format}`,
    mediaType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    chunks: format === 'csv' ? csv() : json(),
  });
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
