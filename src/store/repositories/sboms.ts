/**
 * SBOM documents and their components. Writes are set-based (multi-row inserts in chunks), reads
 * rebuild the version-agnostic model from the stored rows.
 */
import { sql, type ExpressionBuilder, type OrderByItemBuilder } from 'kysely';
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import {
  type Component,
  type Dependency,
  type SbomDocument,
  type SbomEncoding,
  type SbomFormat,
  type SbomMetadata,
} from '../../core/sbom/model.js';
import type { Page, PageRequest } from '../../core/page.js';
import { supportLevels } from '../../core/sbom/support-levels.js';
import { versionSortKey } from '../../core/sbom/version-sort-key.js';
import type { BulkColumn, Store } from '../connect.js';
import type { ComponentsTable, Database, Db, SbomsTable } from '../database.js';
import { insertBlob, packBlob, readBlob, type PackedBlob } from './blobs.js';
import { paginate } from './page.js';
import { foldedColumn, likePattern } from './products.js';

export interface SbomRecord {
  readonly id: string;
  readonly releaseId: string;
  readonly format: SbomFormat;
  readonly specVersion: string;
  readonly encoding: SbomEncoding;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  /** How it arrived: uploaded by a person, by a CI pipeline (Dependency-Track-compatible endpoint), or generated. */
  readonly source: 'upload' | 'ci' | 'generated';
  readonly serialNumber: string | null;
  readonly bomVersion: number | null;
  readonly documentTimestamp: string | null;
  readonly metadata: SbomMetadata;
  readonly diagnostics: readonly SbomDiagnostic[];
  readonly componentCount: number;
  readonly dependencyCount: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export function toSbomRecord(row: SbomsTable): SbomRecord {
  return {
    id: row.id,
    releaseId: row.release_id,
    format: row.format as SbomFormat,
    specVersion: row.spec_version,
    encoding: row.encoding as SbomEncoding,
    fileName: row.file_name,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    source: row.source as SbomRecord['source'],
    serialNumber: row.serial_number,
    bomVersion: row.bom_version === null ? null : Number(row.bom_version),
    documentTimestamp: row.document_timestamp,
    // SBOMs stored before BOM-level external references were kept have none.
    metadata: { externalReferences: [], ...(JSON.parse(row.metadata_json) as Omit<SbomMetadata, 'externalReferences'>) },
    diagnostics: JSON.parse(row.diagnostics_json) as SbomDiagnostic[],
    componentCount: Number(row.component_count),
    dependencyCount: Number(row.dependency_count),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** The text shown in the license column: the licenses joined as one expression. */
export function licenseSummary(c: Component): string | null {
  if (c.licenses.length === 1) {
    const only = c.licenses[0]!.expression ?? c.licenses[0]!.name;
    return only ? only : null;
  }
  const parts = c.licenses.map((l) => l.expression ?? l.name).filter((x): x is string => !!x);
  if (parts.length === 0) return null;
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0]! : unique.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' AND ');
}

export interface NewComponentRow {
  readonly id: string;
  readonly parentId: string | null;
  readonly component: Component;
}

export function componentRow(
  organizationId: string,
  releaseId: string,
  sbomId: string | null,
  ordinal: number,
  row: NewComponentRow,
  at: string,
): ComponentsTable {
  const c = row.component;
  const license = licenseSummary(c);
  return {
    id: row.id,
    organization_id: organizationId,
    release_id: releaseId,
    sbom_id: sbomId,
    origin: sbomId === null ? 'manual' : 'sbom',
    parent_id: row.parentId,
    ordinal,
    bom_ref: c.bomRef,
    type: c.type,
    name: c.name,
    version: c.version,
    group_name: c.group,
    supplier: c.supplier?.name ?? null,
    purl: c.purl,
    cpe: c.cpe,
    license,
    support_level: c.supportLevel,
    end_of_support: c.endOfSupport,
    data_json: componentDataJson(c, license),
    updated_at: at,
    version_key: versionSortKey(c.version),
    is_primary: 0,
  };
}

/**
 * `data_json` holds what the columns cannot restore: fields with a value other than the model's
 * default (null, []), leaving out those that are columns (bom-ref, type, name, version, group,
 * purl, CPE, support level, end of support), a supplier that is only a name, and a licence list
 * that is exactly its one-expression summary. Rows written before this layout hold the whole
 * component; `componentFromRow` reads both (the JSON wins over the columns).
 */
export function componentDataJson(c: Component, license: string | null = licenseSummary(c)): string {
  const extra: Partial<Record<keyof Component, unknown>> = {};
  const s = c.supplier;
  if (s !== null && (s.name === null || s.url.length > 0 || s.contact.length > 0)) extra.supplier = s;
  if (c.author !== null) extra.author = c.author;
  if (c.publisher !== null) extra.publisher = c.publisher;
  if (c.swid !== null) extra.swid = c.swid;
  if (c.hashes.length > 0) extra.hashes = c.hashes;
  const l = c.licenses;
  if (!(l.length === 0 || (l.length === 1 && l[0]!.name === null && l[0]!.acknowledgement === null && license !== null && l[0]!.expression === license))) extra.licenses = l;
  if (c.scope !== null) extra.scope = c.scope;
  if (c.description !== null) extra.description = c.description;
  if (c.copyright !== null) extra.copyright = c.copyright;
  if (c.externalReferences.length > 0) extra.externalReferences = c.externalReferences;
  if (c.properties.length > 0) extra.properties = c.properties;
  return JSON.stringify(extra);
}

/** The component of a row (without its children): columns, then what `data_json` adds or overrides. */
export function componentFromRow(row: ComponentsTable): Component {
  const d = JSON.parse(row.data_json) as Partial<Component>;
  const pick = <K extends keyof Component>(key: K, fallback: Component[K]): Component[K] => (Object.hasOwn(d, key) ? (d[key] as Component[K]) : fallback);
  return {
    bomRef: pick('bomRef', row.bom_ref),
    type: pick('type', row.type as Component['type']),
    name: pick('name', row.name),
    version: pick('version', row.version),
    group: pick('group', row.group_name),
    supplier: pick('supplier', row.supplier === null ? null : { name: row.supplier, url: [], contact: [] }),
    author: pick('author', null),
    publisher: pick('publisher', null),
    purl: pick('purl', row.purl),
    cpe: pick('cpe', row.cpe),
    swid: pick('swid', null),
    hashes: pick('hashes', []),
    licenses: pick('licenses', row.license === null ? [] : [{ expression: row.license, name: null, acknowledgement: null }]),
    scope: pick('scope', null),
    description: pick('description', null),
    copyright: pick('copyright', null),
    externalReferences: pick('externalReferences', []),
    properties: pick('properties', []),
    supportLevel: pick('supportLevel', row.support_level),
    endOfSupport: pick('endOfSupport', row.end_of_support),
    components: [],
  };
}

const componentColumns: readonly (BulkColumn & { name: keyof ComponentsTable })[] = (
  [
    'id', 'organization_id', 'release_id', 'sbom_id', 'origin', 'parent_id', 'ordinal', 'bom_ref', 'type', 'name',
    'version', 'group_name', 'supplier', 'purl', 'cpe', 'license', 'support_level', 'end_of_support', 'data_json', 'updated_at',
    'version_key', 'is_primary',
  ] as const
).map((name) => ({ name, type: name === 'ordinal' || name === 'is_primary' ? 'integer' : name === 'data_json' ? 'json' : 'text' }));

/**
 * A component as the values of its row, without what the store adds (ids, parent, ordinal): its
 * depth in the document's tree first (0 for a top-level component). A document's components are a
 * sequence of these, depth-first, parents before their children (`flatComponents`). Plain values
 * only, so that a reader on another thread can hand them over cheaply (services/sbom-read-worker.ts).
 */
export type FlatComponent = readonly [
  depth: number,
  bomRef: string,
  type: string,
  name: string,
  version: string | null,
  group: string | null,
  supplier: string | null,
  purl: string | null,
  cpe: string | null,
  license: string | null,
  supportLevel: string | null,
  endOfSupport: string | null,
  dataJson: string,
];

/** The components of a document as FlatComponents: depth-first, parents before children, in document order. */
export function* flatComponents(list: Iterable<Component>, depth = 0): Generator<FlatComponent> {
  for (const c of list) {
    const license = licenseSummary(c);
    yield [depth, c.bomRef, c.type, c.name, c.version, c.group, c.supplier?.name ?? null, c.purl, c.cpe, license, c.supportLevel, c.endOfSupport, componentDataJson(c, license)];
    if (c.components.length > 0) yield* flatComponents(c.components, depth + 1);
  }
}

/** The dependency graph as stored (one JSON document, migration 0006) and its number of edges. */
export interface DependencyGraph {
  readonly json: string;
  readonly edges: number;
}

export function dependencyGraph(dependencies: readonly Dependency[]): DependencyGraph {
  let edges = 0;
  for (const d of dependencies) edges += d.dependsOn.length;
  return { json: JSON.stringify(dependencies.map((d) => ({ ref: d.ref, dependsOn: d.dependsOn }))), edges };
}

/**
 * The rows of an SBOM's primary component (CycloneDX metadata.component, SPDX's described package)
 * and of its nested components (`flatComponents`), or none. The primary component is analysed,
 * listed and triaged like every other component (what `mamori scan` evaluates), so it is stored as
 * component rows: first, with ordinals below zero (the listed components keep their document index),
 * the primary component itself marked `is_primary`.
 */
export function primaryComponentRows(metadata: SbomMetadata): FlatComponent[] {
  return metadata.component ? [...flatComponents([metadata.component])] : [];
}

/** What insertSbomWithComponents stores under an SBOM (an SbomStream, already patched). */
export interface SbomContent {
  /** The primary component and its nested components (`primaryComponentRows`), stored first. */
  readonly primary: readonly FlatComponent[];
  /** The components (`flatComponents`); read once, as the rows are stored. */
  readonly components: Iterable<FlatComponent>;
  /** After the components have been read. */
  dependencies(): DependencyGraph;
  /**
   * After the components and dependencies have been read, while the database still stores the rows:
   * the checks left for the end of the document. Throwing refuses it (the insert fails with the
   * exception, and the caller's transaction rolls back).
   */
  finish(): void;
  /** After `finish`: complete then. */
  diagnostics(): readonly SbomDiagnostic[];
}

/**
 * Stores an SBOM row, its components (nested ones linked by parent) and dependency edges. The
 * components are read while the database stores the previous ones (an upload maps them meanwhile:
 * ADR 0007 addendum 3), so the counts and the diagnostics of `record` are written once the last one
 * has been read; the stored record is returned. An exception thrown while the components are read
 * fails the insert with it (the caller's transaction rolls back).
 */
export async function insertSbomWithComponents(
  db: Db,
  store: Pick<Store, 'bulkInsert'>,
  organizationId: string,
  record: SbomRecord,
  content: SbomContent,
  newId: () => string,
): Promise<SbomRecord> {
  await db
    .insertInto('sboms')
    .values({
      id: record.id,
      organization_id: organizationId,
      release_id: record.releaseId,
      format: record.format,
      spec_version: record.specVersion,
      encoding: record.encoding,
      file_name: record.fileName,
      sha256: record.sha256,
      size_bytes: record.sizeBytes,
      source: record.source,
      serial_number: record.serialNumber,
      bom_version: record.bomVersion,
      document_timestamp: record.documentTimestamp,
      metadata_json: JSON.stringify(record.metadata),
      diagnostics_json: JSON.stringify(record.diagnostics),
      component_count: record.componentCount,
      dependency_count: record.dependencyCount,
      created_at: record.createdAt,
      created_by: record.createdBy,
    })
    .execute();

  const { id: sbomId, releaseId, createdAt } = record;
  // The primary component's rows come first, numbered up to -1; the listed components from 0.
  let ordinal = -content.primary.length;
  // Rows are produced as the insert consumes them, so 50,000 components never exist as rows all at
  // once. `parents[d]` is the id of the last component seen at depth d: the parent of one at d + 1.
  const parents: string[] = [];
  function* rowsOf(list: Iterable<FlatComponent>, primary: boolean): Generator<unknown[]> {
    for (const f of list) {
      const id = newId();
      const depth = f[0];
      parents[depth] = id;
      // Same values and order as componentColumns / componentRow, without the intermediate object.
      yield [id, organizationId, releaseId, sbomId, 'sbom', depth === 0 ? null : parents[depth - 1]!, ordinal++, f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], createdAt, versionSortKey(f[4]), primary && depth === 0 ? 1 : 0];
    }
  }
  function* rows(): Generator<unknown[]> {
    yield* rowsOf(content.primary, true);
    yield* rowsOf(content.components, false);
  }
  // The dependency graph as one JSON document (migration 0006): nothing queries single edges. A large
  // one is compressed on the thread pool (from the moment the last component has been read, while
  // the server stores the last rows), and kept in `blobs` (migration 0014).
  let graph = '';
  let dependencyCount = 0;
  let packing: Promise<PackedBlob> | null = null;
  function* all(): Generator<unknown[]> {
    yield* rows();
    const dependencies = content.dependencies();
    dependencyCount = dependencies.edges;
    graph = dependencies.json;
    packing = packBlob(new TextEncoder().encode(graph));
    packing.catch(() => undefined);
  }
  await store.bulkInsert(db, 'components', componentColumns, all(), () => content.finish());

