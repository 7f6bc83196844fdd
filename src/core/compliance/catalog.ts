/**
 * Compliance catalogs: the clauses of a standard, the sections of a guidance document or the items
 * of a regulatory notice, as a tree of entries. Catalog data is frozen and versioned in
 * `src/catalogs/`; this module holds only the types and pure helpers over them.
 *
 * Descriptions are our own paraphrase of the activity and evidence expected. They never reproduce
 * the text of a standard or guidance document.
 */

/** Text in both languages of the product. Both must be non-empty (checked by `integrity.ts`). */
export interface Localized {
  readonly ja: string;
  readonly en: string;
}

/** What kind of instrument a catalog describes. */
export const catalogKinds = ['standard', 'regulation', 'guidance', 'notice', 'principles'] as const;
export type CatalogKind = (typeof catalogKinds)[number];

/** The structural role of an entry inside its catalog. */
export const entryKinds = [
  'clause',
  'subclause',
  'annex',
  'section',
  'item',
  'requirement',
  'category',
  'group',
] as const;
export type EntryKind = (typeof entryKinds)[number];

/**
 * The closed list of evidence kinds an entry can expect. Assessments attach evidence of these kinds;
 * keep the list short and stable (add, never rename).
 */
export const evidenceKinds = [
  'process_document',
  'management_plan',
  'organization_record',
  'training_record',
  'supplier_record',
  'software_item_classification',
  'sbom',
  'sbom_quality_report',
  'vulnerability_monitoring',
  'triage_records',
  'product_security_context',
  'threat_model',
  'risk_register',
  'security_requirements',
  'architecture_document',
  'review_record',
  'code_analysis',
  'test_records',
  'penetration_test',
  'release_record',
  'integrity_mechanism',
  'key_management_record',
  'security_update_record',
  'customer_documentation',
  'advisory',
  'lifecycle_notice',
  'disclosure_form',
  'disclosure_policy',
  'incident_record',
  'regulatory_report',
  'regulatory_submission',
  'metrics',
  'gap_analysis',
  'declaration',
  'other',
] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/**
 * `verified`: the reference material gives this fact with a checked source (the source note names it).
 * `interpretation`: our reading — inferred from titles, structure, an analogous standard, or memory.
 */
export const provenances = ['verified', 'interpretation'] as const;
export type Provenance = (typeof provenances)[number];

/** Whether an entry is met once for the organisation, per product (release), or both. */
export const entryLevels = ['organization', 'product', 'both'] as const;
export type EntryLevel = (typeof entryLevels)[number];

export interface CatalogEntry {
  /** Unique inside the catalog; for standards the clause number (e.g. `5.1.2`, `F.3`). */
  readonly id: string;
  /** The parent entry's id; `null` for roots. */
  readonly parent: string | null;
  readonly kind: EntryKind;
  /** A short descriptive name (not necessarily the official title). */
  readonly title: Localized;
  /** What activity and evidence is expected, in our own words. */
  readonly description: Localized;
  readonly expectedEvidence: readonly EvidenceKind[];
  readonly provenance: Provenance;
  /** Where the fact comes from, or why it is an interpretation. */
  readonly sourceNote: string;
  readonly level: EntryLevel;
  /** False for informative content (e.g. an informative annex). Defaults to true. */
  readonly normative?: boolean;
}

export interface Catalog {
  /** Stable identifier without version, e.g. `iec-81001-5-1`. */
  readonly id: string;
  /** Edition or date of the instrument, e.g. `2021` or `2023-05-23`. */
  readonly version: string;
  readonly title: Localized;
  readonly publisher: string;
  readonly kind: CatalogKind;
  /** What the catalog was built from and how far it can be trusted. */
  readonly sourceNote: string;
  /** Entries in document order: a parent always comes before its children. */
  readonly entries: readonly CatalogEntry[];
}

/** A catalog is addressed by `id@version` wherever several versions may coexist. */
export function catalogKey(catalog: Pick<Catalog, 'id' | 'version'>): string {
  return `${catalog.id}@${catalog.version}`;
}

/** Splits `id@version` (or a bare `id`) into its parts. */
export function parseCatalogRef(ref: string): { id: string; version: string | null } {
  const at = ref.lastIndexOf('@');
  if (at <= 0) return { id: ref, version: null };
  return { id: ref.slice(0, at), version: ref.slice(at + 1) || null };
}

