import type { SelectQueryBuilder } from 'kysely';
import type { Page, PageRequest } from '../../core/page.js';
import type { Database } from '../database.js';

/** Runs a list query as one page plus its total count (two set-based queries, no per-row work). */
export async function paginate<TB extends keyof Database, O, T>(
  query: SelectQueryBuilder<Database, TB, O>,
  page: PageRequest,
  order: (q: SelectQueryBuilder<Database, TB, O>) => SelectQueryBuilder<Database, TB, O>,
  map: (row: O) => T,
): Promise<Page<T>> {
  const countRow = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await order(query).limit(page.limit).offset(page.offset).execute();
  return { items: rows.map(map), total: Number(countRow.n), limit: page.limit, offset: page.offset };
}