  // Every stored row counts, the primary component's included: the count is the inventory's.
  const stored: SbomRecord = { ...record, componentCount: ordinal + content.primary.length, dependencyCount, diagnostics: [...content.diagnostics()] };
  await db
    .updateTable('sboms')
    .set({ component_count: stored.componentCount, dependency_count: stored.dependencyCount, diagnostics_json: JSON.stringify(stored.diagnostics) })
    .where('id', '=', sbomId)
    .execute();
  const packed = await packing!;
  if (packed.encoding === 'identity') {
    await sql`insert into sbom_dependencies (sbom_id, dependencies_json) values (${record.id}, ${graph})`.execute(db);
  } else {
    await insertBlob(db, packed, createdAt);
    await sql`insert into sbom_dependencies (sbom_id, dependencies_json, dependencies_sha256) values (${record.id}, '', ${packed.sha256})`.execute(db);
  }
  return stored;
}

export async function findSbom(db: Db, organizationId: string, id: string): Promise<SbomRecord | undefined> {
  const row = await db
    .selectFrom('sboms')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSbomRecord(row);
}

/** The newest SBOM of a release: the one its inventory is built from. */
/** The SBOMs of releases, newest first: the first of a release is its current one. */
function sbomsNewestFirst(db: Db, organizationId: string, releaseIds: readonly string[]) {
  return db
    .selectFrom('sboms')
    .where('organization_id', '=', organizationId)
    .where('release_id', 'in', releaseIds)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc');
}

