/**
 * What the matcher and the findings service read from the local vulnerability database. The
 * database itself (schema, import, sync) lives in this folder; see docs/adr/0010-vulnerability-database.md.
 */
import type { Advisory } from '../core/vulns/advisory.js';
import type { Enrichment } from '../core/vulns/finding.js';
import type { NvdCve } from '../feeds/parse/nvd-cve.js';
import type { FeedState } from './feed-states.js';
import type { PackageMatchRecord } from './match-records.js';

/**
 * The change-log kind of EPSS scores that moved: one row (record id `EPSS`) per committed batch of an
 * EPSS import that changed or removed a score, not one per CVE (a daily file moves almost all of
 * them). A refresh reads the EPSS of every finding again once.
 */
export const epssChangeKind = 'epss';

/** One change made by an import: the matcher re-evaluates components of these packages only. */
export interface AdvisoryChange {
  readonly seq: number;
  readonly recordId: string;
  readonly kind: 'new' | 'changed' | 'withdrawn' | 'removed' | typeof epssChangeKind;
  /** OSV ecosystem + normalised name touched (old and new record), or null for CPE/enrichment-only changes. */
  readonly ecosystem: string | null;
  readonly name: string | null;
  /** `vendor:product` touched, for NVD records. */
  readonly cpeProduct: string | null;
  readonly at: string;
}

export interface VulnDbReader {
  /**
   * The non-withdrawn OSV records with an `affected[]` entry for this ecosystem (base, without
   * `:suffix`) and normalised name, as match records (src/vulndb/match-records.ts), by record id.
   */
  packageRecords(ecosystem: string, name: string): readonly PackageMatchRecord[];
  /**
   * The OSV ecosystems (base, without `:suffix`, as `packages` keys them) for which any record names
   * a package: a component of another ecosystem was compared with nothing. Cheap, and the same object
   * for one state of the database (a reader caches it until the database changes).
   */
  ecosystems(): ReadonlySet<string>;
  /** Whether any record names this package: the cheap pre-check the scan uses per component. */
  hasPackage(ecosystem: string, name: string): boolean;
  /**
   * `packageRecords` of a package that `hasPackage`, else null: both answers from one lookup (the
   * matcher asks this once per package).
   */
  packageRecordsIfKnown(ecosystem: string, name: string): readonly PackageMatchRecord[] | null;
  /** NVD CVE records whose configurations name this CPE vendor and product. */
  cvesForCpeProduct(vendor: string, product: string): readonly NvdCve[];
  /** Aliases of an id across every source (OSV aliases and `advisoryAliases` upstream, JVN ↔ its one CVE), including the id. */
  idsOf(id: string): readonly string[];
  /** CVSS from OSV/NVD/JVN, EPSS and KEV for the ids of one vulnerability. */
  enrichment(ids: readonly string[]): Enrichment;
  /** `idsOf` for many ids in one go (optional: a reader that can batch its lookups). */
  idsOfMany?(ids: readonly string[]): ReadonlyMap<string, readonly string[]>;
  /** `enrichment` for many id sets in one go (optional, like `idsOfMany`). */
  enrichmentMany?(idSets: readonly (readonly string[])[]): readonly Enrichment[];
  /**
   * The ids of the records that name any of `ids` as related (an OSV record's `upstream` ids that are
   * not its aliases, a JVN record's several CVEs: core/vulns/aliases.ts `relatedUpstream`), sorted,
   * each once. Not an alias: the record is another vulnerability's advisory that is built on these ids
   * (RSEC-2023-8 for the cmark-gfm CVEs its R package bundles). One lookup for all of `ids`.
   */
  relatedBy(ids: readonly string[]): readonly string[];
  /** A record by any of its ids, or null. */
  recordById(id: string): Advisory | NvdCve | null;
  /** How fresh each feed is (src/vulndb/feed-states.ts), read once per database state (optional). */
  feedStates?(): readonly FeedState[];
  /** Changes after `seq`, ascending; `lastSeq()` is the newest. */
  changesSince(seq: number, limit?: number): readonly AdvisoryChange[];
  lastSeq(): number;
  /**
   * Runs `fn` against one consistent state of the database (a read transaction): the reader checks
   * once, not on every lookup, whether another connection has committed since its caches were filled.
   */
  snapshot?<T>(fn: () => T): T;
  close(): void;
}
