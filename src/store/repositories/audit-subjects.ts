/**
 * Names of the entities a page of audit entries is about, for entries that do not record one
 * (services/audit-subjects.ts): one statement per table for the whole page, scoped by organisation.
 * Entities removed since are simply missing from the maps.
 */
import type { Db } from '../database.js';
import { chunks, inOrganization } from './findings.js';

export interface FindingName {
  readonly releaseId: string;
  readonly vulnerabilityId: string;
  readonly componentName: string;
  readonly componentVersion: string;
}

const unique = (ids: Iterable<string>): string[] => [...new Set(ids)];

export async function productNames(db: Db, organizationId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(unique(ids)))
    for (const r of await db.selectFrom('products').select(['id', 'name']).where(inOrganization(organizationId)).where('id', 'in', part).execute())
      out.set(r.id, r.name);
  return out;
}

export async function releaseNames(
  db: Db,
  organizationId: string,
  ids: Iterable<string>,
): Promise<Map<string, { readonly version: string; readonly productId: string }>> {
  const out = new Map<string, { version: string; productId: string }>();
  for (const part of chunks(unique(ids)))
    for (const r of await db
      .selectFrom('releases')
      .select(['id', 'version', 'product_id'])
      .where(inOrganization(organizationId))
      .where('id', 'in', part)
      .execute())
      out.set(r.id, { version: r.version, productId: r.product_id });
  return out;
}

export async function findingNames(db: Db, organizationId: string, ids: Iterable<string>): Promise<Map<string, FindingName>> {
  const out = new Map<string, FindingName>();
  for (const part of chunks(unique(ids)))
    for (const r of await db
      .selectFrom('finding_rows')
      .select(['id', 'release_id', 'vulnerability_id', 'component_name', 'component_version'])
      .where(inOrganization(organizationId))
      .where('id', 'in', part)
      .execute())
      out.set(r.id, { releaseId: r.release_id, vulnerabilityId: r.vulnerability_id, componentName: r.component_name, componentVersion: r.component_version });
  return out;
}

export async function userEmails(db: Db, organizationId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(unique(ids)))
    for (const r of await db.selectFrom('users').select(['id', 'email']).where(inOrganization(organizationId)).where('id', 'in', part).execute())
      out.set(r.id, r.email);
  return out;
}

export async function triageProposalNames(
  db: Db,
  organizationId: string,
  ids: Iterable<string>,
): Promise<Map<string, { readonly vulnerabilityId: string; readonly productId: string }>> {
  const out = new Map<string, { vulnerabilityId: string; productId: string }>();
  for (const part of chunks(unique(ids)))
    for (const r of await db
      .selectFrom('triage_proposals')
      .select(['id', 'vulnerability_id', 'product_id'])
      .where(inOrganization(organizationId))
      .where('id', 'in', part)
      .execute())
      out.set(r.id, { vulnerabilityId: r.vulnerability_id, productId: r.product_id });
  return out;
}

/** The product of each risk record (threat_risks: the entry records the threat id, not the product). */
export async function riskProducts(db: Db, organizationId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(unique(ids)))
    for (const r of await db.selectFrom('threat_risks').select(['id', 'product_id']).where(inOrganization(organizationId)).where('id', 'in', part).execute())
      out.set(r.id, r.product_id);
  return out;
}

export async function organizationName(db: Db, organizationId: string): Promise<string | null> {
  const r = await db.selectFrom('organizations').select('name').where('id', '=', organizationId).executeTakeFirst();
  return r?.name ?? null;
}