export async function currentSbom(db: Db, organizationId: string, releaseId: string): Promise<SbomRecord | undefined> {
  const row = await sbomsNewestFirst(db, organizationId, [releaseId]).selectAll().limit(1).executeTakeFirst();
  return row && toSbomRecord(row);
}

/** The id of each release's current SBOM (as `currentSbom`), for many releases in a few queries; releases without one are absent. */
export async function currentSbomIds(db: Db, organizationId: string, releaseIds: readonly string[]): Promise<Map<string, string>> {
  const current = new Map<string, string>();
  for (let i = 0; i < releaseIds.length; i += 500)
    for (const r of await sbomsNewestFirst(db, organizationId, releaseIds.slice(i, i + 500)).select(['id', 'release_id']).execute())
      if (!current.has(r.release_id)) current.set(r.release_id, r.id);
  return current;
}

export function listSboms(db: Db, organizationId: string, releaseId: string, page: PageRequest): Promise<Page<SbomRecord>> {
  return paginate(
    db.selectFrom('sboms').selectAll().where('organization_id', '=', organizationId).where('release_id', '=', releaseId),
    page,
    (q) => q.orderBy('created_at', 'desc').orderBy('id', 'desc'),
    toSbomRecord,
  );
}

export interface StoredComponent {
  readonly id: string;
  readonly releaseId: string;
  readonly sbomId: string | null;
  readonly origin: 'sbom' | 'manual';
  /** The SBOM's primary component (CycloneDX metadata.component, SPDX's described package). */
  readonly primary: boolean;
  readonly parentId: string | null;
  readonly component: Component;
  readonly updatedAt: string;
}

