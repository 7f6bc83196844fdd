import { tplcStages, type Release, type TplcStage } from '../../core/domain/release.js';
import type { Page, PageRequest } from '../../core/page.js';
import type { Db, ReleasesTable } from '../database.js';
import { paginate } from './page.js';
import type { ArchivedFilter } from './products.js';

export function toRelease(row: ReleasesTable): Release {
  if (!(tplcStages as readonly string[]).includes(row.stage))
    throw new Error(`Corrupt stage "${row.stage}" for release ${row.id}`);
  return {
    id: row.id,
    productId: row.product_id,
    version: row.version,
    releaseDate: row.release_date,
    stage: row.stage as TplcStage,
    endOfLife: row.end_of_life,
    endOfSupport: row.end_of_support,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

function toRow(r: Release, organizationId: string): ReleasesTable {
  return {
    id: r.id,
    organization_id: organizationId,
    product_id: r.productId,
    version: r.version,
    release_date: r.releaseDate,
    stage: r.stage,
    end_of_life: r.endOfLife,
    end_of_support: r.endOfSupport,
    notes: r.notes,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    archived_at: r.archivedAt,
  };
}

export async function insertRelease(db: Db, organizationId: string, r: Release): Promise<void> {
  await db.insertInto('releases').values(toRow(r, organizationId)).execute();
}

export async function updateRelease(db: Db, organizationId: string, r: Release): Promise<void> {
  const { id, organization_id, product_id, created_at, ...rest } = toRow(r, organizationId);
  void product_id;
  void created_at;
  await db
    .updateTable('releases')
    .set(rest)
    .where('id', '=', id)
    .where('organization_id', '=', organization_id)
    .execute();
}

export async function findRelease(db: Db, organizationId: string, id: string): Promise<Release | undefined> {
  const row = await db
    .selectFrom('releases')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRelease(row);
}

export async function findReleaseByVersion(
  db: Db,
  organizationId: string,
  productId: string,
  version: string,
): Promise<Release | undefined> {
  const row = await db
    .selectFrom('releases')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && toRelease(row);
}

export function listReleases(
  db: Db,
  organizationId: string,
  productId: string,
  filter: { archived: ArchivedFilter },
  page: PageRequest,
): Promise<Page<Release>> {
  let q = db
    .selectFrom('releases')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('product_id', '=', productId);
  if (filter.archived === 'exclude') q = q.where('archived_at', 'is', null);
  if (filter.archived === 'only') q = q.where('archived_at', 'is not', null);
  // Newest first: releases on the market by date, releases in development (no date) on top.
  return paginate(
    q,
    page,
    (x) =>
      x
        .orderBy((eb) => eb.case().when('release_date', 'is', null).then(0).else(1).end())
        .orderBy('release_date', 'desc')
        .orderBy('created_at', 'desc')
        .orderBy('id'),
    toRelease,
  );
}
