/**
 * What the matcher needs of one OSV record for one package, stored beside the package index at
 * import (`packages.entry`, docs/adr/0010-vulnerability-database.md, addendum 1): the record's ids,
 * summary, severity word and CVSS vectors, and only the `affected[]` entries that name the package,
 * with their ranges and enumerated versions. A scan reads these instead of parsing and validating
 * whole records: a package such as PyPI `tensorflow` has over 400 advisories whose full records
 * (details, references, credits, every other package's entries) are about 2.5 KiB each.
 *
 * The enumerated `versions` list is the bulk of an entry (PyPI and Go records list hundreds of
 * versions). It is stored as one newline-joined string and searched as a string (`JoinedVersions`),
 * so reading an entry allocates one string instead of one per version. A list that cannot be joined
 * safely (an empty version, a version containing a newline) is stored as an array.
 */
import type { Advisory, OsvEvent, OsvPackage, OsvRangeType } from '../core/vulns/advisory.js';
import { advisoryAliases } from '../core/vulns/aliases.js';
import type { Severity } from '../core/vulns/finding.js';
import type { EvaluableAffected, VersionList } from '../core/vulns/osv-range.js';
import { baseEcosystem, normalisePackageName } from './keys.js';

/** An `affected[]` entry as the matcher evaluates it (core/vulns/osv-range.ts `evaluateAffected`). */
export interface MatchAffected extends EvaluableAffected {
  readonly package: OsvPackage;
  readonly ranges: readonly {
    readonly type: OsvRangeType;
    readonly repo: string | null;
    readonly events: readonly OsvEvent[];
  }[];
}

/** One OSV record as the matcher sees it for one package. */
export interface PackageMatchRecord {
  readonly id: string;
  /** The record's id and aliases (`advisoryAliases`: its upstream ids only when they name its own vulnerability), in record order. */
  readonly ids: readonly string[];
  readonly summary: string | null;
  /** The record's severity word (`database_specific.severity`, Ubuntu priority, …), for findings without CVSS. */
  readonly severityWord: Severity | null;
  /** CVSS vectors of the record (record level, then every `affected[]` entry), for enrichment. */
  readonly cvss: readonly string[];
  /** The record's `affected[]` entries naming this package, in record order. */
  readonly affected: readonly MatchAffected[];
}

/** GHSA `MODERATE` and friends, Ubuntu priorities, plain words. */
export function severityWord(value: unknown): Severity | null {
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase();
  if (v === 'moderate' || v === 'medium') return 'medium';
  if (v === 'important') return 'high';
  if (v === 'negligible') return 'low';
  if (v === 'low' || v === 'high' || v === 'critical' || v === 'none') return v;
  return null;
}

/** A record's severity word: `database_specific.severity`, else its Ubuntu priority, else the first entry's word. */
export function advisorySeverityWord(a: Advisory): Severity | null {
  const fromDb = severityWord(a.database_specific?.['severity']);
  if (fromDb) return fromDb;
  for (const s of a.severity) if (s.type === 'Ubuntu') return severityWord(s.score);
  for (const aff of a.affected) {
    const w =
      severityWord(aff.database_specific?.['severity']) ?? severityWord(aff.ecosystem_specific?.['severity']);
    if (w) return w;
  }
  return null;
}

/** CVSS vectors of an OSV record: its own severities, then those of every `affected[]` entry. */
export function osvCvssVectors(a: Advisory): string[] {
  const out: string[] = [];
  for (const s of a.severity) if (s.type.startsWith('CVSS_')) out.push(s.score);
  for (const af of a.affected) for (const s of af.severity) if (s.type.startsWith('CVSS_')) out.push(s.score);
  return out;
}

/** `packageKey` of the index: base ecosystem and normalised name. */
export function packageKey(ecosystem: string, name: string): string {
  return `${baseEcosystem(ecosystem)}\u0000${normalisePackageName(ecosystem, name)}`;
}

