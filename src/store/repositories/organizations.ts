import type { Organization } from '../../core/domain/organization.js';
import type { Page, PageRequest } from '../../core/page.js';
import type { Db, OrganizationsTable } from '../database.js';
import { paginate } from './page.js';

export function toOrganization(row: OrganizationsTable): Organization {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

export async function insertOrganization(db: Db, org: Organization): Promise<void> {
  await db
    .insertInto('organizations')
    .values({
      id: org.id,
      slug: org.slug,
      name: org.name,
      created_at: org.createdAt,
      updated_at: org.updatedAt,
      archived_at: org.archivedAt,
    })
    .execute();
}

export async function findOrganization(db: Db, id: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOrganization(row);
}

export async function findOrganizationBySlug(db: Db, slug: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toOrganization(row);
}

export function listOrganizations(db: Db, page: PageRequest): Promise<Page<Organization>> {
  return paginate(
    db.selectFrom('organizations').selectAll(),
    page,
    (q) => q.orderBy('slug'),
    toOrganization,
  );
}

export async function updateOrganization(db: Db, org: Organization): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ name: org.name, updated_at: org.updatedAt, archived_at: org.archivedAt })
    .where('id', '=', org.id)
    .execute();
}

export async function countOrganizations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
