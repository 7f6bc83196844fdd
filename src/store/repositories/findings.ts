/**
 * Findings per release, their ids and events, the package index of analysed components, unevaluated
 * components and analysis state. Writes are set-based (bulk inserts, chunked `in` lists); the
 * portfolio questions are one query each. Every query is scoped by organisation.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Page, PageRequest } from '../../core/page.js';
import type { CvssSummary, FindingEvidence, Severity } from '../../core/vulns/finding.js';
import type { BulkColumn, Store } from '../connect.js';
import type { ContentEventsTable, Database, Db, FindingContentsTable, FindingEventsTable, FindingRowsTable, FindingsTable, PackageVariantsTable } from '../database.js';
import { paginate } from './page.js';
import { currentSbomIds } from './sboms.js';
import { foldedColumn, likePattern } from './products.js';
import { analysisRulesRevision } from '../../core/vulns/analysis-rules.js';

export const findingStatuses = ['active', 'withdrawn', 'resolved-by-upgrade', 'gone'] as const;
export type FindingStatus = (typeof findingStatuses)[number];
export const findingEventKinds = ['new', 'changed', 'withdrawn', 'gone'] as const;
export type FindingEventKind = (typeof findingEventKinds)[number];

export interface FindingRecord {
  readonly id: string;
  readonly releaseId: string;
  readonly packageKey: string;
  readonly componentId: string | null;
  readonly componentName: string;
  readonly componentVersion: string;
  readonly componentPurl: string | null;
  readonly vulnerabilityId: string;
  readonly aliases: readonly string[];
  readonly summary: string | null;
  readonly severity: Severity;
  readonly cvssScore: number | null;
  readonly cvss: readonly CvssSummary[];
  readonly epss: { readonly score: number; readonly percentile: number } | null;
  readonly kev: boolean;
  readonly kevDueDate: string | null;
  readonly fixedVersions: readonly string[];
  readonly evidence: readonly FindingEvidence[];
  readonly status: FindingStatus;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly changedAt: string;
  readonly computedAtSeq: number;
}

export interface FindingEventRecord {
  readonly id: string;
  readonly releaseId: string;
  readonly findingId: string;
  readonly vulnerabilityId: string;
  readonly kind: FindingEventKind;
  readonly at: string;
  readonly seq: number;
  readonly severity: Severity;
  readonly previousSeverity: Severity | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function toFinding(row: FindingsTable): FindingRecord {
  const epss = num(row.epss_score);
  return {
    id: row.id,
    releaseId: row.release_id,
    packageKey: row.package_key,
    componentId: row.component_id,
    componentName: row.component_name,
    componentVersion: row.component_version,
    componentPurl: row.component_purl,
    vulnerabilityId: row.vulnerability_id,
    aliases: JSON.parse(row.aliases_json) as string[],
    summary: row.summary,
    severity: row.severity as Severity,
    cvssScore: num(row.cvss_score),
    cvss: JSON.parse(row.cvss_json) as CvssSummary[],
    epss: epss === null ? null : { score: epss, percentile: num(row.epss_percentile) ?? 0 },
    kev: Number(row.kev) === 1,
    kevDueDate: row.kev_due_date,
    fixedVersions: JSON.parse(row.fixed_versions_json) as string[],
    evidence: JSON.parse(row.evidence_json) as FindingEvidence[],
    status: row.status,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    changedAt: row.changed_at,
    computedAtSeq: Number(row.computed_at_seq),
  };
}

function toEvent(row: FindingEventsTable): FindingEventRecord {
  return {
    id: row.id,
    releaseId: row.release_id,
    findingId: row.finding_id,
    vulnerabilityId: row.vulnerability_id,
    kind: row.kind,
    at: row.at,
    seq: Number(row.seq),
    severity: row.severity as Severity,
    previousSeverity: row.previous_severity as Severity | null,
    detail: JSON.parse(row.detail_json) as Record<string, unknown>,
  };
}

/** Splits a list for `in (…)` clauses (PostgreSQL and SQLite both limit bound parameters). */
export function chunks<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * `organization_id = ?` that no index serves, for statements that pick findings by a list of ids. With
 * `id in (…)` beside it, SQLite (no statistics: it guesses that an equality on an index's first
 * column selects ten rows) chose the organisation's prefix of `findings_identity` over the primary
 * key once the list held about ten ids, and read every finding of the organisation per statement:
 * confirming 100,000 unchanged findings in a portfolio of 100,000 took 29 s. The ids come from the
 * organisation's own rows; the condition stays as a guard.
 */