function toStored(row: ComponentsTable): StoredComponent {
  return {
    id: row.id,
    releaseId: row.release_id,
    sbomId: row.sbom_id,
    origin: row.origin,
    primary: Number(row.is_primary) === 1,
    parentId: row.parent_id,
    component: componentFromRow(row),
    updatedAt: row.updated_at,
  };
}

export const componentSortKeys = ['name', 'version', 'type', 'supplier', 'license', 'purl', 'supportLevel', 'endOfSupport'] as const;
export type ComponentSortKey = (typeof componentSortKeys)[number];
const sortColumn = {
  name: 'name',
  // Natural order ("1.10.0" after "1.9.0"), see core/sbom/version-sort-key.ts.
  version: 'version_key',
  type: 'type',
  supplier: 'supplier',
  license: 'license',
  purl: 'purl',
  supportLevel: 'support_level',
  endOfSupport: 'end_of_support',
} as const;

type SortColumn = (typeof sortColumn)[ComponentSortKey];

/**
 * The text to sort by, case ignored, with '' as null: the order puts nulls last in either direction
 * (`NULLS LAST`, the same SQL on both dialects; a plain ORDER BY puts nulls first on SQLite and, in
 * descending order, on PostgreSQL).
 */
function sortText(column: SortColumn) {
  return sql<string | null>`nullif(lower(${sql.ref(column)}), '')`;
}

