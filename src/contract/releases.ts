import { z } from 'zod';
import { releaseLimits, tplcStages } from '../core/domain/release.js';
import { ArchivedQuery, Id, IsoDate, IsoDateTime, PageQuery } from './common.js';

export const TplcStage = z
  .enum(tplcStages)
  .describe('Total product life cycle stage: development, support, limited_support, end_of_support');

const fields = {
  version: z.string().min(1).max(releaseLimits.version),
  releaseDate: IsoDate.nullable(),
  stage: TplcStage,
  endOfLife: IsoDate.nullable().describe('End of life: no longer sold or supplied after this date'),
  endOfSupport: IsoDate.nullable().describe('End of support: no more security updates after this date'),
  notes: z.string().max(releaseLimits.notes),
};

export const Release = z
  .object({
    id: Id,
    productId: Id,
    ...fields,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    archivedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Release' });

export const ReleaseCreate = z.object({
  ...fields,
  releaseDate: fields.releaseDate.default(null),
  stage: fields.stage.default('development'),
  endOfLife: fields.endOfLife.default(null),
  endOfSupport: fields.endOfSupport.default(null),
  notes: fields.notes.default(''),
});

export const ReleasePatch = z.object(fields).partial();

export const ReleaseListQuery = PageQuery.extend({ archived: ArchivedQuery });