/**
 * The match records of a (non-withdrawn) advisory, one per package it names, keyed by `packageKey`.
 * A withdrawn advisory has none: the matcher ignores it.
 */
export function packageMatchRecords(a: Advisory): Map<string, PackageMatchRecord> {
  const out = new Map<string, PackageMatchRecord>();
  if (a.withdrawn !== null) return out;
  const byPackage = new Map<string, MatchAffected[]>();
  for (const af of a.affected) {
    if (!af.package) continue;
    const key = packageKey(af.package.ecosystem, af.package.name);
    const entry: MatchAffected = {
      package: af.package,
      ranges: af.ranges.map((r) => ({ type: r.type, repo: r.repo, events: r.events })),
      versions: af.versions,
    };
    const list = byPackage.get(key);
    if (list) list.push(entry);
    else byPackage.set(key, [entry]);
  }
  if (byPackage.size === 0) return out;
  const ids = [a.id, ...advisoryAliases(a)].filter((x) => x !== '');
  const word = advisorySeverityWord(a);
  const cvss = osvCvssVectors(a);
  for (const [key, affected] of byPackage)
    out.set(key, { id: a.id, ids, summary: a.summary, severityWord: word, cvss, affected });
  return out;
}

let lastVersion = '';
let lastNeedle: string | null = null;

/** Enumerated versions kept as one `\n`-joined string, searched as text. */
export class JoinedVersions implements VersionList {
  private count = -1;
  /** `text` is `\n` + the versions joined by `\n` + `\n` (no version is empty or contains `\n`). */
  constructor(private readonly text: string) {}

  includes(version: string): boolean {
    // A matcher asks every entry of a package about the same version: the search text is made once.
    if (version !== lastVersion) {
      lastVersion = version;
      lastNeedle = version === '' || version.includes('\n') ? null : `\n${version}\n`;
    }
    return lastNeedle !== null && this.text.includes(lastNeedle);
  }

  get length(): number {
    if (this.count === -1) {
      let n = 0;
      for (let i = this.text.indexOf('\n', 1); i !== -1; i = this.text.indexOf('\n', i + 1)) n++;
      this.count = n;
    }
    return this.count;
  }

  toJSON(): string[] {
    return this.text.length <= 1 ? [] : this.text.slice(1, -1).split('\n');
  }
}

function joinable(versions: VersionList): versions is readonly string[] {
  return Array.isArray(versions) && versions.every((v: string) => v !== '' && !v.includes('\n'));
}

/** The stored text of a match record (the id is the row's own column). */
export function encodeMatchRecord(r: PackageMatchRecord): string {
  return JSON.stringify({
    ids: r.ids,
    summary: r.summary,
    severityWord: r.severityWord,
    cvss: r.cvss,
    affected: r.affected.map((af) => ({
      package: af.package,
      ranges: af.ranges,
      versions:
        af.versions.length === 0
          ? ''
          : joinable(af.versions)
            ? `\n${af.versions.join('\n')}\n`
            : Array.isArray(af.versions)
              ? af.versions
              : (af.versions as JoinedVersions).toJSON(),
    })),
  });
}

interface StoredMatchRecord {
  ids: string[];
  summary: string | null;
  severityWord: Severity | null;
  cvss: string[];
  affected: { package: OsvPackage; ranges: MatchAffected['ranges']; versions: string | string[] }[];
}

const noVersions: readonly string[] = Object.freeze([]);

/** A match record from its stored text (written by `encodeMatchRecord` in this database: not re-validated). */
export function decodeMatchRecord(id: string, text: string): PackageMatchRecord {
  const s = JSON.parse(text) as StoredMatchRecord;
  return {
    id,
    ids: s.ids,
    summary: s.summary,
    severityWord: s.severityWord,
    cvss: s.cvss,
    affected: s.affected.map((af) => ({
      package: af.package,
      ranges: af.ranges,
      versions:
        typeof af.versions === 'string'
          ? af.versions === ''
            ? noVersions
            : new JoinedVersions(af.versions)
          : af.versions,
    })),
  };
}
