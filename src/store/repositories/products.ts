import { sql, type RawBuilder } from 'kysely';
import { searchFold } from '../../core/search-fold.js';
import {
  connectivityKinds,
  deviceClasses,
  useEnvironments,
  type DeviceClass,
  type Product,
} from '../../core/domain/product.js';
import type { Page, PageRequest } from '../../core/page.js';
import type { Db, ProductsTable } from '../database.js';
import { parseJsonArray } from './json.js';
import { paginate } from './page.js';

export function toProduct(row: ProductsTable): Product {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    modelNumbers: parseJsonArray(row.model_numbers),
    manufacturer: row.manufacturer,
    deviceClass: (deviceClasses as readonly string[]).includes(row.device_class ?? '')
      ? (row.device_class as DeviceClass)
      : null,
    isSamd: row.is_samd === 1,
    useEnvironments: parseJsonArray(row.use_environments, useEnvironments),
    connectivity: parseJsonArray(row.connectivity, connectivityKinds),
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

function toRow(p: Product): ProductsTable {
  return {
    id: p.id,
    organization_id: p.organizationId,
    name: p.name,
    model_numbers: JSON.stringify(p.modelNumbers),
    manufacturer: p.manufacturer,
    device_class: p.deviceClass,
    is_samd: p.isSamd ? 1 : 0,
    use_environments: JSON.stringify(p.useEnvironments),
    connectivity: JSON.stringify(p.connectivity),
    description: p.description,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    archived_at: p.archivedAt,
  };
}

export async function insertProduct(db: Db, p: Product): Promise<void> {
  await db.insertInto('products').values(toRow(p)).execute();
}

export async function updateProduct(db: Db, p: Product): Promise<void> {
  const { id, organization_id, created_at, ...rest } = toRow(p);
  void created_at;
  await db
    .updateTable('products')
    .set(rest)
    .where('id', '=', id)
    .where('organization_id', '=', organization_id)
    .execute();
}

export async function findProduct(db: Db, organizationId: string, id: string): Promise<Product | undefined> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toProduct(row);
}

export async function findProductByName(
  db: Db,
  organizationId: string,
  name: string,
): Promise<Product | undefined> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toProduct(row);
}

/**
 * The product a person names: the one with exactly that name, else the one whose name is the same
 * folded (width and case, `searchFold`); `several` when the folded name is not unique.
 */
export async function findProductNamed(
  db: Db,
  organizationId: string,
  name: string,
): Promise<Product | 'several' | undefined> {
  const exact = await findProductByName(db, organizationId, name);
  if (exact) return exact;
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where(foldedColumn('name'), '=', searchFold(name))
    .limit(2)
    .execute();
  return rows.length === 1 ? toProduct(rows[0]!) : rows.length > 1 ? 'several' : undefined;
}

export type ArchivedFilter = 'exclude' | 'include' | 'only';

export interface ProductFilter {
  readonly archived: ArchivedFilter;
  /** Case-insensitive substring of name, manufacturer or a model number. */
  readonly q?: string | undefined;
}

/**
 * A LIKE pattern (escape `\\`) that finds `q` anywhere in a column, folded as `searchFold` folds
 * (width and case): compare it with `lower(column)` for columns that hold only ASCII (ids, purls,
 * CPEs, versions) and with `mamori_fold(column)` (`foldedColumn`) for text people write.
 */
export function likePattern(q: string): string {
  return `%${searchFold(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A text column folded for search (the store's `mamori_fold`: migration 0017, src/store/connect.ts). */
export function foldedColumn(column: string): RawBuilder<unknown> {
  return sql`mamori_fold(${sql.ref(column)})`;
}

export function listProducts(
  db: Db,
  organizationId: string,
  filter: ProductFilter,
  page: PageRequest,
): Promise<Page<Product>> {
  let q = db.selectFrom('products').selectAll().where('organization_id', '=', organizationId);
  if (filter.archived === 'exclude') q = q.where('archived_at', 'is', null);
  if (filter.archived === 'only') q = q.where('archived_at', 'is not', null);
  if (filter.q && filter.q.trim() !== '') {
    const pattern = likePattern(filter.q.trim());
    q = q.where((eb) =>
      eb.or([
        eb(foldedColumn('name'), 'like', sql`${pattern} escape '\\'`),
        eb(foldedColumn('manufacturer'), 'like', sql`${pattern} escape '\\'`),
        eb(foldedColumn('model_numbers'), 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  return paginate(q, page, (x) => x.orderBy(sql`lower(name)`).orderBy('id'), toProduct);
}
