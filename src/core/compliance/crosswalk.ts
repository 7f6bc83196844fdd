/**
 * Crosswalks: typed links between entries of two catalogs, and the coverage questions they answer
 * ("which MHLW items have no IEC 81001-5-1 counterpart?").
 *
 * A link reads left to right: `from` is <relation> of `to`.
 *   equal     — both ask for substantially the same activity and evidence;
 *   subset    — `from` asks for less than `to` (`to` covers all of `from`);
 *   superset  — `from` asks for more than `to` (`from` covers all of `to`);
 *   intersect — they overlap, each asks for something the other does not.
 */
import {
  ancestorIds,
  catalogKey,
  leafEntries,
  type Catalog,
  type CatalogEntry,
  type Localized,
  type Provenance,
} from './catalog.js';

export const relations = ['equal', 'subset', 'superset', 'intersect'] as const;
export type Relation = (typeof relations)[number];

/** One end of a link: a catalog by `id@version` and an entry id inside it. */
export interface EntryRef {
  readonly catalog: string;
  readonly entry: string;
}

export interface CrosswalkLink {
  readonly from: EntryRef;
  readonly to: EntryRef;
  readonly relation: Relation;
  /** Why the relation holds, in our own words. */
  readonly rationale: Localized;
  /** Overrides the crosswalk's provenance for this link. */
  readonly provenance?: Provenance;
}

export interface Crosswalk {
  readonly id: string;
  readonly version: string;
  readonly title: Localized;
  /** Default provenance of every link. */
  readonly provenance: Provenance;
  readonly sourceNote: string;
  readonly links: readonly CrosswalkLink[];
}

/**
 * A curated explanation of something one side asks for that the other does not (the "dual standard"
 * of JIS T 81001-5-1 conformity and the MHLW guidance). `entries` are the uncovered leaves it explains.
 */
export interface CoverageGap {
  readonly id: string;
  /** The side that asks for it: `mhlw` (Japanese instruments) or `iec` (IEC 81001-5-1). */
  readonly onlyIn: 'mhlw' | 'iec';
  readonly title: Localized;
  readonly explanation: Localized;
  readonly entries: readonly EntryRef[];
  readonly provenance: Provenance;
  readonly sourceNote: string;
}

/** The inverse relation, for reading a link right to left. */
export function inverseRelation(relation: Relation): Relation {
  if (relation === 'subset') return 'superset';
  if (relation === 'superset') return 'subset';
  return relation;
}

/** A link seen from one of its ends: `self` is <relation> of `other`. */
export interface OrientedLink {
  readonly self: EntryRef;
  readonly other: EntryRef;
  readonly relation: Relation;
  readonly link: CrosswalkLink;
}

/** Every link that touches `catalog`, oriented so that `self` lies in that catalog. */
export function linksOf(catalog: string, crosswalks: readonly Crosswalk[]): OrientedLink[] {
  const out: OrientedLink[] = [];
  for (const cw of crosswalks)
    for (const link of cw.links) {
      if (link.from.catalog === catalog)
        out.push({ self: link.from, other: link.to, relation: link.relation, link });
      if (link.to.catalog === catalog)
        out.push({ self: link.to, other: link.from, relation: inverseRelation(link.relation), link });
    }
  return out;
}

export interface EntryCoverage {
  readonly entry: CatalogEntry;
  /** Links (on the entry or an ancestor) whose other end asks for at least as much: equal or subset. */
  readonly coveredBy: readonly OrientedLink[];
  /** Links that only partly cover it: superset or intersect. */
  readonly partly: readonly OrientedLink[];
}

/**
 * For each leaf of `catalog`, which entries of the `against` catalogs cover it. An entry is covered
 * when it, or one of its ancestors, is `equal` to or a `subset` of an entry in an `against` catalog.
 * Order follows the catalog.
 */
export function coverage(
  catalog: Catalog,
  crosswalks: readonly Crosswalk[],
  against: readonly string[],
): EntryCoverage[] {
  const key = catalogKey(catalog);
  const targets = new Set(against);
  const byEntry = new Map<string, OrientedLink[]>();
  for (const l of linksOf(key, crosswalks)) {
    if (!targets.has(l.other.catalog)) continue;
    const list = byEntry.get(l.self.entry) ?? [];
    list.push(l);
    byEntry.set(l.self.entry, list);
  }
  return leafEntries(catalog).map((entry) => {
    const chain = [entry.id, ...ancestorIds(catalog, entry.id)];
    const all = chain.flatMap((id) => byEntry.get(id) ?? []);
    return {
      entry,
      coveredBy: all.filter((l) => l.relation === 'equal' || l.relation === 'subset'),
      partly: all.filter((l) => l.relation === 'superset' || l.relation === 'intersect'),
    };
  });
}

/** The leaves of `catalog` that no entry of the `against` catalogs fully covers. */
export function uncoveredEntries(
  catalog: Catalog,
  crosswalks: readonly Crosswalk[],
  against: readonly string[],
): CatalogEntry[] {
  return coverage(catalog, crosswalks, against)
    .filter((c) => c.coveredBy.length === 0)
    .map((c) => c.entry);
}

/** `catalog#entry`, a stable string form of an entry reference. */
export function refKey(ref: EntryRef): string {
  return `${ref.catalog}#${ref.entry}`;
}