export function inOrganization(organizationId: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref('organization_id')} || '' = ${organizationId}`;
}

const findingColumnNames = [
  'id', 'organization_id', 'release_id', 'package_key', 'component_version', 'vulnerability_id', 'component_id',
  'component_name', 'component_purl', 'aliases_json', 'summary', 'severity', 'cvss_score', 'cvss_json', 'epss_score',
  'epss_percentile', 'kev', 'kev_due_date', 'fixed_versions_json', 'evidence_json', 'content_hash', 'status',
  'first_seen_at', 'last_seen_at', 'changed_at', 'computed_at_seq', 'content_id',
] as const satisfies readonly (keyof FindingsTable)[];

const rowColumnNames = [
  'id', 'organization_id', 'release_id', 'package_key', 'component_version', 'vulnerability_id', 'component_id',
  'component_name', 'component_purl', 'status', 'first_seen_at', 'last_seen_at', 'changed_at', 'computed_at_seq',
  'content_id', 'ended_id',
] as const satisfies readonly (keyof FindingRowsTable)[];

const contentColumnNames = [
  'id', 'organization_id', 'variant_key', 'vulnerability_id', 'aliases_json', 'summary', 'severity', 'cvss_score',
  'cvss_json', 'epss_score', 'epss_percentile', 'kev', 'kev_due_date', 'fixed_versions_json', 'evidence_json',
  'content_hash', 'last_seen_at', 'changed_at', 'computed_at_seq',
] as const satisfies readonly (keyof FindingContentsTable)[];

const integerColumns = new Set(['kev', 'computed_at_seq']);
const realColumns = new Set(['cvss_score', 'epss_score', 'epss_percentile']);
// bulkInsert knows text and integer; reals go through as numbers (SQLite) or JSON numbers (PostgreSQL).
const bulkColumns = (names: readonly string[]): readonly BulkColumn[] =>
  names.map((name) => ({ name, type: integerColumns.has(name) || realColumns.has(name) ? 'integer' : 'text' }));
const rowColumns = bulkColumns(rowColumnNames);
const contentColumns = bulkColumns(contentColumnNames);
const idColumns: readonly BulkColumn[] = bulkColumns(['content_id', 'organization_id', 'vuln_id']);

/** Every id of a content's vulnerability (canonical id and aliases), upper-cased, once. */
function contentIdRows(rows: readonly FindingContentsTable[]): unknown[][] {
  const out: unknown[][] = [];
  for (const r of rows) for (const id of new Set([r.vulnerability_id, ...(JSON.parse(r.aliases_json) as string[])].map((v) => v.toUpperCase()))) out.push([r.id, r.organization_id, id]);
  return out;
}

export async function insertFindingRows(db: Db, store: Pick<Store, 'bulkInsert'>, rows: readonly FindingRowsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await store.bulkInsert(db, 'finding_rows', rowColumns, rows.map((r) => rowColumnNames.map((c) => r[c])));
}

/** The columns `updateFindingRows` rewrites (everything but the identity and the first-seen time). */
const updatableRowColumns = [
  'component_id', 'component_name', 'component_purl', 'status', 'last_seen_at', 'changed_at', 'computed_at_seq', 'content_id', 'ended_id',
] as const satisfies readonly (keyof FindingRowsTable)[];

/** Rewrites findings (reappeared, pointed at another content, or moved to another component), by id. */
export async function updateFindingRows(db: Db, store: Pick<Store, 'bulkUpdate'>, rows: readonly FindingRowsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await store.bulkUpdate(db, 'finding_rows', ['id', 'organization_id'], updatableRowColumns, rows.map((r) => [r.id, r.organization_id, ...updatableRowColumns.map((c) => r[c])]));
}

/** The last confirmation of a finding row's content (a correlated subquery of an update of `finding_rows`). */
const contentSeen = (eb: ExpressionBuilder<Database, 'finding_rows'>) =>
  eb.selectFrom('finding_contents').select('finding_contents.last_seen_at').whereRef('finding_contents.id', '=', 'finding_rows.content_id');

/** A finding is no longer made: one statement per chunk of findings that end the same way. */
export async function setFindingsStatus(
  db: Db,
  organizationId: string,
  ids: readonly string[],
  change: { status: FindingRowsTable['status']; at: string; seq: number; clearComponent: boolean; endedId: string },
): Promise<void> {
  for (const part of chunks(ids))
    await db
      .updateTable('finding_rows')
      .set((eb) => ({
        status: change.status,
        changed_at: change.at,
        // Last seen while active: the later of its own time and its content's last confirmation
        // (which goes on moving for the findings that still point at it).
        last_seen_at: sql<string>`case when coalesce((${contentSeen(eb)}), '') > ${eb.ref('finding_rows.last_seen_at')} then (${contentSeen(eb)}) else ${eb.ref('finding_rows.last_seen_at')} end`,
        computed_at_seq: change.seq,
        ended_id: change.endedId,
        ...(change.clearComponent ? { component_id: null } : {}),
      }))
      .where(inOrganization(organizationId))
      .where('id', 'in', part)
      .execute();
}

/** The stored contents of some package versions (variant keys). */
export async function contentsOfVariants(db: Db, store: Pick<Store, 'selectArrays'>, organizationId: string, variantKeys: readonly string[]): Promise<FindingContentsTable[]> {
  const out: FindingContentsTable[] = [];
  for (const part of chunks([...new Set(variantKeys)])) {
    const q = db.selectFrom('finding_contents').select(contentColumnNames).where('organization_id', '=', organizationId).where('variant_key', 'in', part);
    for (const a of await store.selectArrays(db, q.compile())) out.push(Object.fromEntries(contentColumnNames.map((c, i) => [c, a[i]])) as unknown as FindingContentsTable);
  }
  return out;
}

export async function insertContents(db: Db, store: Pick<Store, 'bulkInsert'>, rows: readonly FindingContentsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await store.bulkInsert(db, 'finding_contents', contentColumns, rows.map((r) => contentColumnNames.map((c) => r[c])));
  await store.bulkInsert(db, 'content_ids', idColumns, contentIdRows(rows));
}

const updatableContentColumns = contentColumnNames.filter((c) => c !== 'id' && c !== 'organization_id' && c !== 'variant_key' && c !== 'vulnerability_id');

/** Rewrites contents by id; those whose aliases changed get their ids rewritten. */
export async function updateContents(db: Db, store: Pick<Store, 'bulkInsert' | 'bulkUpdate'>, rows: readonly FindingContentsTable[], aliasesChanged: ReadonlySet<string>): Promise<void> {
  if (rows.length === 0) return;
  await store.bulkUpdate(db, 'finding_contents', ['id', 'organization_id'], updatableContentColumns, rows.map((r) => [r.id, r.organization_id, ...updatableContentColumns.map((c) => r[c])]));
  const renamed = rows.filter((r) => aliasesChanged.has(r.id));
  if (renamed.length === 0) return;
  for (const part of chunks(renamed.map((r) => r.id))) await db.deleteFrom('content_ids').where('content_id', 'in', part).execute();
  await store.bulkInsert(db, 'content_ids', idColumns, contentIdRows(renamed));
}

/** One content's ids and EPSS (for bringing its EPSS in line after an EPSS import). */
export interface ContentEpss {
  readonly id: string;
  readonly vulnerabilityId: string;
  readonly aliasesJson: string;
  readonly epssScore: number | null;
  readonly epssPercentile: number | null;
}

/** The contents of an organisation after `afterId` in id order, at most `limit`, with their ids and EPSS. */
export async function contentsEpssPage(db: Db, store: Pick<Store, 'selectArrays'>, organizationId: string, afterId: string, limit: number): Promise<ContentEpss[]> {
  const q = db
    .selectFrom('finding_contents')
    .select(['id', 'vulnerability_id', 'aliases_json', 'epss_score', 'epss_percentile'])
    .where('organization_id', '=', organizationId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit);
  return (await store.selectArrays(db, q.compile())).map(([id, vulnerabilityId, aliasesJson, epssScore, epssPercentile]) => ({
    id: id as string,
    vulnerabilityId: vulnerabilityId as string,
    aliasesJson: aliasesJson as string,
    epssScore: epssScore === null ? null : Number(epssScore),
    epssPercentile: epssPercentile === null ? null : Number(epssPercentile),
  }));
}

/** Sets the EPSS of contents by id (nothing else: an EPSS move is not a change of the content). */
export async function setContentsEpss(db: Db, store: Pick<Store, 'bulkUpdate'>, organizationId: string, rows: readonly { id: string; epssScore: number | null; epssPercentile: number | null }[]): Promise<void> {
  if (rows.length === 0) return;
  await store.bulkUpdate(db, 'finding_contents', ['id', 'organization_id'], ['epss_score', 'epss_percentile'], rows.map((r) => [r.id, organizationId, r.epssScore, r.epssPercentile]));
}

/** The contents were confirmed unchanged: their last-seen time and sequence number move. */
export async function touchContents(db: Db, organizationId: string, ids: readonly string[], at: string, seq: number): Promise<void> {
  for (const part of chunks(ids))
    await db.updateTable('finding_contents').set({ last_seen_at: at, computed_at_seq: seq }).where(inOrganization(organizationId)).where('id', 'in', part).execute();
}

/** Active findings that point at each of these contents. */
export async function activeFindingsOfContents(db: Db, organizationId: string, contentIds: readonly string[]): Promise<number> {
  let n = 0;
  for (const part of chunks(contentIds)) {
    const row = await db
      .selectFrom('finding_rows')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where(inOrganization(organizationId))
      .where('content_id', 'in', part)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    n += Number(row.n);
  }
  return n;
}

/** Deletes the contents no finding points at any more and no event names (their ids go with them). */
export async function pruneContents(db: Db, organizationId: string, contentIds: readonly string[]): Promise<void> {
  for (const part of chunks([...new Set(contentIds)])) {
    const unused = await db
      .selectFrom('finding_contents')
      .select('id')
      .where(inOrganization(organizationId))
      .where('id', 'in', part)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('finding_rows').select('finding_rows.id').whereRef('finding_rows.content_id', '=', 'finding_contents.id'))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('content_events').select('content_events.id').whereRef('content_events.content_id', '=', 'finding_contents.id'))))
      .execute();
    const ids = unused.map((r) => r.id);
    if (ids.length === 0) continue;
    await db.deleteFrom('content_ids').where('content_id', 'in', ids).execute();
    await db.deleteFrom('finding_contents').where('organization_id', '=', organizationId).where('id', 'in', ids).execute();
  }
}

const contentEventColumns: readonly BulkColumn[] = bulkColumns(['id', 'organization_id', 'content_id', 'vulnerability_id', 'kind', 'at', 'seq', 'severity', 'previous_severity', 'detail_json']).map((c) =>
  c.name === 'seq' ? { name: 'seq', type: 'integer' } : { name: c.name, type: 'text' },
);

export async function insertContentEvents(db: Db, store: Pick<Store, 'bulkInsert'>, rows: readonly ContentEventsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await store.bulkInsert(db, 'content_events', contentEventColumns, rows.map((r) => contentEventColumns.map((c) => r[c.name as keyof ContentEventsTable])));
}

// ---- package versions (variants) ----------------------------------------------------------------

export interface PackageVariantRow {
  readonly variantKey: string;
  readonly ecosystem: string | null;
  readonly name: string | null;
  readonly cpeProduct: string | null;
  readonly identityJson: string;
  readonly state: string;
  readonly dirty: boolean;
}

function toVariant(r: PackageVariantsTable): PackageVariantRow {
  return { variantKey: r.variant_key, ecosystem: r.ecosystem, name: r.name, cpeProduct: r.cpe_product, identityJson: r.identity_json, state: r.state, dirty: Number(r.dirty) === 1 };
}

export async function variantsByKey(db: Db, organizationId: string, keys: readonly string[]): Promise<Map<string, PackageVariantRow>> {
  const out = new Map<string, PackageVariantRow>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db.selectFrom('package_variants').selectAll().where('organization_id', '=', organizationId).where('variant_key', 'in', part).execute();
    for (const r of rows) out.set(r.variant_key, toVariant(r));
  }
  return out;
}

/** What the last evaluation of each of these package versions found (`state`) and whether it is dirty. */
export async function variantStates(db: Db, store: Pick<Store, 'selectArrays'>, organizationId: string, keys: readonly string[]): Promise<Map<string, { state: string; dirty: boolean }>> {
  const out = new Map<string, { state: string; dirty: boolean }>();
  for (const part of chunks([...new Set(keys)])) {
    const q = db.selectFrom('package_variants').select(['variant_key', 'state', 'dirty']).where('organization_id', '=', organizationId).where('variant_key', 'in', part);
    for (const [key, state, dirty] of await store.selectArrays(db, q.compile())) out.set(key as string, { state: state as string, dirty: Number(dirty) === 1 });
  }
  return out;
}

/** The recorded package versions of these packages (OSV ecosystem and name) or CPE products. */
export async function variantsOfPackages(
  db: Db,
  organizationId: string,
  packages: readonly { ecosystem: string; name: string }[],
  cpeProducts: readonly string[],
): Promise<PackageVariantRow[]> {
  const out: PackageVariantRow[] = [];
  const namesByEcosystem = new Map<string, Set<string>>();
  for (const p of packages) namesByEcosystem.set(p.ecosystem, (namesByEcosystem.get(p.ecosystem) ?? new Set()).add(p.name));
  for (const [ecosystem, names] of namesByEcosystem)
    for (const part of chunks([...names])) {
      const rows = await db.selectFrom('package_variants').selectAll().where('organization_id', '=', organizationId).where('ecosystem', '=', ecosystem).where('name', 'in', part).execute();
      out.push(...rows.map(toVariant));
    }
  for (const part of chunks([...new Set(cpeProducts)])) {
    const rows = await db.selectFrom('package_variants').selectAll().where('organization_id', '=', organizationId).where('cpe_product', 'in', part).execute();
    out.push(...rows.map(toVariant));
  }
  return out;
}

/**
 * The package versions of these OSV ecosystems; with `statePrefix`, only those whose recorded state
 * begins with it. A refresh asks for them when a change touched an ecosystem: the package versions
 * left unevaluated because the vulnerability database held no advisory of it are evaluated again
 * once it holds some, though no change names their packages (QA PSIRT M2).
 */
export async function variantsOfEcosystems(db: Db, organizationId: string, ecosystems: readonly string[], statePrefix: string | null): Promise<PackageVariantRow[]> {
  const out: PackageVariantRow[] = [];
  for (const ecosystem of new Set(ecosystems)) {
    let q = db.selectFrom('package_variants').selectAll().where('organization_id', '=', organizationId).where('ecosystem', '=', ecosystem);
    if (statePrefix !== null) q = q.where(sql<string>`substr(state, 1, ${sql.lit(statePrefix.length)})`, '=', statePrefix);
    out.push(...(await q.execute()).map(toVariant));
  }
  return out;
}

/** Variant keys of the contents that carry one of these vulnerability ids (enrichment-only changes: KEV, EPSS). */
export async function variantsWithVulnerabilities(db: Db, organizationId: string, ids: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(ids.map((i) => i.toUpperCase()))])) {
    const rows = await db
      .selectFrom('content_ids')
      .innerJoin('finding_contents', 'finding_contents.id', 'content_ids.content_id')
      .select('finding_contents.variant_key')
      .where('content_ids.organization_id', '=', organizationId)
      .where('content_ids.vuln_id', 'in', part)
      .execute();
    for (const r of rows) out.add(r.variant_key);
  }
  return [...out];
}

/** Records package versions (replacing what was recorded under the same keys). */
export async function saveVariants(db: Db, store: Pick<Store, 'bulkInsert'>, organizationId: string, rows: readonly PackageVariantRow[]): Promise<void> {
  if (rows.length === 0) return;
  await deleteVariants(db, organizationId, rows.map((r) => r.variantKey));
  await store.bulkInsert(
    db,
    'package_variants',
    bulkColumns(['organization_id', 'variant_key', 'ecosystem', 'name', 'cpe_product', 'identity_json', 'state', 'dirty']),
    rows.map((r) => [organizationId, r.variantKey, r.ecosystem, r.name, r.cpeProduct, r.identityJson, r.state, r.dirty ? 1 : 0]),
  );
}

export async function deleteVariants(db: Db, organizationId: string, keys: readonly string[]): Promise<void> {
  for (const part of chunks([...new Set(keys)])) await db.deleteFrom('package_variants').where('organization_id', '=', organizationId).where('variant_key', 'in', part).execute();
}

/** A finding row from its values in `findingColumnNames` order. */
function findingFromArray(a: readonly unknown[]): FindingsTable {
  // One object literal: the same shape for every row (assigning the columns in a loop made each row
  // cost as much as better-sqlite3's own row objects).
  return {
    id: a[0] as string,
    organization_id: a[1] as string,
    release_id: a[2] as string,
    package_key: a[3] as string,
    component_version: a[4] as string,
    vulnerability_id: a[5] as string,
    component_id: a[6] as string | null,
    component_name: a[7] as string,
    component_purl: a[8] as string | null,
    aliases_json: a[9] as string,
    summary: a[10] as string | null,
    severity: a[11] as string,
    cvss_score: a[12] as number | null,
    cvss_json: a[13] as string,
    epss_score: a[14] as number | null,
    epss_percentile: a[15] as number | null,
    kev: a[16] as number,
    kev_due_date: a[17] as string | null,
    fixed_versions_json: a[18] as string,
    evidence_json: a[19] as string,
    content_hash: a[20] as string,
    status: a[21] as FindingsTable['status'],
    first_seen_at: a[22] as string,
    last_seen_at: a[23] as string,
    changed_at: a[24] as string,
    computed_at_seq: a[25] as number,
    content_id: a[26] as string,
  };
}

/**
 * Findings of some releases (every status), optionally only those of the given package keys, with
 * their contents (the view `findings`). Read as arrays (`Store.selectArrays`).
 */
export async function findingsOfReleases(db: Db, store: Pick<Store, 'selectArrays'>, organizationId: string, releaseIds: readonly string[], packageKeys?: readonly string[]): Promise<FindingsTable[]> {
  const out: FindingsTable[] = [];
  if (packageKeys !== undefined && packageKeys.length === 0) return out;
  // findings_identity (organization_id, release_id, package_key, …) serves both forms (migration 0014).
  for (const part of chunks(releaseIds, packageKeys ? 100 : 500))
    for (const keys of packageKeys ? chunks(packageKeys, 400) : [null]) {
      let q = db.selectFrom('findings').select(findingColumnNames).where('organization_id', '=', organizationId).where('release_id', 'in', part);
      if (keys) q = q.where('package_key', 'in', keys);
      for (const a of await store.selectArrays(db, q.compile())) out.push(findingFromArray(a));
    }
  return out;
}

const eventColumns: readonly BulkColumn[] = (
  ['id', 'organization_id', 'release_id', 'finding_id', 'vulnerability_id', 'kind', 'at', 'seq', 'severity', 'previous_severity', 'detail_json'] as const
).map((name) => ({ name, type: name === 'seq' ? 'integer' : 'text' }));

export async function insertFindingEvents(db: Db, store: Pick<Store, 'bulkInsert'>, rows: readonly FindingEventsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await store.bulkInsert(db, 'finding_events', eventColumns, rows.map((r) => eventColumns.map((c) => r[c.name as keyof FindingEventsTable])));
}

export interface ComponentPackageRow {
  readonly componentId: string;
  readonly releaseId: string;
  readonly ecosystem: string | null;
  readonly name: string | null;
  readonly cpeProduct: string | null;
}

export interface UnevaluatedRow {
  readonly componentId: string;
  readonly releaseId: string;
  readonly reason: string;
  readonly detail: string;
}

/**
 * Replaces the package index and unevaluated list of the analysed components: of whole releases
 * (`componentIds` null) or of just the re-evaluated components.
 */
export async function replaceComponentIndex(
  db: Db,
  store: Pick<Store, 'bulkInsert'>,
  organizationId: string,
  scope: { readonly releaseIds: readonly string[]; readonly componentIds: readonly string[] | null },
  packages: readonly ComponentPackageRow[],
  unevaluated: readonly UnevaluatedRow[],
): Promise<void> {
  for (const table of ['component_packages', 'unevaluated_components'] as const) {
    if (scope.componentIds === null) {
      for (const part of chunks(scope.releaseIds))
        await db.deleteFrom(table).where('organization_id', '=', organizationId).where('release_id', 'in', part).execute();
    } else {
      for (const part of chunks(scope.componentIds))
        await db.deleteFrom(table).where('organization_id', '=', organizationId).where('component_id', 'in', part).execute();
    }
  }
  await store.bulkInsert(
    db,
    'component_packages',
    ['component_id', 'organization_id', 'release_id', 'ecosystem', 'name', 'cpe_product'].map((name) => ({ name, type: 'text' as const })),
    packages.map((p) => [p.componentId, organizationId, p.releaseId, p.ecosystem, p.name, p.cpeProduct]),
  );
  await store.bulkInsert(
    db,
    'unevaluated_components',
    ['component_id', 'organization_id', 'release_id', 'reason', 'detail'].map((name) => ({ name, type: 'text' as const })),
    unevaluated.map((u) => [u.componentId, organizationId, u.releaseId, u.reason, u.detail]),
  );
}

/** The stored package index entries of some components, and the unevaluated entries of some (by component id). */
export async function componentIndexOf(
  db: Db,
  organizationId: string,
  ids: { readonly packages: readonly string[]; readonly unevaluated: readonly string[] },
): Promise<{ packages: Map<string, ComponentPackageRow>; unevaluated: Map<string, UnevaluatedRow> }> {
  const packages = new Map<string, ComponentPackageRow>();
  const unevaluated = new Map<string, UnevaluatedRow>();
  for (const part of chunks(ids.packages)) {
    const rows = await db.selectFrom('component_packages').selectAll().where('organization_id', '=', organizationId).where('component_id', 'in', part).execute();
    for (const r of rows) packages.set(r.component_id, { componentId: r.component_id, releaseId: r.release_id, ecosystem: r.ecosystem, name: r.name, cpeProduct: r.cpe_product });
  }
  for (const part of chunks(ids.unevaluated)) {
    const rows = await db.selectFrom('unevaluated_components').selectAll().where('organization_id', '=', organizationId).where('component_id', 'in', part).execute();
    for (const r of rows) unevaluated.set(r.component_id, { componentId: r.component_id, releaseId: r.release_id, reason: r.reason, detail: r.detail });
  }
  return { packages, unevaluated };
}

/** Indexed components of the organisation whose package or CPE product is one of those given. */
export async function componentsOfPackages(
  db: Db,
  organizationId: string,
  packages: readonly { ecosystem: string; name: string }[],
  cpeProducts: readonly string[],
  /** Only the components of these releases. */
  releaseIds?: readonly string[],
): Promise<ComponentPackageRow[]> {
  const out: ComponentPackageRow[] = [];
  const releases = releaseIds ? new Set(releaseIds) : null;
  const wanted = new Set(packages.map((p) => `${p.ecosystem}\u0000${p.name}`));
  const map = (r: { component_id: string; release_id: string; ecosystem: string | null; name: string | null; cpe_product: string | null }) => ({
    componentId: r.component_id,
    releaseId: r.release_id,
    ecosystem: r.ecosystem,
    name: r.name,
    cpeProduct: r.cpe_product,
  });
  // Per ecosystem, by name: the index (ecosystem, name) serves `ecosystem = ? and name in (…)`, one
  // query per ecosystem and 500 names. (By name alone it could not: a whole-table scan, 1,000,000
  // rows at 1,000 releases × 1,000 components.)
  const namesByEcosystem = new Map<string, Set<string>>();
  for (const p of packages) {
    const names = namesByEcosystem.get(p.ecosystem);
    if (names) names.add(p.name);
    else namesByEcosystem.set(p.ecosystem, new Set([p.name]));
  }
  for (const [ecosystem, names] of namesByEcosystem)
    for (const part of chunks([...names])) {
      const rows = await db
        .selectFrom('component_packages')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('ecosystem', '=', ecosystem)
        .where('name', 'in', part)
        .execute();
      for (const r of rows) if (wanted.has(`${r.ecosystem ?? ''}\u0000${r.name ?? ''}`) && (!releases || releases.has(r.release_id))) out.push(map(r));
    }
  for (const part of chunks([...new Set(cpeProducts)])) {
    const rows = await db.selectFrom('component_packages').selectAll().where('organization_id', '=', organizationId).where('cpe_product', 'in', part).execute();
    for (const r of rows) if (!releases || releases.has(r.release_id)) out.push(map(r));
  }
  return out;
}

export interface ReleaseAnalysis {
  readonly releaseId: string;
  readonly sbomId: string | null;
  readonly analysedAt: string;
  readonly seq: number;
  readonly componentCount: number;
  readonly unevaluatedCount: number;
}

/** Every analysed release of the organisation, with the SBOM its analysis read (null: manual components only). */
export async function analysedSboms(db: Db, organizationId: string): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('release_analyses').select(['release_id', 'sbom_id']).where('organization_id', '=', organizationId).execute();
  return new Map(rows.map((r) => [r.release_id, r.sbom_id]));
}

/**
 * Analysed releases that the next refresh analyses whole: those whose package versions no analysis
 * has recorded yet (analysed before migration 0015), and those last analysed under older analysis
 * rules (`analysisRulesRevision`, migration 0021).
 */
export async function releasesToAnalyseWhole(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('release_analyses')
    .select('release_id')
    .where('organization_id', '=', organizationId)
    .where((eb) => eb.or([eb('variants_recorded', '=', 0), eb('rules_revision', '<', analysisRulesRevision)]))
    .execute();
  return rows.map((r) => r.release_id);
}

/**
 * After the vulnerability database file was replaced by another one (findings monitor): every release
 * analysis is marked to be done again as a whole, as one from before package versions were recorded
 * is (`releasesToAnalyse`, `releasesToAnalyseWhole`), and the positions of organisations ahead of the
 * new file's last change `head` are moved back to it (the change log of another file is not
 * comparable; the whole analyses bring the findings to the new file). Returns the number of releases
 * marked.
 */
export async function analyseEveryReleaseAgain(db: Db, head: number): Promise<number> {
  const marked = await db.updateTable('release_analyses').set({ variants_recorded: 0 }).executeTakeFirst();
  await db.updateTable('finding_state').set({ last_seq: head }).where('last_seq', '>', head).execute();
  return Number(marked.numUpdatedRows);
}

export async function releaseAnalyses(db: Db, organizationId: string, releaseIds: readonly string[]): Promise<Map<string, ReleaseAnalysis>> {
  const out = new Map<string, ReleaseAnalysis>();
  for (const part of chunks(releaseIds)) {
    const rows = await db.selectFrom('release_analyses').selectAll().where('organization_id', '=', organizationId).where('release_id', 'in', part).execute();
    for (const r of rows)
      out.set(r.release_id, {
        releaseId: r.release_id,
        sbomId: r.sbom_id,
        analysedAt: r.analysed_at,
        seq: Number(r.seq),
        componentCount: Number(r.component_count),
        unevaluatedCount: Number(r.unevaluated_count),
      });
  }
  return out;
}

/**
 * The refresh that last brought a release's findings up to date after its analysis (QA secops 5):
 * the organisation's refresh position and time (`finding_state`) when the position is after the
 * release's analysis. A refresh reads every change after its position and re-evaluates each package
 * version a change touched in every analysed release, so once it completed every release analysed
 * before it is current at its position; a release marked to be analysed whole again (another
 * database file, older analysis rules) is not, until that analysis. Null when no refresh followed the
 * analysis (or the release was never analysed).
 */
export async function releaseRefreshedAfterAnalysis(db: Db, organizationId: string, releaseId: string): Promise<{ seq: number; at: string } | null> {
  const row = await db
    .selectFrom('release_analyses as ra')
    .innerJoin('finding_state as fs', 'fs.organization_id', 'ra.organization_id')
    .select(['fs.last_seq as seq', 'fs.refreshed_at as at'])
    .where('ra.organization_id', '=', organizationId)
    .where('ra.release_id', '=', releaseId)
    .where('ra.variants_recorded', '=', 1)
    .where('ra.rules_revision', '>=', analysisRulesRevision)
    .whereRef('fs.last_seq', '>', 'ra.seq')
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), at: row.at } : null;
}

export async function saveReleaseAnalysis(db: Db, organizationId: string, a: ReleaseAnalysis): Promise<void> {
  const values = {
    release_id: a.releaseId,
    organization_id: organizationId,
    sbom_id: a.sbomId,
    analysed_at: a.analysedAt,
    seq: a.seq,
    component_count: a.componentCount,
    unevaluated_count: a.unevaluatedCount,
    variants_recorded: 1,
    rules_revision: analysisRulesRevision,
  };
  await db
    .insertInto('release_analyses')
    .values(values)
    .onConflict((oc) =>
      oc.column('release_id').doUpdateSet({ sbom_id: a.sbomId, analysed_at: a.analysedAt, seq: a.seq, component_count: a.componentCount, unevaluated_count: a.unevaluatedCount, variants_recorded: 1, rules_revision: analysisRulesRevision }),
    )
    .execute();
}

/** Keeps the unevaluated count of a release in step after a partial re-evaluation. */
export async function recountUnevaluated(db: Db, organizationId: string, releaseIds: readonly string[]): Promise<void> {
  for (const part of chunks(releaseIds))
    await db
      .updateTable('release_analyses')
      .set((eb) => ({
        unevaluated_count: eb
          .selectFrom('unevaluated_components')
          .select((x) => x.fn.countAll<number>().as('n'))
          .whereRef('unevaluated_components.release_id', '=', 'release_analyses.release_id'),
      }))
      .where('organization_id', '=', organizationId)
      .where('release_id', 'in', part)
      .execute();
}

export async function findingState(db: Db, organizationId: string): Promise<{ lastSeq: number; refreshedAt: string } | undefined> {
  const row = await db.selectFrom('finding_state').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
  return row && { lastSeq: Number(row.last_seq), refreshedAt: row.refreshed_at };
}

export async function saveFindingState(db: Db, organizationId: string, lastSeq: number, at: string): Promise<void> {
  await db
    .insertInto('finding_state')
    .values({ organization_id: organizationId, last_seq: lastSeq, refreshed_at: at })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet({ last_seq: lastSeq, refreshed_at: at }))
    .execute();
}

/**
 * Where the organisation's findings stand against the vulnerability database: the last refresh, or
 * (never refreshed) the oldest analysis, which a refresh reads the change log after; null when no
 * release has been analysed. `organizationsBehind` asks the same of every organisation at once.
 */
export async function findingsPosition(db: Db, organizationId: string): Promise<{ seq: number; refreshedAt: string | null } | null> {
  const state = await findingState(db, organizationId);
  if (state) return { seq: state.lastSeq, refreshedAt: state.refreshedAt };
  const oldest = await oldestAnalysisSeq(db, organizationId);
  return oldest === null ? null : { seq: oldest, refreshedAt: null };
}

/** The oldest sequence number any analysed release of the organisation was computed at. */
export async function oldestAnalysisSeq(db: Db, organizationId: string): Promise<number | null> {
  const row = await db
    .selectFrom('release_analyses')
    .select((eb) => eb.fn.min<number | string | null>('seq').as('s'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.s === null || row?.s === undefined ? null : Number(row.s);
}

/**
 * Organisations whose findings were not computed at change `head` of the vulnerability database: the
 * last refresh (or, never refreshed, the oldest analysis) is older, or newer than the database's
 * last change (the file was replaced by an older copy or one built anew: its change log is another
 * one, and a refresh analyses every release whole). Organisations that never analysed a release are
 * not listed: there is nothing to bring up to date.
 */
export async function organizationsBehind(db: Db, head: number, organizationId?: string): Promise<string[]> {
  let query = db
    .selectFrom('release_analyses as ra')
    .leftJoin('finding_state as fs', 'fs.organization_id', 'ra.organization_id')
    .select(['ra.organization_id as org', 'fs.last_seq as last'])
    .select((eb) => eb.fn.min<number | string>('ra.seq').as('oldest'))
    .groupBy(['ra.organization_id', 'fs.last_seq']);
  if (organizationId !== undefined) query = query.where('ra.organization_id', '=', organizationId);
  const rows = await query.execute();
  return rows.filter((r) => Number(r.last ?? r.oldest) !== head).map((r) => r.org);
}

/**
 * Releases (not archived) whose inventory has not been analysed as it stands: an SBOM newer than
 * the one analysed (or none analysed), or manual components only and no analysis. The findings
 * monitor analyses them, so that SBOMs uploaded before any feed was imported, or while the server
 * was down, are not left behind.
 */
export async function releasesToAnalyse(db: Db): Promise<{ releaseId: string; organizationId: string }[]> {
  const rows = await db
    .selectFrom('releases as r')
    .leftJoin('release_analyses as ra', (join) => join.onRef('ra.release_id', '=', 'r.id').onRef('ra.organization_id', '=', 'r.organization_id'))
    .where('r.archived_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('sboms as s').select('s.id').whereRef('s.release_id', '=', 'r.id')),
        eb.and([
          eb('ra.release_id', 'is', null),
          eb.exists(eb.selectFrom('components as c').select('c.id').whereRef('c.release_id', '=', 'r.id').where('c.sbom_id', 'is', null)),
        ]),
        eb('ra.rules_revision', '<', analysisRulesRevision),
        eb('ra.variants_recorded', '=', 0),
      ]),
    )
    .select(['r.id as releaseId', 'r.organization_id as organizationId', 'ra.release_id as analysed', 'ra.sbom_id as analysedSbom', 'ra.rules_revision as rulesRevision', 'ra.variants_recorded as variantsRecorded'])
    .execute();
  const byOrg = new Map<string, typeof rows>();
  for (const r of rows) (byOrg.get(r.organizationId) ?? byOrg.set(r.organizationId, []).get(r.organizationId)!).push(r);
  const out: { releaseId: string; organizationId: string }[] = [];
  for (const [org, list] of byOrg) {
    const current = await currentSbomIds(db, org, list.map((r) => r.releaseId));
    for (const r of list)
      if (
        r.analysed === null ||
        (current.get(r.releaseId) ?? null) !== r.analysedSbom ||
        Number(r.rulesRevision) < analysisRulesRevision ||
        Number(r.variantsRecorded) === 0
      )
        out.push({ releaseId: r.releaseId, organizationId: org });
  }
  return out;
}

// ---- reads for the API ------------------------------------------------------------------------

/** Severity as a number for ordering: critical first, unknown after low. */
export const severityRankSql = sql<number>`case severity when 'critical' then 5 when 'high' then 4 when 'medium' then 3 when 'low' then 2 when 'unknown' then 1 else 0 end`;

export interface FindingFilter {
  readonly severity?: readonly Severity[] | undefined;
  readonly kev?: boolean | undefined;
  readonly status?: FindingStatus | 'all' | undefined;
  /** Substring of the vulnerability id, aliases, component name or purl. */
  readonly q?: string | undefined;
}

/** A release's findings narrowed by a filter (status active unless given). */
function releaseFindingsQuery(db: Db, organizationId: string, releaseId: string, filter: FindingFilter) {
  let q = db.selectFrom('findings').where('organization_id', '=', organizationId).where('release_id', '=', releaseId);
  const status = filter.status ?? 'active';
  if (status !== 'all') q = q.where('status', '=', status);
  if (filter.severity && filter.severity.length > 0) q = q.where('severity', 'in', [...filter.severity]);
  if (filter.kev !== undefined) q = q.where('kev', '=', filter.kev ? 1 : 0);
  if (filter.q && filter.q.trim() !== '') {
    const pattern = likePattern(filter.q.trim());
    q = q.where((eb) =>
      eb.or(
        (['vulnerability_id', 'aliases_json', 'component_name', 'component_purl'] as const).map(
          (col): Expression<SqlBool> =>
            eb(col === 'component_name' ? foldedColumn(col) : sql`lower(${sql.ref(col)})`, 'like', sql`${pattern} escape '\\'`),
        ),
      ),
    );
  }
  return q;
}

type ReleaseFindingsQuery = ReturnType<typeof releaseFindingsSelect>;
const releaseFindingsSelect = (db: Db, organizationId: string, releaseId: string, filter: FindingFilter) => releaseFindingsQuery(db, organizationId, releaseId, filter).selectAll();
const releaseFindingsOrder = (x: ReleaseFindingsQuery): ReleaseFindingsQuery =>
  x.orderBy(sql`kev`, 'desc').orderBy(severityRankSql, 'desc').orderBy(sql`coalesce(cvss_score, -1)`, 'desc').orderBy('vulnerability_id').orderBy('component_name').orderBy('id');

export function listReleaseFindings(db: Db, organizationId: string, releaseId: string, filter: FindingFilter, page: PageRequest): Promise<Page<FindingRecord>> {
  return paginate(releaseFindingsSelect(db, organizationId, releaseId, filter), page, releaseFindingsOrder, toFinding);
}

/**
 * Every finding of a release that passes the filter, in the list's order (KEV first, then by
 * severity): for a filter the database cannot apply (the triage decision, which carries forward
 * from earlier releases and is chosen in code), applied to the whole set before paging.
 */
export async function allReleaseFindings(db: Db, organizationId: string, releaseId: string, filter: FindingFilter): Promise<FindingRecord[]> {
  return (await releaseFindingsOrder(releaseFindingsSelect(db, organizationId, releaseId, filter)).execute()).map(toFinding);
}

/**
 * When any finding of a release last changed (appeared, changed content, ended): the newest
 * `changed_at` among its findings of every status, or null when it has none.
 */
export async function releaseFindingsChangedAt(db: Db, organizationId: string, releaseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('findings')
    .select((eb) => eb.fn.max('changed_at').as('at'))
    .where('organization_id', '=', organizationId)
    .where('release_id', '=', releaseId)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** What the triage priority of a finding is computed from, and what its queue is sorted and searched by. */
export type TriageCandidate = Pick<FindingRecord, 'id' | 'releaseId' | 'packageKey' | 'componentName' | 'componentVersion' | 'componentPurl' | 'vulnerabilityId' | 'aliases' | 'severity' | 'cvss' | 'epss' | 'kev'>;

/**
 * A release's findings that the filter keeps, with only the columns their triage priority needs (not
 * the evidence, fixed versions or summary): the triage queue ranks them all, then reads the page it
 * shows whole (findFindings).
 */
export async function triageCandidates(db: Db, organizationId: string, releaseId: string, filter: FindingFilter): Promise<TriageCandidate[]> {
  const rows = await releaseFindingsQuery(db, organizationId, releaseId, filter)
    .select(['id', 'release_id', 'package_key', 'component_name', 'component_version', 'component_purl', 'vulnerability_id', 'aliases_json', 'severity', 'cvss_json', 'epss_score', 'epss_percentile', 'kev'])
    .execute();
  return rows.map((r) => {
    const epss = num(r.epss_score);
    return {
      id: r.id,
      releaseId: r.release_id,
      packageKey: r.package_key,
      componentName: r.component_name,
      componentVersion: r.component_version,
      componentPurl: r.component_purl,
      vulnerabilityId: r.vulnerability_id,
      aliases: JSON.parse(r.aliases_json) as string[],
      severity: r.severity as Severity,
      cvss: JSON.parse(r.cvss_json) as CvssSummary[],
      epss: epss === null ? null : { score: epss, percentile: num(r.epss_percentile) ?? 0 },
      kev: Number(r.kev) === 1,
    };
  });
}

/** Findings of the organisation by id, in no particular order. */
export async function findFindings(db: Db, organizationId: string, ids: readonly string[]): Promise<FindingRecord[]> {
  const out: FindingRecord[] = [];
  for (const part of chunks([...new Set(ids)]))
    out.push(...(await db.selectFrom('findings').selectAll().where(inOrganization(organizationId)).where('id', 'in', part).execute()).map(toFinding));
  return out;
}

export async function findFinding(db: Db, organizationId: string, id: string): Promise<FindingRecord | undefined> {
  const row = await db.selectFrom('findings').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  return row && toFinding(row);
}

export interface VulnerabilitySummaryRow {
  readonly vulnerabilityId: string;
  readonly severity: Severity;
  readonly cvssScore: number | null;
  readonly epssScore: number | null;
  readonly kev: boolean;
  readonly summary: string | null;
  readonly releases: number;
  readonly findings: number;
  /** Of `releases`, those archived or of an archived product (0 when archived ones are left out). */
  readonly archivedReleases: number;
}

/** The organisation's releases that are archived or belong to an archived product. */
function archivedReleaseIds(db: Db, organizationId: string) {
  return db
    .selectFrom('releases')
    .innerJoin('products', 'products.id', 'releases.product_id')
    .select('releases.id')
    .where('releases.organization_id', '=', organizationId)
    .where((w) => w.or([w('releases.archived_at', 'is not', null), w('products.archived_at', 'is not', null)]));
}

const rankToSeverity: Record<number, Severity> = { 5: 'critical', 4: 'high', 3: 'medium', 2: 'low', 1: 'unknown', 0: 'none' };

/** The vulnerabilities with active findings in the organisation: one row each, the worst values across its findings. */
export async function listVulnerabilities(
  db: Db,
  organizationId: string,
  filter: { q?: string | undefined; severity?: readonly Severity[] | undefined; kev?: boolean | undefined; archived?: ArchivedFilter | undefined },
  page: PageRequest,
): Promise<Page<VulnerabilitySummaryRow>> {
  const archived = filter.archived ?? 'exclude';
  let q = db.selectFrom('findings').where('organization_id', '=', organizationId).where('status', '=', 'active');
  // The archived releases once (an uncorrelated subquery), not a join per finding.
  if (archived === 'exclude') q = q.where('release_id', 'not in', archivedReleaseIds(db, organizationId));
  else if (archived === 'only') q = q.where('release_id', 'in', archivedReleaseIds(db, organizationId));
  if (filter.severity && filter.severity.length > 0) q = q.where('severity', 'in', [...filter.severity]);
  if (filter.kev !== undefined) q = q.where('kev', '=', filter.kev ? 1 : 0);
  if (filter.q && filter.q.trim() !== '') {
    const pattern = likePattern(filter.q.trim());
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(vulnerability_id)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(aliases_json)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`mamori_fold(coalesce(summary, ''))`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const countRow = await q.select((eb) => eb.fn.count<number | string>('vulnerability_id').distinct().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select((eb) => [
      'vulnerability_id',
      eb.fn.max(severityRankSql).as('rank'),
      eb.fn.max('cvss_score').as('cvss'),
      eb.fn.max('epss_score').as('epss'),
      eb.fn.max('kev').as('kev'),
      eb.fn.max('summary').as('summary'),
      eb.fn.count<number | string>('release_id').distinct().as('releases'),
      eb.fn.countAll<number | string>().as('findings'),
      archived === 'include'
        ? eb.fn
            .count<number | string>(eb.case().when('release_id', 'in', archivedReleaseIds(db, organizationId)).then(eb.ref('release_id')).end())
            .distinct()
            .as('archived_releases')
        : archived === 'only'
          ? eb.fn.count<number | string>('release_id').distinct().as('archived_releases')
          : sql<number>`0`.as('archived_releases'),
    ])
    .groupBy('vulnerability_id')
    .orderBy(sql`max(kev)`, 'desc')
    .orderBy(sql`max(${severityRankSql})`, 'desc')
    .orderBy(sql`coalesce(max(cvss_score), -1)`, 'desc')
    .orderBy('vulnerability_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    items: rows.map((r) => ({
      vulnerabilityId: r.vulnerability_id,
      severity: rankToSeverity[Number(r.rank)] ?? 'unknown',
      cvssScore: num(r.cvss),
      epssScore: num(r.epss),
      kev: Number(r.kev) === 1,
      summary: (r.summary) ?? null,
      releases: Number(r.releases),
      findings: Number(r.findings),
      archivedReleases: Number(r.archived_releases),
    })),
    total: Number(countRow.n),
    limit: page.limit,
    offset: page.offset,
  };
}

export interface PortfolioRow {
  readonly productId: string;
  readonly productName: string;
  readonly releaseId: string;
  readonly releaseVersion: string;
  readonly stage: string;
  /** The product or the release is archived (listed only when archived records are asked for). */
  readonly archived: boolean;
  readonly findingId: string;
  readonly vulnerabilityId: string;
  readonly componentName: string;
  readonly componentVersion: string;
  readonly componentPurl: string | null;
  readonly severity: Severity;
  readonly kev: boolean;
  readonly kevDueDate: string | null;
  readonly status: FindingStatus;
  readonly fixedVersions: readonly string[];
  readonly firstSeenAt: string;
  readonly at: string | null;
}

/** Archived products and releases in the portfolio questions: left out (the default), included, or alone. */
export type ArchivedFilter = 'exclude' | 'include' | 'only';

function portfolioBase(db: Db, organizationId: string, archived: ArchivedFilter) {
  let q = db
    .selectFrom('findings')
    .innerJoin('releases', 'releases.id', 'findings.release_id')
    .innerJoin('products', 'products.id', 'releases.product_id')
    .where('findings.organization_id', '=', organizationId)
    .select([
      'products.id as product_id',
      'products.name as product_name',
      'releases.id as release_id',
      'releases.version as release_version',
      'releases.stage as stage',
      sql<number>`case when products.archived_at is null and releases.archived_at is null then 0 else 1 end`.as('archived'),
      'findings.id as finding_id',
      'findings.vulnerability_id',
      'findings.component_name',
      'findings.component_version',
      'findings.component_purl',
      'findings.severity',
      'findings.kev',
      'findings.kev_due_date',
      'findings.status',
      'findings.fixed_versions_json',
      'findings.first_seen_at',
    ]);
  if (archived === 'exclude') q = q.where('products.archived_at', 'is', null).where('releases.archived_at', 'is', null);
  else if (archived === 'only') q = q.where((eb) => eb.or([eb('products.archived_at', 'is not', null), eb('releases.archived_at', 'is not', null)]));
  return q;
}

type PortfolioSelect = {
  product_id: string;
  product_name: string;
  release_id: string;
  release_version: string;
  stage: string;
  archived: number;
  finding_id: string;
  vulnerability_id: string;
  component_name: string;
  component_version: string;
  component_purl: string | null;
  severity: string;
  kev: number;
  kev_due_date: string | null;
  status: FindingStatus;
  fixed_versions_json: string;
  first_seen_at: string;
  at?: string | null;
};

function toPortfolio(r: PortfolioSelect): PortfolioRow {
  return {
    productId: r.product_id,
    productName: r.product_name,
    releaseId: r.release_id,
    releaseVersion: r.release_version,
    stage: r.stage,
    archived: Number(r.archived) === 1,
    findingId: r.finding_id,
    vulnerabilityId: r.vulnerability_id,
    componentName: r.component_name,
    componentVersion: r.component_version,
    componentPurl: r.component_purl,
    severity: r.severity as Severity,
    kev: Number(r.kev) === 1,
    kevDueDate: r.kev_due_date,
    status: r.status,
    fixedVersions: JSON.parse(r.fixed_versions_json) as string[],
    firstSeenAt: r.first_seen_at,
    at: r.at ?? null,
  };
}

/** A row of the affected-by question: `relatedHit` is set when the finding is there through a related record. */
export interface AffectedRow extends PortfolioRow {
  /**
   * For a finding that carries none of the ids asked for, the smallest of the `related` ids it
   * carries (upper case), else null.
   */
  readonly relatedHit: string | null;
}

/**
 * Products and releases with an active finding for any of these ids (CVE, GHSA, any alias), or for
 * any of `related`: the ids of the records that name the vulnerability as related (RSEC-2023-8 for
 * CVE-2023-22486; ADR 0010 addendum 14), which every finding of theirs carries among its ids. A page
 * and the total, by product, release and component; `relatedHit` says which related id a finding
 * that is not the vulnerability itself carries.
 */
export async function affectedBy(
  db: Db,
  organizationId: string,
  ids: readonly string[],
  page: PageRequest,
  archived: ArchivedFilter = 'exclude',
  related: readonly string[] = [],
): Promise<Page<AffectedRow>> {
  const own = [...new Set(ids.map((i) => i.toUpperCase()))];
  const others = [...new Set(related.map((i) => i.toUpperCase()))].filter((i) => !own.includes(i));
  const all = [...own, ...others];
  if (all.length === 0) return { items: [], total: 0, limit: page.limit, offset: page.offset };
  const q = portfolioBase(db, organizationId, archived)
    .select((eb) =>
      others.length === 0
        ? sql<string | null>`null`.as('related_hit')
        : eb
            .case()
            .when(
              eb.exists(eb.selectFrom('content_ids as own_ids').select('own_ids.content_id').whereRef('own_ids.content_id', '=', 'findings.content_id').where('own_ids.vuln_id', 'in', own.length > 0 ? own : [''])),
            )
            .then(sql<string | null>`null`)
            .else(eb.selectFrom('content_ids as via_ids').select((v) => v.fn.min<string>('via_ids.vuln_id').as('hit')).whereRef('via_ids.content_id', '=', 'findings.content_id').where('via_ids.vuln_id', 'in', others))
            .end()
            .as('related_hit'),
    )
    .where('findings.status', '=', 'active')
    .where('findings.id', 'in', (eb) =>
      eb.selectFrom('finding_ids').select('finding_ids.finding_id').where('finding_ids.organization_id', '=', organizationId).where('finding_ids.vuln_id', 'in', all),
    );
  return paginate(
    q,
    page,
    (x) => x.orderBy('products.name').orderBy('releases.version').orderBy('findings.component_name').orderBy('findings.vulnerability_id').orderBy('findings.id'),
    (r) => ({ ...toPortfolio(r), relatedHit: r.related_hit ?? null }),
  );
}

/** Whether any finding of the organisation, whatever its status, carries one of these ids (any case). */
export async function anyFindingNames(db: Db, organizationId: string, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const row = await db
    .selectFrom('finding_ids')
    .select('finding_ids.finding_id')
    .where('finding_ids.organization_id', '=', organizationId)
    .where('finding_ids.vuln_id', 'in', [...new Set(ids.map((i) => i.toUpperCase()))])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Active findings that became new at or after `since` (their `new` events), newest first: a page and
 * the total. A finding that became new more than once since then (it went and came back) is one row,
 * at its latest `new` event.
 */
export async function newlyAffectedSince(db: Db, organizationId: string, since: string, page: PageRequest, archived: ArchivedFilter = 'exclude'): Promise<Page<PortfolioRow>> {
  const q = portfolioBase(db, organizationId, archived)
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('finding_events')
          .select((e) => ['finding_events.finding_id', e.fn.max('finding_events.at').as('at')])
          .where('finding_events.organization_id', '=', organizationId)
          .where('finding_events.kind', '=', 'new')
          .where('finding_events.at', '>=', since)
          .groupBy('finding_events.finding_id')
          .as('e'),
      (join) => join.onRef('e.finding_id', '=', 'findings.id'),
    )
    .select('e.at as at')
    .where('findings.status', '=', 'active');
  return paginate(
    q,
    page,
    (x) => x.orderBy('e.at', 'desc').orderBy('products.name').orderBy('releases.version').orderBy('findings.vulnerability_id').orderBy('findings.component_name').orderBy('findings.id'),
    toPortfolio,
  );
}

/**
 * Known-exploited (KEV) findings in releases in the field (on the market, not at end of support; not
 * archived unless asked for), earliest CISA due date first: a page and the total.
 */
export async function kevInField(db: Db, organizationId: string, page: PageRequest, archived: ArchivedFilter = 'exclude'): Promise<Page<PortfolioRow>> {
  const q = portfolioBase(db, organizationId, archived)
    .where('findings.status', '=', 'active')
    .where('findings.kev', '=', 1)
    // From the few known-exploited contents to their findings (finding_rows_content), not through every finding.
    .where('findings.content_id', 'in', (eb) => eb.selectFrom('finding_contents').select('finding_contents.id').where('finding_contents.organization_id', '=', organizationId).where('finding_contents.kev', '=', 1))
    .where('releases.stage', 'in', ['support', 'limited_support']);
  return paginate(
    q,
    page,
    (x) => x.orderBy(sql`coalesce(findings.kev_due_date, '9999')`).orderBy('products.name').orderBy('releases.version').orderBy('findings.vulnerability_id').orderBy('findings.component_name').orderBy('findings.id'),
    toPortfolio,
  );
}

/**
 * When some findings appeared again and ended (their own `new`, `gone` and `withdrawn` events), in
 * time order, for the CSAF revision history (services/vex.ts).
 */
export async function findingPresenceEvents(db: Db, organizationId: string, findingIds: readonly string[]): Promise<Pick<FindingEventsTable, 'finding_id' | 'kind' | 'at' | 'detail_json'>[]> {
  const out: Pick<FindingEventsTable, 'finding_id' | 'kind' | 'at' | 'detail_json' | 'seq' | 'id'>[] = [];
  for (const part of chunks([...new Set(findingIds)]))
    out.push(
      ...(await db
        .selectFrom('finding_events')
        .select(['id', 'finding_id', 'kind', 'at', 'seq', 'detail_json'])
        .where(inOrganization(organizationId))
        .where('finding_id', 'in', part)
        .where('kind', 'in', ['new', 'gone', 'withdrawn'])
        .execute()),
    );
  return out
    .map((e) => ({ ...e, seq: Number(e.seq) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .map(({ finding_id, kind, at, detail_json }) => ({ finding_id, kind, at, detail_json }));
}

/**
 * Whether a content event concerns a finding that points at the content: the finding was made before
 * the event and had not ended then (ids are time-ordered, see services/ids.ts).
 */
function concerns(f: { id: string; ended_id: string | null }, eventId: string): boolean {
  return f.id < eventId && (f.ended_id === null || f.ended_id > eventId);
}

/**
 * The advisory changes that concern some findings, in time order: the `changed` events of their
 * contents made while each finding pointed at the content (after the finding was made, before it
 * ended: ids are time-ordered), for the CSAF revision history (services/vex.ts).
 */
export async function findingContentChanges(db: Db, organizationId: string, findingIds: readonly string[]): Promise<{ finding_id: string; at: string; detail_json: string }[]> {
  const rows: { id: string; content_id: string; ended_id: string | null }[] = [];
  for (const part of chunks([...new Set(findingIds)]))
    rows.push(...(await db.selectFrom('finding_rows').select(['id', 'content_id', 'ended_id']).where(inOrganization(organizationId)).where('id', 'in', part).execute()));
  const byContent = new Map<string, typeof rows>();
  for (const f of rows) byContent.set(f.content_id, [...(byContent.get(f.content_id) ?? []), f]);
  const out: { finding_id: string; at: string; detail_json: string; seq: number; id: string }[] = [];
  for (const part of chunks([...byContent.keys()]))
    for (const e of await db.selectFrom('content_events').select(['id', 'content_id', 'at', 'seq', 'detail_json']).where(inOrganization(organizationId)).where('content_id', 'in', part).where('kind', '=', 'changed').execute())
      for (const f of byContent.get(e.content_id) ?? [])
        if (concerns(f, e.id)) out.push({ finding_id: f.id, at: e.at, detail_json: e.detail_json, seq: Number(e.seq), id: e.id });
  return out
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .map(({ finding_id, at, detail_json }) => ({ finding_id, at, detail_json }));
}

/**
 * Events of the organisation (or one release) in time order, for the severity history: the findings'
 * own events (new, gone, withdrawn; `changed` from before migration 0015) and the content events,
 * each expanded to the findings that pointed at the content when it changed (made before the event,
 * not ended before it: ids are time-ordered, see services/ids.ts).
 */
export async function listFindingEvents(db: Db, organizationId: string, releaseId: string | null, limit = 100_000): Promise<FindingEventRecord[]> {
  let own = db.selectFrom('finding_events').selectAll().where('organization_id', '=', organizationId);
  if (releaseId) own = own.where('release_id', '=', releaseId);
  const ownRows = await own.orderBy('at').orderBy('seq').orderBy('id').limit(limit).execute();
  const expanded: FindingEventsTable[] = [];
  if (releaseId) {
    // One release: its findings (a few hundred, by the identity index), then their contents' events.
    const findings = await db.selectFrom('finding_rows').select(['id', 'content_id', 'ended_id']).where('organization_id', '=', organizationId).where('release_id', '=', releaseId).execute();
    const byContent = new Map<string, (typeof findings)[number][]>();
    for (const f of findings) {
      const list = byContent.get(f.content_id);
      if (list) list.push(f);
      else byContent.set(f.content_id, [f]);
    }
    for (const part of chunks([...byContent.keys()]))
      for (const e of await db.selectFrom('content_events').selectAll().where(inOrganization(organizationId)).where('content_id', 'in', part).execute())
        for (const f of byContent.get(e.content_id) ?? []) if (concerns(f, e.id)) expanded.push(expandContentEvent(e, f.id, releaseId));
  } else {
    // The organisation: its content events, then the findings of those contents (finding_rows_content).
    const events = await db.selectFrom('content_events').selectAll().where('organization_id', '=', organizationId).orderBy('at').orderBy('seq').orderBy('id').limit(limit).execute();
    const byContent = new Map<string, ContentEventsTable[]>();
    for (const e of events) {
      const list = byContent.get(e.content_id);
      if (list) list.push(e);
      else byContent.set(e.content_id, [e]);
    }
    for (const part of chunks([...byContent.keys()]))
      for (const f of await db.selectFrom('finding_rows').select(['id', 'release_id', 'content_id', 'ended_id']).where(inOrganization(organizationId)).where('content_id', 'in', part).execute())
        for (const e of byContent.get(f.content_id) ?? []) if (concerns(f, e.id)) expanded.push(expandContentEvent(e, f.id, f.release_id));
  }
  const all = [...ownRows, ...expanded].map(toEvent);
  all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  return all.slice(0, limit);
}

/** How many events of one kind and severity change (previous severity → severity) a day holds. */
export interface SeverityDelta {
  readonly day: string;
  readonly kind: FindingEventsTable['kind'];
  readonly severity: Severity;
  readonly previousSeverity: Severity | null;
  readonly count: number;
}

/**
 * The events of the organisation (or one release) counted per day, kind and severity change, for the
 * severity history: the same events as listFindingEvents (the findings' own, and each content event
 * once per finding it concerns), counted by the database instead of read one by one (at 33,458
 * findings and 100,000 events the organisation's history took 4 s on PostgreSQL that way).
 */
export async function severityDeltas(db: Db, organizationId: string, releaseId: string | null): Promise<SeverityDelta[]> {
  const day = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;
  let own = db
    .selectFrom('finding_events')
    .select((eb) => [day('at').as('day'), 'kind', 'severity', 'previous_severity', eb.fn.countAll<number | string>().as('n')])
    .where('organization_id', '=', organizationId);
  if (releaseId) own = own.where('release_id', '=', releaseId);
  let content = db
    .selectFrom('content_events as e')
    .innerJoin('finding_rows as f', 'f.content_id', 'e.content_id')
    .select((eb) => [day('e.at').as('day'), 'e.kind', 'e.severity', 'e.previous_severity', eb.fn.countAll<number | string>().as('n')])
    .where('e.organization_id', '=', organizationId)
    .where('f.organization_id', '=', organizationId)
    // The findings the event concerns (see `concerns`): made before it, not ended before it.
    .whereRef('f.id', '<', 'e.id')
    .where((eb) => eb.or([eb('f.ended_id', 'is', null), eb('f.ended_id', '>', eb.ref('e.id'))]));
  if (releaseId) content = content.where('f.release_id', '=', releaseId);
  const rows = [
    ...(await own.groupBy([day('at'), 'kind', 'severity', 'previous_severity']).execute()),
    ...(await content.groupBy([day('e.at'), 'e.kind', 'e.severity', 'e.previous_severity']).execute()),
  ];
  return rows.map((r) => ({ day: r.day, kind: r.kind, severity: r.severity as Severity, previousSeverity: (r.previous_severity as Severity | null) ?? null, count: Number(r.n) }));
}

/** A content event as the event of one finding that pointed at the content (id: event id and finding id). */
function expandContentEvent(e: ContentEventsTable, findingId: string, releaseId: string): FindingEventsTable {
  return {
    id: `${e.id}:${findingId}`,
    organization_id: e.organization_id,
    release_id: releaseId,
    finding_id: findingId,
    vulnerability_id: e.vulnerability_id,
    kind: e.kind,
    at: e.at,
    seq: e.seq,
    severity: e.severity,
    previous_severity: e.previous_severity,
    detail_json: e.detail_json,
  };
}

export async function unevaluatedOfRelease(db: Db, organizationId: string, releaseId: string): Promise<{ componentId: string; name: string; version: string | null; purl: string | null; reason: string; detail: string }[]> {
  const rows = await db
    .selectFrom('unevaluated_components')
    .innerJoin('components', 'components.id', 'unevaluated_components.component_id')
    .select(['unevaluated_components.component_id', 'components.name', 'components.version', 'components.purl', 'unevaluated_components.reason', 'unevaluated_components.detail'])
    .where('unevaluated_components.organization_id', '=', organizationId)
    .where('unevaluated_components.release_id', '=', releaseId)
    .orderBy('components.name')
    .execute();
  return rows.map((r) => ({ componentId: r.component_id, name: r.name, version: r.version, purl: r.purl, reason: r.reason, detail: r.detail }));
}
