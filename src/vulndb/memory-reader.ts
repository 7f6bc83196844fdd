/**
 * An in-memory `VulnDbReader` built from arrays of parsed records: OSV advisories, NVD CVE records,
 * CISA KEV entries and EPSS scores. Used by tests (the matcher's, the scan command's, the findings
 * service's) and by the scan benchmark as the baseline; the SQLite database (database.ts) is the
 * real one. It follows the same rules the database does:
 *
 * - Package index: every `affected[]` entry with a `package`, keyed by the ecosystem without its
 *   `:suffix` and the name normalised as keys.ts says (the keys the SQLite database uses).
 * - CPE index: every `cpeMatch.criteria` of every configuration, keyed by lower-cased vendor and
 *   product (CPE comparison is case-insensitive, NISTIR 7696 §6.1.2).
 * - Aliases: union-find over OSV `aliases` and the `upstream` ids that name the record's own
 *   vulnerability (core/vulns/aliases.ts `groupAliases`, as the database's `aliases` table holds
 *   them), so an id links to every id of its vulnerability, across records.
 * - Related ids: the `upstream` ids that are not aliases (`relatedUpstream`), by id, as the
 *   database's `related_ids` table holds them (`relatedBy`).
 * - Enrichment: CVSS vectors from OSV `severity` (record and affected entries) and NVD metrics,
 *   scored from the vectors; EPSS and KEV by CVE id.
 * - Change log: one `new` change per record in load order (seq 1…n).
 */
import { cpeValueText, parseCpe } from '../core/identity/cpe.js';
import type { Advisory, OsvSeverity } from '../core/vulns/advisory.js';
import { groupAliases, relatedUpstream } from '../core/vulns/aliases.js';
import type { CvssSummary, Enrichment, Severity } from '../core/vulns/finding.js';
import type { KevEntry } from '../feeds/parse/cisa-kev.js';
import type { EpssScore } from '../feeds/parse/epss.js';
import type { NvdCve } from '../feeds/parse/nvd-cve.js';
import { scoreCvssVector } from '../vulns/cvss.js';
import { baseEcosystem as ecosystemBase, normalisePackageName as normalisedPackageName } from './keys.js';
import { packageMatchRecords, type PackageMatchRecord } from './match-records.js';
import type { AdvisoryChange, VulnDbReader } from './reader.js';

/** `vendor:product` of a CPE name as the CPE index keys it (lower case, WFN quoting removed); null when not concrete. */
export function cpeNameProduct(cpe: string): { vendor: string; product: string } | null {
  const parsed = parseCpe(cpe);
  if (!parsed.ok) return null;
  const vendor = cpeValueText(parsed.value.vendor);
  const product = cpeValueText(parsed.value.product);
  if (vendor === undefined || product === undefined) return null;
  return { vendor: vendor.toLowerCase(), product: product.toLowerCase() };
}

const scoredVectors = new Map<string, ReturnType<typeof scoreCvssVector>>();

/** Scoring a vector costs about a millisecond; records repeat vectors, so they are scored once. */
function scoreOnce(vector: string): ReturnType<typeof scoreCvssVector> {
  let s = scoredVectors.get(vector);
  if (s === undefined) {
    if (scoredVectors.size > 100_000) scoredVectors.clear();
    scoredVectors.set(vector, (s = scoreCvssVector(vector)));
  }
  return s;
}

/** CVSS summaries of OSV `severity` entries (CVSS types only; unscorable vectors are left out). */
export function cvssFromOsvSeverity(list: readonly OsvSeverity[], source: string): CvssSummary[] {
  const out: CvssSummary[] = [];
  for (const s of list) {
    if (!s.type.startsWith('CVSS_')) continue;
    const scored = scoreOnce(s.score);
    if (!scored.ok) continue;
    out.push({
      version: scored.value.version,
      vector: scored.value.vectorString,
      baseScore: scored.value.baseScore,
      severity: scored.value.baseSeverity.toLowerCase() as Severity,
      source,
    });
  }
  return out;
}

/** CVSS summaries of NVD metrics, scored from the vectors (NVD's own score when the vector does not parse). */
export function cvssFromNvd(cve: NvdCve): CvssSummary[] {
  return cve.metrics.map((m) => {
    const scored = scoreOnce(m.vectorString);
    if (scored.ok)
      return {
        version: scored.value.version,
        vector: scored.value.vectorString,
        baseScore: scored.value.baseScore,
        severity: scored.value.baseSeverity.toLowerCase() as Severity,
        source: m.source,
      };
    const sev = (m.baseSeverity ?? 'unknown').toLowerCase();
    return {
      version: m.version,
      vector: m.vectorString,
      baseScore: m.baseScore,
      severity: (['none', 'low', 'medium', 'high', 'critical'].includes(sev) ? sev : 'unknown') as Severity,
      source: m.source,
    };
  });
}

export interface MemoryVulnDbInput {
  readonly advisories?: readonly Advisory[];
  readonly cves?: readonly NvdCve[];
  readonly kev?: readonly KevEntry[];
  readonly epss?: readonly EpssScore[];
  /** The EPSS score date (YYYY-MM-DD) reported with each score. */
  readonly epssDate?: string;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

export class MemoryVulnDb implements VulnDbReader {
  private readonly packages = new Map<string, Advisory[]>();
  private readonly ecosystemSet = new Set<string>();
  private readonly matchRecords = new Map<string, PackageMatchRecord[]>();
  private readonly cpeProducts = new Map<string, NvdCve[]>();
  private readonly advisoryById = new Map<string, Advisory>();
  private readonly cveById = new Map<string, NvdCve>();
  private readonly groupOf = new Map<string, readonly string[]>();
  /** The records naming an id as related. */
  private readonly namedBy = new Map<string, string[]>();
  private readonly kev = new Map<string, KevEntry>();
  private readonly epss = new Map<string, EpssScore>();
  private readonly epssDate: string;
  private readonly changes: AdvisoryChange[] = [];
  private closed = false;