/**
 * Support levels sort by meaning, not as text: the known levels (core/sbom/support-levels.ts, from the
 * most support to the least, compared without case and surrounding spaces) by their position, then
 * other text, then empty values. Null for the rest, which the text then orders.
 */
const supportLevelRank = sql<number | null>`case lower(trim(support_level)) ${sql.join(
  supportLevels.flatMap((spellings, i) => spellings.map((level) => sql`when ${sql.lit(level)} then ${sql.lit(i)}`)),
  sql` `,
)} end`;

export interface ComponentFilter {
  /** Substring of name, group, version, purl, CPE, supplier or licence (case-insensitive). */
  readonly q?: string | undefined;
  readonly type?: string | undefined;
  readonly origin?: 'sbom' | 'manual' | undefined;
  readonly sort: ComponentSortKey;
  readonly direction: 'asc' | 'desc';
}

/**
 * The rows of a release's current inventory: its manual components and the components of its current
 * SBOM. Each arm has its own index: the partial `components_manual` (release_id, only rows without an
 * SBOM) and `components_sbom` (sbom_id, ordinal) (migration 0014), so storing SBOM components
 * maintains no release index.
 */
export function inventoryRows(releaseId: string, sbomId: string | null) {
  return (eb: ExpressionBuilder<Database, 'components'>) => {
    const manual = eb.and([eb('release_id', '=', releaseId), eb('sbom_id', 'is', null)]);
    return sbomId === null ? manual : eb.or([manual, eb.and([eb('sbom_id', '=', sbomId), eb('release_id', '=', releaseId)])]);
  };
}

/** The inventory of a release: the components of its current SBOM plus its manual components. */
export async function listReleaseComponents(
  db: Db,
  organizationId: string,
  releaseId: string,
  filter: ComponentFilter,
  page: PageRequest,
): Promise<Page<StoredComponent>> {
  const sbom = await currentSbom(db, organizationId, releaseId);
  let q = db
    .selectFrom('components')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where(inventoryRows(releaseId, sbom?.id ?? null));
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.origin) q = q.where('origin', '=', filter.origin);
  if (filter.q && filter.q.trim() !== '') {
    const pattern = likePattern(filter.q.trim());
    // Names and suppliers are text people write (folded: width and case); the others are ASCII
    // (the licence column holds SPDX expressions, or a licence name lower-cased like the rest).
    const folded = new Set(['name', 'group_name', 'supplier']);
    q = q.where((eb) =>
      eb.or(
        (['name', 'group_name', 'version', 'purl', 'cpe', 'supplier', 'license'] as const).map((col) =>
          eb(folded.has(col) ? foldedColumn(col) : sql`lower(${sql.ref(col)})`, 'like', sql`${pattern} escape '\\'`),
        ),
      ),
    );
  }
  const column = sortColumn[filter.sort];
  const dir = filter.direction;
  return paginate(
    q,
    page,
    (x) => {
      // Empty values (null or '') come last in either direction. Rows with the same name are ordered
      // by version (natural order, same direction); rows with the same version by name; support
      // levels by their rank, other text after the known levels; then document order.
      const last = (ob: OrderByItemBuilder) => (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast();
      if (filter.sort === 'name') x = x.orderBy(sortText('name'), last).orderBy(sql`nullif(version_key, '')`, last);
      else if (filter.sort === 'version') x = x.orderBy(sql`nullif(version_key, '')`, last).orderBy(sortText('name'), last);
      else if (filter.sort === 'supportLevel') x = x.orderBy(supportLevelRank, last).orderBy(sortText(column), last);
      else x = x.orderBy(sortText(column), last);
      return x.orderBy('ordinal').orderBy('id');
    },
    toStored,
  );
}

