/**
 * NVD CVE API 2.0 records (also the NVD 2.0 JSON data feeds, which use the same envelope).
 * Accepts a response page `{resultsPerPage, startIndex, totalResults, format, version, timestamp,
 * vulnerabilities: [{cve}]}`, a single `{cve}` item, or a bare cve object. Field names are NVD's
 * (schema cve_api_json_2.0 v2.2.0, reference §4.3). `parseNvdCve` reads one `cve` object so a
 * streaming JSON reader can feed items one by one.
 */
import type { Result } from '../../core/result.js';
import type { CvssVersion } from '../../core/vulns/cvss/metrics.js';
import { parseCvssVector } from '../../core/vulns/cvss/vector.js';
import { type ParsedFeed, type ParseReject, arr, defaultMaxDocumentBytes, isObject, parseJsonDocument, str } from './parsed-feed.js';

export interface NvdDescription {
  readonly lang: string;
  readonly value: string;
}

export interface NvdCvssMetric {
  /** Which metrics array it came from: cvssMetricV2 → 2.0, V30 → 3.0, V31 → 3.1, V40 → 4.0. */
  readonly version: CvssVersion;
  readonly source: string;
  readonly type: 'Primary' | 'Secondary';
  readonly vectorString: string;
  readonly baseScore: number;
  readonly baseSeverity?: string;
  readonly exploitabilityScore?: number;
  readonly impactScore?: number;
}

export interface NvdWeakness {
  readonly source: string;
  readonly type: string;
  /** CWE ids or NVD's `NVD-CWE-Other` / `NVD-CWE-noinfo`. */
  readonly cwes: readonly string[];
}

export interface NvdCpeMatch {
  readonly vulnerable: boolean;
  readonly criteria: string;
  readonly matchCriteriaId?: string;
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
}

export interface NvdNode {
  readonly operator: 'AND' | 'OR';
  readonly negate: boolean;
  readonly cpeMatch: readonly NvdCpeMatch[];
}

export interface NvdConfiguration {
  /** Absent in NVD data means the nodes are OR-ed. */
  readonly operator?: 'AND' | 'OR';
  readonly negate: boolean;
  readonly nodes: readonly NvdNode[];
}

export interface NvdReference {
  readonly url: string;
  readonly source?: string;
  readonly tags: readonly string[];
}

export interface NvdKev {
  readonly cisaExploitAdd?: string;
  readonly cisaActionDue?: string;
  readonly cisaRequiredAction?: string;
  readonly cisaVulnerabilityName?: string;
}

export interface NvdCve {
  readonly id: string;
  readonly sourceIdentifier?: string;
  /** Received, Awaiting Analysis, Undergoing Analysis, Analyzed, Modified, Deferred, Rejected … */
  readonly vulnStatus?: string;
  readonly published: string;
  readonly lastModified: string;
  readonly descriptions: readonly NvdDescription[];
  readonly cveTags: readonly { readonly sourceIdentifier?: string; readonly tags: readonly string[] }[];
  readonly metrics: readonly NvdCvssMetric[];
  readonly weaknesses: readonly NvdWeakness[];
  readonly configurations: readonly NvdConfiguration[];
  readonly references: readonly NvdReference[];
  readonly kev?: NvdKev;
  /** Parts of the record that were dropped, with the reason (e.g. an invalid CVSS vector). */
  readonly issues: readonly string[];
}

export interface NvdPage {
  readonly resultsPerPage?: number;
  readonly startIndex?: number;
  readonly totalResults?: number;
  readonly format?: string;
  readonly version?: string;
  readonly timestamp?: string;
}

export interface NvdLimits {
  readonly maxBytes?: number;
  readonly maxRecords?: number;
  /** Across all configurations of one CVE (DT's trimmed 2022 feed has about 800 on one). */
  readonly maxCpeMatchPerCve?: number;
}