  constructor(input: MemoryVulnDbInput) {
    const at = new Date(0).toISOString();
    const advisories = input.advisories ?? [];
    for (const a of advisories) {
      this.advisoryById.set(a.id, a);
      for (const x of relatedUpstream(a)) push(this.namedBy, x, a.id);
      for (const [key, r] of packageMatchRecords(a)) push(this.matchRecords, key, r);
      const touched = new Set<string>();
      for (const aff of a.affected) {
        if (!aff.package) continue;
        const key = this.key(
          ecosystemBase(aff.package.ecosystem),
          normalisedPackageName(aff.package.ecosystem, aff.package.name),
        );
        push(this.packages, key, a);
        this.ecosystemSet.add(ecosystemBase(aff.package.ecosystem));
        touched.add(key);
      }
      for (const key of touched.size > 0 ? touched : [null]) {
        const [eco, name] = key === null ? [null, null] : key.split('\0');
        this.changes.push({
          seq: this.changes.length + 1,
          recordId: a.id,
          kind: a.withdrawn ? 'withdrawn' : 'new',
          ecosystem: eco ?? null,
          name: name ?? null,
          cpeProduct: null,
          at,
        });
      }
    }
    for (const cve of input.cves ?? []) {
      this.cveById.set(cve.id, cve);
      const touched = new Set<string>();
      for (const config of cve.configurations)
        for (const node of config.nodes)
          for (const m of node.cpeMatch) {
            const k = cpeNameProduct(m.criteria);
            if (!k) continue;
            const key = `${k.vendor}:${k.product}`;
            push(this.cpeProducts, key, cve);
            touched.add(key);
          }
      for (const key of touched.size > 0 ? touched : [null])
        this.changes.push({
          seq: this.changes.length + 1,
          recordId: cve.id,
          kind: 'new',
          ecosystem: null,
          name: null,
          cpeProduct: key,
          at,
        });
    }
    for (const group of groupAliases(advisories)) for (const id of group.ids) this.groupOf.set(id, group.ids);
    for (const k of input.kev ?? []) this.kev.set(k.cveID, k);
    for (const e of input.epss ?? []) this.epss.set(e.cve, e);
    this.epssDate = input.epssDate ?? '';
  }

  private key(ecosystem: string, name: string): string {
    return `${ecosystem}\0${name}`;
  }

  private open(): void {
    if (this.closed) throw new Error('the vulnerability database is closed');
  }

  packageRecords(ecosystem: string, name: string): readonly PackageMatchRecord[] {
    this.open();
    return (
      this.matchRecords.get(this.key(ecosystemBase(ecosystem), normalisedPackageName(ecosystem, name))) ?? []
    );
  }

  ecosystems(): ReadonlySet<string> {
    this.open();
    return this.ecosystemSet;
  }

  hasPackage(ecosystem: string, name: string): boolean {
    this.open();
    return this.packages.has(this.key(ecosystemBase(ecosystem), normalisedPackageName(ecosystem, name)));
  }

  packageRecordsIfKnown(ecosystem: string, name: string): readonly PackageMatchRecord[] | null {
    return this.hasPackage(ecosystem, name) ? this.packageRecords(ecosystem, name) : null;
  }

  cvesForCpeProduct(vendor: string, product: string): readonly NvdCve[] {
    this.open();
    return this.cpeProducts.get(`${vendor.toLowerCase()}:${product.toLowerCase()}`) ?? [];
  }

  idsOf(id: string): readonly string[] {
    this.open();
    return this.groupOf.get(id) ?? [id];
  }

  enrichment(ids: readonly string[]): Enrichment {
    this.open();
    const cvss: CvssSummary[] = [];
    let epss: Enrichment['epss'] = null;
    let kev: Enrichment['kev'] = null;
    for (const id of ids) {
      const a = this.advisoryById.get(id);
      if (a) {
        cvss.push(...cvssFromOsvSeverity(a.severity, a.id));
        for (const aff of a.affected) cvss.push(...cvssFromOsvSeverity(aff.severity, a.id));
      }
      const cve = this.cveById.get(id);
      if (cve) cvss.push(...cvssFromNvd(cve));
      const e = this.epss.get(id);
      if (e && (epss === null || e.epss > epss.score))
        epss = { score: e.epss, percentile: e.percentile, date: this.epssDate };
      const k = this.kev.get(id);
      if (k && kev === null)
        kev = {
          dateAdded: k.dateAdded,
          dueDate: k.dueDate,
          ransomware: k.knownRansomwareCampaignUse === 'Known',
        };
    }
    return { cvss, epss, kev };
  }

  relatedBy(ids: readonly string[]): readonly string[] {
    this.open();
    const records = new Set<string>();
    for (const id of ids) for (const r of this.namedBy.get(id) ?? []) records.add(r);
    return [...records].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  recordById(id: string): Advisory | NvdCve | null {
    this.open();
    return this.advisoryById.get(id) ?? this.cveById.get(id) ?? null;
  }

  changesSince(seq: number, limit = Number.MAX_SAFE_INTEGER): readonly AdvisoryChange[] {
    this.open();
    return this.changes.filter((c) => c.seq > seq).slice(0, limit);
  }

  lastSeq(): number {
    return this.changes.length;
  }

  close(): void {
    this.closed = true;
  }
}

export function memoryVulnDb(input: MemoryVulnDbInput): MemoryVulnDb {
  return new MemoryVulnDb(input);
}