/**
 * Every component of a release's current inventory (the current SBOM's, nested and primary ones
 * included, and the manual ones), in one query, in document order: what the FDA support table lists.
 */
export async function listWholeInventory(db: Db, organizationId: string, releaseId: string): Promise<StoredComponent[]> {
  const sbom = await currentSbom(db, organizationId, releaseId);
  return (await inventoryInDocumentOrder(db, organizationId, releaseId, sbom?.id ?? null)).map(toStored);
}

/** The rows of a release's current inventory (SBOM and manual components) in document order. */
function inventoryInDocumentOrder(db: Db, organizationId: string, releaseId: string, sbomId: string | null) {
  return db
    .selectFrom('components')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where(inventoryRows(releaseId, sbomId))
    .orderBy('origin', 'desc')
    .orderBy('ordinal')
    .orderBy('id')
    .execute();
}

/**
 * How many components a release's current inventory holds (the current SBOM's, nested and primary
 * ones included, and the manual ones) and when the newest of them was stored or edited (null: none).
 */
export async function inventorySummary(db: Db, organizationId: string, releaseId: string): Promise<{ count: number; updatedAt: string | null }> {
  const sbom = await currentSbom(db, organizationId, releaseId);
  const row = await db
    .selectFrom('components')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('at')])
    .where('organization_id', '=', organizationId)
    .where(inventoryRows(releaseId, sbom?.id ?? null))
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), updatedAt: row?.at ?? null };
}

/** Name, group and CPE of components by id (ids of other organisations are not found), a chunk of ids per query. */
export async function componentNames(db: Db, organizationId: string, ids: readonly string[]): Promise<Map<string, { name: string; group: string | null; cpe: string | null }>> {
  const out = new Map<string, { name: string; group: string | null; cpe: string | null }>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500)
    for (const r of await db
      .selectFrom('components')
      .select(['id', 'name', 'group_name', 'cpe'])
      .where('organization_id', '=', organizationId)
      .where('id', 'in', unique.slice(i, i + 500))
      .execute())
      out.set(r.id, { name: r.name, group: r.group_name, cpe: r.cpe });
  return out;
}

export async function findComponent(db: Db, organizationId: string, id: string): Promise<StoredComponent | undefined> {
  const row = await db
    .selectFrom('components')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toStored(row);
}

export async function insertManualComponent(
  db: Db,
  organizationId: string,
  releaseId: string,
  id: string,
  component: Component,
  at: string,
): Promise<void> {
  await db.insertInto('components').values(componentRow(organizationId, releaseId, null, 0, { id, parentId: null, component }, at)).execute();
}

export async function updateComponentRow(db: Db, organizationId: string, stored: StoredComponent, at: string): Promise<void> {
  const row = componentRow(organizationId, stored.releaseId, stored.sbomId, 0, { id: stored.id, parentId: stored.parentId, component: stored.component }, at);
  const { id, organization_id, release_id, sbom_id, origin, parent_id, ordinal, is_primary, ...rest } = row;
  void release_id;
  void sbom_id;
  void origin;
  void parent_id;
  void ordinal;
  void is_primary;
  await db.updateTable('components').set(rest).where('id', '=', id).where('organization_id', '=', organization_id).execute();
}

