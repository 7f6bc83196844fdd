import { z } from 'zod';
import { Id, IsoDateTime } from './common.js';

export const Organization = z
  .object({
    id: Id,
    slug: z.string(),
    name: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    archivedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Organization' });

export const OrganizationPatch = z.object({ name: z.string().min(1).max(200).optional() });