const cveIdPattern = /^CVE-\d{4}-\d{4,}$/;
const metricKeys: readonly [string, CvssVersion][] = [
  ['cvssMetricV2', '2.0'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV40', '4.0'],
];

function optionalString<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return (typeof value === 'string' ? { [key]: value } : {}) as { [P in K]?: string };
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function operatorOf(value: unknown): 'AND' | 'OR' | undefined {
  return value === 'AND' || value === 'OR' ? value : undefined;
}

function parseMetrics(metrics: unknown, issues: string[]): NvdCvssMetric[] {
  const out: NvdCvssMetric[] = [];
  if (!isObject(metrics)) return out;
  for (const [key, version] of metricKeys) {
    for (const [i, m] of arr(metrics[key]).entries()) {
      const data = isObject(m) ? m.cvssData : undefined;
      if (!isObject(m) || !isObject(data)) {
        issues.push(`${key}[${i}]: no cvssData`);
        continue;
      }
      const vectorString = str(data.vectorString);
      const baseScore = num(data.baseScore);
      if (vectorString === undefined || baseScore === undefined) {
        issues.push(`${key}[${i}]: cvssData lacks vectorString or baseScore`);
        continue;
      }
      const parsed = parseCvssVector(vectorString);
      if (!parsed.ok) {
        issues.push(`${key}[${i}]: ${parsed.error.message}`);
        continue;
      }
      if (parsed.value.version !== version) {
        issues.push(`${key}[${i}]: vector is CVSS ${parsed.value.version}, not ${version}`);
        continue;
      }
      const type = m.type === 'Primary' || m.type === 'Secondary' ? m.type : undefined;
      if (type === undefined) {
        issues.push(`${key}[${i}]: type must be Primary or Secondary`);
        continue;
      }
      // NVD puts v2 baseSeverity beside cvssData, v3/v4 inside it.
      const baseSeverity = str(data.baseSeverity) ?? str(m.baseSeverity);
      const exploitabilityScore = num(m.exploitabilityScore);
      const impactScore = num(m.impactScore);
      out.push({
        version,
        source: str(m.source) ?? '',
        type,
        vectorString,
        baseScore,
        ...(baseSeverity !== undefined ? { baseSeverity } : {}),
        ...(exploitabilityScore !== undefined ? { exploitabilityScore } : {}),
        ...(impactScore !== undefined ? { impactScore } : {}),
      });
    }
  }
  return out;
}

function parseConfigurations(value: unknown, issues: string[], maxCpeMatch: number): Result<NvdConfiguration[], string> {
  const configurations: NvdConfiguration[] = [];
  let cpeMatchCount = 0;
  for (const [ci, c] of arr(value).entries()) {
    if (!isObject(c)) {
      issues.push(`configurations[${ci}]: not an object`);
      continue;
    }
    const nodes: NvdNode[] = [];
    for (const [ni, n] of arr(c.nodes).entries()) {
      const operator = isObject(n) ? operatorOf(n.operator) : undefined;
      if (!isObject(n) || operator === undefined) {
        issues.push(`configurations[${ci}].nodes[${ni}]: operator must be AND or OR`);
        continue;
      }
      const cpeMatch: NvdCpeMatch[] = [];
      for (const [mi, m] of arr(n.cpeMatch).entries()) {
        if (++cpeMatchCount > maxCpeMatch) return { ok: false, error: `more than ${maxCpeMatch} cpeMatch entries` };
        if (!isObject(m) || typeof m.vulnerable !== 'boolean' || typeof m.criteria !== 'string' || !m.criteria.startsWith('cpe:2.3:')) {
          issues.push(`configurations[${ci}].nodes[${ni}].cpeMatch[${mi}]: needs vulnerable (boolean) and criteria (cpe:2.3:…)`);
          continue;
        }
        cpeMatch.push({
          vulnerable: m.vulnerable,
          criteria: m.criteria,
          ...optionalString('matchCriteriaId', m.matchCriteriaId),
          ...optionalString('versionStartIncluding', m.versionStartIncluding),
          ...optionalString('versionStartExcluding', m.versionStartExcluding),
          ...optionalString('versionEndIncluding', m.versionEndIncluding),
          ...optionalString('versionEndExcluding', m.versionEndExcluding),
        });
      }
      nodes.push({ operator, negate: n.negate === true, cpeMatch });
    }
    const operator = operatorOf(c.operator);
    configurations.push({ ...(operator ? { operator } : {}), negate: c.negate === true, nodes });
  }
  return { ok: true, value: configurations };
}

/** Reads one NVD `cve` object. */
export function parseNvdCve(cve: unknown, limits: NvdLimits = {}): Result<NvdCve, string> {
  if (!isObject(cve)) return { ok: false, error: 'cve is not an object' };
  const id = str(cve.id);
  if (id === undefined || !cveIdPattern.test(id)) return { ok: false, error: 'id is missing or not CVE-YYYY-NNNN…' };
  const published = str(cve.published);
  const lastModified = str(cve.lastModified);
  if (published === undefined || lastModified === undefined) return { ok: false, error: 'published and lastModified are required' };
  const issues: string[] = [];

  const descriptions: NvdDescription[] = [];
  for (const d of arr(cve.descriptions)) {
    if (isObject(d) && typeof d.lang === 'string' && typeof d.value === 'string') descriptions.push({ lang: d.lang, value: d.value });
  }
  const configurations = parseConfigurations(cve.configurations, issues, limits.maxCpeMatchPerCve ?? 100_000);
  if (!configurations.ok) return configurations;

  const weaknesses: NvdWeakness[] = [];
  for (const w of arr(cve.weaknesses)) {
    if (!isObject(w)) continue;
    const cwes = arr(w.description)
      .map((d) => (isObject(d) ? str(d.value) : undefined))
      .filter((v): v is string => v !== undefined);
    weaknesses.push({ source: str(w.source) ?? '', type: str(w.type) ?? '', cwes });
  }

  const references: NvdReference[] = [];
  for (const r of arr(cve.references)) {
    if (!isObject(r) || typeof r.url !== 'string') continue;
    references.push({ url: r.url, ...optionalString('source', r.source), tags: arr(r.tags).filter((t): t is string => typeof t === 'string') });
  }

  const cveTags = arr(cve.cveTags)
    .filter(isObject)
    .map((t) => ({ ...optionalString('sourceIdentifier', t.sourceIdentifier), tags: arr(t.tags).filter((x): x is string => typeof x === 'string') }));

  const kev: NvdKev = {
    ...optionalString('cisaExploitAdd', cve.cisaExploitAdd),
    ...optionalString('cisaActionDue', cve.cisaActionDue),
    ...optionalString('cisaRequiredAction', cve.cisaRequiredAction),
    ...optionalString('cisaVulnerabilityName', cve.cisaVulnerabilityName),
  };

  return {
    ok: true,
    value: {
      id,
      ...optionalString('sourceIdentifier', cve.sourceIdentifier),
      ...optionalString('vulnStatus', cve.vulnStatus),
      published,
      lastModified,
      descriptions,
      cveTags,
      metrics: parseMetrics(cve.metrics, issues),
      weaknesses,
      configurations: configurations.value,
      references,
      ...(Object.keys(kev).length > 0 ? { kev } : {}),
      issues,
    },
  };
}

/** Reads an NVD API 2.0 page, a 2.0 data feed file, a `{cve}` item or a bare cve object. */
export function parseNvdCveJson(text: string, limits: NvdLimits = {}): ParsedFeed<NvdCve, NvdPage> {
  const doc = parseJsonDocument(text, limits.maxBytes ?? defaultMaxDocumentBytes);
  if (!doc.ok) return { records: [], rejects: [], documentError: doc.error };
  const root = doc.value;
  if (!isObject(root)) return { records: [], rejects: [], documentError: 'the document is not a JSON object' };

  let items: readonly unknown[];
  let meta: NvdPage | undefined;
  if (Array.isArray(root.vulnerabilities)) {
    items = (root.vulnerabilities as unknown[]).map((v): unknown => (isObject(v) ? v.cve : v));
    const n = (k: string) => (typeof root[k] === 'number' ? { [k]: root[k] } : {});
    meta = {
      ...n('resultsPerPage'),
      ...n('startIndex'),
      ...n('totalResults'),
      ...optionalString('format', root.format),
      ...optionalString('version', root.version),
      ...optionalString('timestamp', root.timestamp),
    };
  } else if (isObject(root.cve)) items = [root.cve];
  else if (typeof root.id === 'string') items = [root];
  else return { records: [], rejects: [], documentError: 'neither an NVD response (vulnerabilities[]) nor a cve object' };

  const maxRecords = limits.maxRecords ?? 200_000;
  if (items.length > maxRecords) return { records: [], rejects: [], documentError: `more than ${maxRecords} CVE records` };
  const records: NvdCve[] = [];
  const rejects: ParseReject[] = [];
  items.forEach((item, index) => {
    const r = parseNvdCve(item, limits);
    if (r.ok) records.push(r.value);
    else {
      const id = isObject(item) ? str(item.id) : undefined;
      rejects.push({ index, ...(id !== undefined ? { id } : {}), reason: r.error });
    }
  });
  return { ...(meta ? { meta } : {}), records, rejects };
}

/** The description in `lang` (NVD uses `en`, some CNAs add `es`). */
export function nvdDescription(cve: NvdCve, lang = 'en'): string | undefined {
  return cve.descriptions.find((d) => d.lang === lang)?.value;
}