export async function deleteComponentRow(db: Db, organizationId: string, id: string): Promise<void> {
  await db.deleteFrom('components').where('id', '=', id).where('organization_id', '=', organizationId).execute();
}

/**
 * The dependency graph of an SBOM: entries with the same ref merged (targets in order), sorted by
 * ref. SBOMs stored since migration 0006 keep it as one JSON document; earlier ones as one
 * `component_dependencies` row per edge, where an entry without targets is one row with an empty
 * target (so "depends on nothing" stays distinguishable from "not described").
 */
async function loadDependencies(db: Db, sbomId: string): Promise<Dependency[]> {
  const stored = await sql<{ dependencies_json: string; dependencies_sha256: string | null }>`select dependencies_json, dependencies_sha256 from sbom_dependencies where sbom_id = ${sbomId}`.execute(db);
  const map = new Map<string, string[]>();
  const row = stored.rows[0];
  let json = row?.dependencies_json;
  if (row?.dependencies_sha256) {
    const bytes = await readBlob(db, row.dependencies_sha256);
    if (!bytes) throw new Error(`The dependency graph of SBOM ${sbomId} is missing from the stored files.`);
    json = new TextDecoder().decode(bytes);
  }
  if (json !== undefined) {
    for (const d of JSON.parse(json) as Dependency[]) {
      const list = map.get(d.ref);
      if (list) list.push(...d.dependsOn);
      else map.set(d.ref, [...d.dependsOn]);
    }
  } else {
    const edges = await db
      .selectFrom('component_dependencies')
      .select(['ref', 'depends_on'])
      .where('sbom_id', '=', sbomId)
      .orderBy('ref')
      .execute();
    for (const e of edges) {
      const list = map.get(e.ref) ?? [];
      if (e.depends_on !== '') list.push(e.depends_on);
      map.set(e.ref, list);
    }
  }
  return [...map.keys()].sort(compareCodeUnits).map((ref) => ({ ref, dependsOn: map.get(ref)! }));
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rebuilds the document of a release's inventory: the current SBOM's metadata, its components
 * (nested as stored) and dependencies, plus the manual components at top level. The primary
 * component's rows (with the support data entered on them) become metadata.component again; an SBOM
 * stored without them keeps the one of its metadata.
 */
export async function loadReleaseDocument(
  db: Db,
  organizationId: string,
  releaseId: string,
): Promise<{ sbom: SbomRecord | undefined; document: SbomDocument; manualRefs: string[] }> {
  const sbom = await currentSbom(db, organizationId, releaseId);
  const rows = await inventoryInDocumentOrder(db, organizationId, releaseId, sbom?.id ?? null);
  type Mutable = Omit<Component, 'components'> & { components: Mutable[] };
  const byId = new Map<string, Mutable>();
  const roots: Mutable[] = [];
  let primary: Mutable | null = null;
  for (const row of rows) byId.set(row.id, componentFromRow(row) as Mutable);
  for (const row of rows) {
    const node = byId.get(row.id)!;
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    if (parent) parent.components.push(node);
    else if (Number(row.is_primary) === 1) primary ??= node;
    else roots.push(node);
  }
  const dependencies = sbom ? await loadDependencies(db, sbom.id) : [];
  const stored: SbomMetadata | undefined = sbom && (primary ? { ...sbom.metadata, component: primary } : sbom.metadata);
  const metadata: SbomMetadata = stored ?? {
    serialNumber: null,
    version: null,
    timestamp: null,
    name: null,
    authors: [],
    supplier: null,
    tools: [],
    lifecycles: [],
    component: null,
    licenses: [],
    properties: [],
    externalReferences: [],
  };
  return {
    sbom,
    // The bom-refs of the top-level manual components (the parts the manufacturer added by hand).
    manualRefs: rows.filter((r) => r.origin === 'manual' && r.parent_id === null).map((r) => r.bom_ref),
    document: {
      format: sbom?.format ?? 'cyclonedx',
      specVersion: sbom?.specVersion ?? '1.6',
      encoding: sbom?.encoding ?? 'json',
      metadata,
      components: roots,
      dependencies,
    },
  };
}
