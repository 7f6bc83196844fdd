import { z } from 'zod';
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

export const AuditQuery = PageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z
    .string()
    .max(100)
    .optional()
    .describe('Only entries of this action, e.g. export.download (documents issued) or auth.forbidden (refused attempts)'),
});
