import { z } from 'zod';
import { Id, IsoDateTime, PageQuery } from './common.js';

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
  })
  .meta({ id: 'AuditEntry' });

export const AuditQuery = PageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
});
