/**
 * Shared pieces of the HTTP contract. Schemas here are the single source of request validation,
 * response serialisation, TypeScript types for the web client, and the committed openapi.json.
 */
import { z } from 'zod';
import { pageDefaults } from '../core/page.js';
import { isIsoDate } from '../core/domain/release.js';

export const IsoDateTime = z.string().describe('Date and time, ISO 8601 UTC (e.g. 2026-04-01T09:30:00.000Z)');
export const IsoDate = z
  .string()
  .refine(isIsoDate, { message: 'Must be a date written YYYY-MM-DD.' })
  .describe('Calendar date, YYYY-MM-DD');
export const Id = z.string().min(1).max(100).describe('Identifier (UUID)');

export const IdParams = z.object({ id: Id });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(pageDefaults.maxLimit).default(pageDefaults.limit),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ArchivedQuery = z
  .enum(['exclude', 'include', 'only'])
  .default('exclude')
  .describe('Archived records: left out (default), included, or alone');

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Number of records matching the query, across all pages'),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** RFC 9457 problem details, with mamori's stable error code. */
export const Problem = z
  .object({
    type: z.string().describe('urn:mamori:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable error code, e.g. product.not_found'),
    detail: z.string(),
    issues: z
      .array(
        z.object({
          path: z.string().describe('The field, e.g. purl or modelNumbers.1'),
          message: z.string().describe('What is wrong, in English'),
          code: z
            .string()
            .optional()
            .describe(
              'Stable code of the kind of problem (e.g. purl.escape, cpe.field_count), for translating the message',
            ),
          args: z
            .record(z.string(), z.union([z.string(), z.number()]))
            .optional()
            .describe(
              'The values the message was built from (e.g. found: 4); variant picks one wording of a code',
            ),
        }),
      )
      .optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem' });

export const problemResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
} as const;
