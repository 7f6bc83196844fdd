import type { SelectQueryBuilder } from 'kysely';
import type { Page, PageRequest } from '../../core/page.js';
import type { Database } from '../database.js';

/**
 * Runs a list query as one page plus its total count (two set-based queries, no per-row work). `DB`
 * is the schema with any derived tables the query joins (`Database` with them).
 */
export async function paginate<DB extends Database, TB extends keyof DB, O, T>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: PageRequest,
  order: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, O>,
  map: (row: O) => T,
): Promise<Page<T>> {
  const countRow = (await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()) as { n: number | string };
  const rows = await order(query).limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(map), total: Number(countRow.n), limit: page.limit, offset: page.offset };
}
