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

/** `value` of every row `select` finds for the distinct ids, asked in chunks. */
async function byId<R extends { id: string }, V>(ids: Iterable<string>, select: (part: string[]) => Promise<R[]>, value: (row: R) => V): Promise<Map<string, V>> {
  const out = new Map<string, V>();
  for (const part of chunks([...new Set(ids)])) for (const r of await select(part)) out.set(r.id, value(r));
  return out;
}

export async function productNames(db: Db, organizationId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  return byId(ids, (part) => db.selectFrom('products').select(['id', 'name']).where(inOrganization(organizationId)).where('id', 'in', part).execute(), (r) => r.name);
}

export async function releaseNames(
  db: Db,
  organizationId: string,
  ids: Iterable<string>,
): Promise<Map<string, { readonly version: string; readonly productId: string }>> {
  return byId(ids, (part) => db.selectFrom('releases').select(['id', 'version', 'product_id']).where(inOrganization(organizationId)).where('id', 'in', part).execute(), (r) => ({ version: r.version, productId: r.product_id }));
}

export async function findingNames(db: Db, organizationId: string, ids: Iterable<string>): Promise<Map<string, FindingName>> {
  return byId(ids, (part) => db.selectFrom('finding_rows').select(['id', 'release_id', 'vulnerability_id', 'component_name', 'component_version']).where(inOrganization(organizationId)).where('id', 'in', part).execute(), (r) => ({ releaseId: r.release_id, vulnerabilityId: r.vulnerability_id, componentName: r.component_name, componentVersion: r.component_version }));
}

export async function userEmails(db: Db, organizationId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  return byId(ids, (part) => db.selectFrom('users').select(['id', 'email']).where(inOrganization(organizationId)).where('id', 'in', part).execute(), (r) => r.email);
}

export async function triageProposalNames(
  db: Db,
  organizationId: string,
  ids: Iterable<string>,
): Promise<Map<string, { readonly vulnerabilityId: string; readonly productId: string }>> {
  return byId(ids, (part) => db.selectFrom('triage_proposals').select(['id', 'vulnerability_id', 'product_id']).where(inOrganization(organizationId)).where('id', 'in', part).execute(), (r) => ({ vulnerabilityId: r.vulnerability_id, productId: r.product_id }));
}

/** The product of each risk record (threat_risks: the entry records the threat id, not the product). */
export async function riskProducts(db: Db, organizationId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  return byId(ids, (part) => db.selectFrom('threat_risks').select(['id', 'product_id']).where(inOrganization(organizationId)).where('id', 'in', part).execute(), (r) => r.product_id);
}

export async function organizationName(db: Db, organizationId: string): Promise<string | null> {
  const r = await db.selectFrom('organizations').select('name').where('id', '=', organizationId).executeTakeFirst();
  return r?.name ?? null;
}