/** Compares dotted or dashed version strings numerically where possible (`2023-05-23` < `2024-01-15`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const c =
      x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * Finds a catalog by `id@version`, or by bare `id` (then the highest version). Returns undefined when
 * nothing matches.
 */
export function resolveCatalog(catalogs: readonly Catalog[], ref: string): Catalog | undefined {
  const { id, version } = parseCatalogRef(ref);
  const candidates = catalogs.filter((c) => c.id === id && (version === null || c.version === version));
  return [...candidates].sort((x, y) => compareVersions(y.version, x.version))[0];
}

export interface TreeRow {
  readonly entry: CatalogEntry;
  /** 0 for roots. */
  readonly depth: number;
}

/**
 * The entries as a depth-first tree walk, siblings in declared order. Entries whose parent is missing
 * (an integrity problem) are listed as roots so that nothing disappears; entries caught in a parent
 * cycle are appended at depth 0.
 */
export function catalogTree(catalog: Pick<Catalog, 'entries'>): TreeRow[] {
  const ids = new Set(catalog.entries.map((e) => e.id));
  const children = new Map<string | null, CatalogEntry[]>();
  for (const e of catalog.entries) {
    const key = e.parent !== null && ids.has(e.parent) && e.parent !== e.id ? e.parent : null;
    const list = children.get(key) ?? [];
    list.push(e);
    children.set(key, list);
  }
  const rows: TreeRow[] = [];
  const seen = new Set<CatalogEntry>();
  const walk = (parent: string | null, depth: number) => {
    for (const e of children.get(parent) ?? []) {
      if (seen.has(e)) continue;
      seen.add(e);
      rows.push({ entry: e, depth });
      walk(e.id, depth + 1);
    }
  };
  walk(null, 0);
  for (const e of catalog.entries) if (!seen.has(e)) rows.push({ entry: e, depth: 0 });
  return rows;
}

/** The ids of an entry's ancestors, nearest first. Stops on a cycle or a missing parent. */
export function ancestorIds(catalog: Pick<Catalog, 'entries'>, entryId: string): string[] {
  const byId = new Map(catalog.entries.map((e) => [e.id, e]));
  const out: string[] = [];
  const seen = new Set<string>([entryId]);
  let parent = byId.get(entryId)?.parent ?? null;
  while (parent !== null && !seen.has(parent) && byId.has(parent)) {
    out.push(parent);
    seen.add(parent);
    parent = byId.get(parent)?.parent ?? null;
  }
  return out;
}

/** Entries without children: the assessable leaves of the tree. */
export function leafEntries(catalog: Pick<Catalog, 'entries'>): CatalogEntry[] {
  const parents = new Set(catalog.entries.map((e) => e.parent).filter((p): p is string => p !== null));
  return catalog.entries.filter((e) => !parents.has(e.id));
}

/**
 * The number an entry is cited by, for display. Entry ids are stable keys: for standards they are
 * the clause number (`5.7.1`, `A.3`, `F.2`, 524B's `b.2.A`), but the items the guidance and notices
 * describe without a number of their own carry a slug (`6.6.milestones.release`,
 * `conformity.test-lab`, `existing.organization`). Shown as is, a slug reads like an internal key.
 * The display number is the leading numbered part of the id — every segment a number or a single
 * letter — so `6.6.milestones.release` is cited as `6.6` (the section it belongs to) and
 * `4.3.REQUIRED` as `4.3`; an id with no numbered part gives '' (the entry is named by its title).
 */
export function entryNumber(id: string): string {
  const out: string[] = [];
  for (const part of id.split('.')) {
    if (!/^(\d+|[A-Za-z])$/.test(part)) break;
    out.push(part);
  }
  return out.join('.');
}

/**
 * How an entry is referred to in one line (labels, headings): its id when the id is its number,
 * otherwise its display number (if any) and its title, so entries of one section stay apart.
 */
export function entryRef(entry: Pick<CatalogEntry, 'id' | 'title'>, lang: keyof Localized): string {
  const n = entryNumber(entry.id);
  return n === entry.id ? n : `${n} ${entry.title[lang]}`.trim();
}
