/**
 * CISA Known Exploited Vulnerabilities catalog (JSON). Field names are CISA's
 * (known_exploited_vulnerabilities_schema.json; reference §4.5). Older catalogs (2022) lack
 * knownRansomwareCampaignUse, notes and cwes; they are optional here.
 */
import { type ParsedFeed, type ParseReject, arr, defaultMaxDocumentBytes, isObject, parseJsonDocument, str } from './parsed-feed.js';

export interface KevEntry {
  readonly cveID: string;
  readonly vendorProject: string;
  readonly product: string;
  readonly vulnerabilityName: string;
  readonly dateAdded: string;
  readonly shortDescription: string;
  readonly requiredAction: string;
  readonly dueDate: string;
  readonly knownRansomwareCampaignUse?: 'Known' | 'Unknown';
  readonly notes?: string;
  readonly cwes: readonly string[];
}

export interface KevCatalog {
  readonly title?: string;
  readonly catalogVersion: string;
  readonly dateReleased: string;
  readonly count: number;
}

const cvePattern = /^CVE-\d{4}-\d{4,19}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const required = ['vendorProject', 'product', 'vulnerabilityName', 'shortDescription', 'requiredAction'] as const;

export function parseKevEntry(item: unknown): { ok: true; value: KevEntry } | { ok: false; error: string } {
  if (!isObject(item)) return { ok: false, error: 'entry is not an object' };
  const cveID = str(item.cveID);
  if (cveID === undefined || !cvePattern.test(cveID)) return { ok: false, error: 'cveID is missing or not CVE-YYYY-NNNN…' };
  for (const key of required) if (typeof item[key] !== 'string') return { ok: false, error: `${key} is required` };
  const dateAdded = str(item.dateAdded);
  const dueDate = str(item.dueDate);
  if (dateAdded === undefined || !datePattern.test(dateAdded)) return { ok: false, error: 'dateAdded must be YYYY-MM-DD' };
  if (dueDate === undefined || !datePattern.test(dueDate)) return { ok: false, error: 'dueDate must be YYYY-MM-DD' };
  const ransomware = item.knownRansomwareCampaignUse;
  if (ransomware !== undefined && ransomware !== 'Known' && ransomware !== 'Unknown') {
    return { ok: false, error: 'knownRansomwareCampaignUse must be Known or Unknown' };
  }
  return {
    ok: true,
    value: {
      cveID,
      vendorProject: item.vendorProject as string,
      product: item.product as string,
      vulnerabilityName: item.vulnerabilityName as string,
      dateAdded,
      shortDescription: item.shortDescription as string,
      requiredAction: item.requiredAction as string,
      dueDate,
      ...(ransomware !== undefined ? { knownRansomwareCampaignUse: ransomware } : {}),
      ...(typeof item.notes === 'string' ? { notes: item.notes } : {}),
      cwes: arr(item.cwes).filter((c): c is string => typeof c === 'string' && /^CWE-\d+$/.test(c)),
    },
  };
}

export function parseKevJson(text: string, limits: { maxBytes?: number; maxEntries?: number } = {}): ParsedFeed<KevEntry, KevCatalog> {
  const doc = parseJsonDocument(text, limits.maxBytes ?? kevDefaultMaxBytes);
  if (!doc.ok) return { records: [], rejects: [], documentError: doc.error };
  const root = doc.value;
  if (!isObject(root) || !Array.isArray(root.vulnerabilities)) {
    return { records: [], rejects: [], documentError: 'not a KEV catalog: vulnerabilities[] missing' };
  }
  const catalogVersion = str(root.catalogVersion);
  const dateReleased = str(root.dateReleased);
  if (catalogVersion === undefined || dateReleased === undefined || typeof root.count !== 'number') {
    return { records: [], rejects: [], documentError: 'catalogVersion, dateReleased and count are required' };
  }
  const maxEntries = limits.maxEntries ?? 100_000;
  if (root.vulnerabilities.length > maxEntries) return { records: [], rejects: [], documentError: `more than ${maxEntries} entries` };
  const records: KevEntry[] = [];
  const rejects: ParseReject[] = [];
  root.vulnerabilities.forEach((item: unknown, index) => {
    const r = parseKevEntry(item);
    if (r.ok) records.push(r.value);
    else {
      const id = isObject(item) ? str(item.cveID) : undefined;
      rejects.push({ index, ...(id !== undefined ? { id } : {}), reason: r.error });
    }
  });
  if (records.length + rejects.length !== root.count) {
    rejects.push({ index: -1, reason: `count says ${root.count} but the catalog lists ${root.vulnerabilities.length}` });
  }
  const meta: KevCatalog = { ...(typeof root.title === 'string' ? { title: root.title } : {}), catalogVersion, dateReleased, count: root.count };
  return { meta, records, rejects };
}

// Keep the shared defaults import used (document cap for very large catalogs is caller-tunable).
export const kevDefaultMaxBytes = Math.min(defaultMaxDocumentBytes, 64 * 1024 * 1024);
