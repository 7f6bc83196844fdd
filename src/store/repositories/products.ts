import { sql } from 'kysely';
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

export type ArchivedFilter = 'exclude' | 'include' | 'only';

export interface ProductFilter {
  readonly archived: ArchivedFilter;
  /** Case-insensitive substring of name, manufacturer or a model number. */
  readonly q?: string | undefined;
}

export function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
        eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(manufacturer)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(model_numbers)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  return paginate(q, page, (x) => x.orderBy(sql`lower(name)`).orderBy('id'), toProduct);
}
