/**
 * The audit log exported for auditors: CSV for Excel (UTF-8 with a byte order mark, CRLF line ends,
 * every field quoted and formula-safe, as the other CSV exports) or one JSON document. Both carry
 * every field of the hash input plus `hash`, oldest entry first, so the chain can be checked offline
 * (docs/user-guide, "Audit log"). JSON keeps the values exactly; in CSV an empty cell is null, and
 * `before` / `after` are JSON text.
 */
import type { AuditEntry } from '../../core/domain/audit.js';
import type { AuditFilter } from '../../core/domain/audit-filter.js';
import { field } from '../compliance/csv.js';

export interface AuditExportSubject {
  readonly label: string | null;
  readonly context: string | null;
}

export type AuditExportEntry = AuditEntry & { readonly subject: AuditExportSubject };

export const auditCsvColumns = [
  'seq',
  'at',
  'actorName',
  'actorUserId',
  'action',
  'entityType',
  'entityId',
  'subject',
  'subjectContext',
  'before',
  'after',
  'id',
  'organizationId',
  'prevHash',
  'hash',
] as const;

const text = (v: string | null) => v ?? '';
const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/** The first line: the byte order mark and the column names. */
export function auditCsvHeader(): string {
  return `\ufeff${auditCsvColumns.map(field).join(',')}\r\n`;
}

/** One line per entry, CRLF-terminated. */
export function auditCsvLines(entries: readonly AuditExportEntry[]): string {
  return entries
    .map(
      (e) =>
        [
          e.seq,
          e.at,
          e.actorName,
          text(e.actorUserId),
          e.action,
          e.entityType,
          text(e.entityId),
          text(e.subject.label),
          text(e.subject.context),
          json(e.before),
          json(e.after),
          e.id,
          text(e.organizationId),
          e.prevHash,
          e.hash,
        ]
          .map(field)
          .join(',') + '\r\n',
    )
    .join('');
}

export interface AuditJsonHead {
  readonly organizationId: string;
  readonly exportedAt: string;
  readonly filter: AuditFilter;
}

/**
 * The JSON document up to the opening of `entries`; then `auditJsonEntries` for each batch (with
 * `first` on the first one) and `auditJsonEnd()`. One entry a line, so the file also reads well.
 */
export function auditJsonStart(head: AuditJsonHead): string {
  const meta = {
    kind: 'mamori.audit-log',
    organizationId: head.organizationId,
    exportedAt: head.exportedAt,
    filter: Object.fromEntries(Object.entries(head.filter).filter(([, v]) => v !== undefined && v !== '')),
    hashInput:
      'hash = SHA-256 (hex) of the canonical JSON (keys sorted, no whitespace) of {seq, id, at, organizationId, actorUserId, actorName, action, entityType, entityId, before, after, prevHash}; prevHash is the hash of entry seq - 1 (64 zeros for entry 1)',
  };
  const open = JSON.stringify(meta, null, 2);
  return `${open.slice(0, open.lastIndexOf('}')).trimEnd()},\n  "entries": [`;
}

export function auditJsonEntries(entries: readonly AuditExportEntry[], first: boolean): string {
  return entries.map((e, i) => `${first && i === 0 ? '' : ','}\n    ${JSON.stringify(e)}`).join('');
}

export function auditJsonEnd(any: boolean): string {
  return `${any ? '\n  ' : ''}]\n}\n`;
}
