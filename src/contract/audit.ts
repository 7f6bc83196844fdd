import { z } from 'zod';
import { isAuditTimeBound } from '../core/domain/audit-filter.js';
import { Id, IsoDateTime, PageQuery } from './common.js';

export const AuditSubject = z
  .object({
    label: z.string().nullable().describe("The entity's name: a product's name, a release's version, a finding's vulnerability and component, a user's email"),
    context: z.string().nullable().describe('Where it belongs: the product (and release) name'),
    productId: Id.nullable(),
    releaseId: Id.nullable(),
  })
  .describe('What the entry is about, for people: from the entry itself or the entity as stored now. Derived when read; not part of the hash input.')
  .meta({ id: 'AuditSubject' });

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    id: Id,
    at: IsoDateTime,
    organizationId: Id.nullable(),
    actorUserId: Id.nullable(),
    actorName: z.string(),
    action: z.string().describe('e.g. product.create, release.archive, auth.login'),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
    subject: AuditSubject,
  })
  .meta({ id: 'AuditEntry' });

/** An instant as a bound of a time range: a date-time with a zone (`Z` or an offset), or a date (UTC midnight). */
export const AuditTimeBound = z
  .string()
  .max(40)
  .refine(isAuditTimeBound, { message: 'Must be a date (YYYY-MM-DD) or a date and time with a zone (2026-03-01T00:00:00+09:00).' });

/** The filters of the audit log (the list and the export). */
export const AuditFilterQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorUserId: Id.optional().describe('Only entries by this user (their id)'),
  actorName: z
    .string()
    .max(320)
    .optional()
    .describe('Only entries by this actor as recorded: an email address at the time, or operator:NAME for operator commands'),
  action: z
    .string()
    .max(100)
    .optional()
    .describe('Only entries of this action (sbom.upload), or, ending in a dot, of every action that begins with it (sbom.)'),
  from: AuditTimeBound.optional().describe('Only entries at or after this instant; a date alone means its midnight UTC'),
  to: AuditTimeBound.optional().describe('Only entries before this instant (exclusive); a date alone means its midnight UTC'),
});

export const AuditQuery = PageQuery.extend(AuditFilterQuery.shape);

export const AuditExportQuery = AuditFilterQuery.extend({
  format: z.enum(['csv', 'json']).default('csv').describe('csv: UTF-8 with a byte order mark (Excel); json: one document'),
});
