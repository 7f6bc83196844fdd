/**
 * JVN iPedia / MyJVN records (reference §4.8):
 * - HND XML: getVulnOverviewList and the JVNDB RSS feed (RSS 1.0 `rdf:RDF` + mod_sec 3.0 `sec:`
 *   items) and getVulnDetailInfo / the detail feed (`VULDEF-Document` 3.x, `Vulinfo`).
 * - OKA JSON (Ver 4.0): getVulnOverviewList / RSS feed (`feed.entry[]`) and getVulnDetailInfo
 *   (CSAF-shaped `document.tracking.id`, `vulnerabilities[]`, `product_tree`).
 * XML is parsed with fast-xml-parser with entity processing off; a DOCTYPE is refused, and only the
 * five predefined XML entities and numeric character references are decoded, by hand.
 * CPE 2.2 URIs (HND) are also given as CPE 2.3 formatted strings.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatCpe23, parseCpe22Uri, parseCpe23 } from '../../core/identity/cpe.js';
import { type ParsedFeed, type ParseReject, arr, isObject, parseJsonDocument, str } from './parsed-feed.js';
import type { JvnCvss, JvnProduct, JvnRecord } from './jvn-record.js';

export { jvnVectorString, type JvnCvss, type JvnProduct, type JvnRecord } from './jvn-record.js';

export interface JvnMeta {
  readonly format: 'hnd-rss' | 'hnd-vuldef' | 'oka-feed' | 'oka-detail';
  readonly totalRes?: number;
}

const jvndbPattern = /^JVNDB-\d{4}-\d{6}$/;
const cvePattern = /CVE-\d{4}-\d{4,}/g;
const defaultMaxBytes = 64 * 1024 * 1024;
const maxItems = 100_000;

const arrayTags = new Set(['item', 'references', 'cpe', 'cvss', 'Vulinfo', 'AffectedItem', 'VersionNumber', 'Cvss', 'RelatedItem', 'Cpe']);

function decodeXmlText(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Text of an element parsed by fast-xml-parser (a string, or an object with `#text`). */
function text(node: unknown): string | undefined {
  if (typeof node === 'string') return decodeXmlText(node).trim();
  if (typeof node === 'number') return String(node);
  if (isObject(node) && node['#text'] !== undefined) return text(node['#text']);
  return undefined;
}

function attr(node: unknown, name: string): string | undefined {
  return isObject(node) && typeof node[`@_${name}`] === 'string' ? decodeXmlText(node[`@_${name}`] as string) : undefined;
}

function toCpe23(cpe: string | undefined): string | undefined {
  if (cpe === undefined) return undefined;
  const parsed = cpe.startsWith('cpe:/') ? parseCpe22Uri(cpe) : parseCpe23(cpe);
  return parsed.ok ? formatCpe23(parsed.value) : undefined;
}

function product(vendor: string | undefined, name: string | undefined, cpe: string | undefined, versions: string[]): JvnProduct {
  const cpe23 = toCpe23(cpe);
  return {
    ...(vendor !== undefined ? { vendor } : {}),
    ...(name !== undefined ? { product: name } : {}),
    ...(cpe !== undefined ? { cpe } : {}),
    ...(cpe23 !== undefined ? { cpe23 } : {}),
    versions,
  };
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function finish(index: number, record: JvnRecord, records: JvnRecord[], rejects: ParseReject[]): void {
  if (!jvndbPattern.test(record.id)) rejects.push({ index, ...(record.id ? { id: record.id } : {}), reason: 'identifier is not JVNDB-YYYY-NNNNNN' });
  else if (record.title === '') rejects.push({ index, id: record.id, reason: 'title is missing' });
  else records.push(record);
}

function rssItem(item: unknown, lang: string | undefined): JvnRecord {
  const refs = arr(isObject(item) ? item.references : undefined);
  const cves: string[] = [];
  const cwes: string[] = [];
  for (const r of refs) {
    const id = attr(r, 'id') ?? '';
    if (attr(r, 'source') === 'CVE' || /^CVE-/.test(id)) cves.push(id);
    else if (/^CWE-/.test(id)) cwes.push(id);
  }
  const i = isObject(item) ? item : {};
  return compact({
    id: text(i.identifier) ?? '',
    title: text(i.title) ?? '',
    lang,
    description: text(i.description),
    link: text(i.link),
    cves: unique(cves.filter((c) => /^CVE-\d{4}-\d{4,}$/.test(c))),
    cwes: unique(cwes),
    cvss: arr(i.cvss).map((c) =>
      compact({ version: attr(c, 'version') ?? '', vectorString: attr(c, 'vector'), baseScore: num(attr(c, 'score')), severity: attr(c, 'severity') }),
    ),
    products: arr(i.cpe).map((c) => product(attr(c, 'vendor'), attr(c, 'product'), text(c), [])),
    dateFirstPublished: text(i.issued),
    dateLastUpdated: text(i.modified),
  });
}

function vulinfo(v: unknown, lang: string | undefined): JvnRecord {
  const vi = isObject(v) ? v : {};
  const data = isObject(vi.VulinfoData) ? vi.VulinfoData : {};
  const related = arr(isObject(data.Related) ? data.Related.RelatedItem : undefined);
  const cves: string[] = [];
  const cwes: string[] = [];
  for (const r of related) {
    const id = text(isObject(r) ? r.VulinfoID : undefined) ?? '';
    if (/^CVE-\d{4}-\d{4,}$/.test(id)) cves.push(id);
    else if (attr(r, 'type') === 'cwe' && /^CWE-/.test(id)) cwes.push(id);
  }
  const impact = isObject(data.Impact) ? data.Impact : {};
  const affected = arr(isObject(data.Affected) ? data.Affected.AffectedItem : undefined);
  const description = isObject(data.VulinfoDescription) ? text(data.VulinfoDescription.Overview) : undefined;
  return compact({
    id: text(vi.VulinfoID) ?? '',
    title: text(data.Title) ?? '',
    lang,
    description,
    cves: unique(cves),
    cwes: unique(cwes),
    cvss: arr(impact.Cvss).map((c) => {
      const o = isObject(c) ? c : {};
      return compact({ version: attr(c, 'version') ?? '', vectorString: text(o.Vector), baseScore: num(text(o.Base)), severity: text(arr(o.Severity)[0] ?? o.Severity) });
    }),
    products: affected.map((a) => {
      const o = isObject(a) ? a : {};
      return product(text(o.Name), text(o.ProductName), text(arr(o.Cpe)[0]), arr(o.VersionNumber).map((n) => text(n) ?? '').filter((n) => n !== ''));
    }),
    datePublic: text(data.DatePublic),
    dateFirstPublished: text(data.DateFirstPublished),
    dateLastUpdated: text(data.DateLastUpdated),
  });
}

/** HND XML: RSS 1.0 overview / feed, or VULDEF detail. */
export function parseJvnXml(xml: string, limits: { maxBytes?: number } = {}): ParsedFeed<JvnRecord, JvnMeta> {
  if (xml.length > (limits.maxBytes ?? defaultMaxBytes)) return { records: [], rejects: [], documentError: 'document too large' };
  if (/<!DOCTYPE/i.test(xml)) return { records: [], rejects: [], documentError: 'DOCTYPE is not allowed (no DTDs, no entity expansion)' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { records: [], rejects: [], documentError: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})` };
  let root: unknown;
  try {
    root = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      maxNestedTags: 64,
      isArray: (name) => arrayTags.has(name),
    }).parse(xml) as unknown;
  } catch (e) {
    return { records: [], rejects: [], documentError: `XML parser failed: ${(e as Error).message}` };
  }
  const records: JvnRecord[] = [];
  const rejects: ParseReject[] = [];
  if (!isObject(root)) return { records, rejects, documentError: 'empty XML document' };
  if (isObject(root.RDF)) {
    const rdf = root.RDF;
    const lang = attr(rdf, 'lang');
    const items = arr(rdf.item);
    if (items.length > maxItems) return { records, rejects, documentError: `more than ${maxItems} items` };
    items.forEach((item, index) => finish(index, rssItem(item, lang), records, rejects));
    const totalRes = num(attr(rdf.Status, 'totalRes'));
    return { meta: compact({ format: 'hnd-rss' as const, totalRes }), records, rejects };
  }
  const doc = root['VULDEF-Document'];
  if (isObject(doc)) {
    const lang = attr(doc, 'lang');
    const items = arr(doc.Vulinfo);
    if (items.length > maxItems) return { records, rejects, documentError: `more than ${maxItems} items` };
    items.forEach((v, index) => finish(index, vulinfo(v, lang), records, rejects));
    const totalRes = num(attr(doc.Status, 'totalRes'));
    return { meta: compact({ format: 'hnd-vuldef' as const, totalRes }), records, rejects };
  }
  return { records, rejects, documentError: 'neither an RSS (rdf:RDF) nor a VULDEF-Document' };
}

function okaMetrics(metrics: unknown): JvnCvss[] {
  const out: JvnCvss[] = [];
  for (const m of arr(metrics)) {
    const content = isObject(m) ? m.content : undefined;
    const holder = isObject(content) ? content : isObject(m) ? m : {};
    // Only cvss_v2 / cvss_v3 / cvss_v4; other metric blocks (e.g. SSVC) are not CVSS.
    const entries = Object.entries(holder).filter(([key]) => key.startsWith('cvss_v'));
    for (const [, c] of entries) {
      if (!isObject(c) || typeof c.version !== 'string') continue;
      out.push(compact({ version: c.version, vectorString: str(c.vectorString), baseScore: num(c.baseScore), severity: str(c.baseSeverity) }));
    }
  }
  return out;
}

function okaEntry(e: unknown, lang: string | undefined): JvnRecord {
  const o = isObject(e) ? e : {};
  const cves = arr(o.references)
    .filter((r) => isObject(r) && r.source === 'CVE')
    .map((r) => (isObject(r) ? (str(r.summary) ?? '') : ''));
  return compact({
    id: str(o.id) ?? '',
    title: str(o.title) ?? '',
    lang,
    description: str(o.summary),
    link: str(o.link),
    cves: unique(cves.filter((c) => /^CVE-\d{4}-\d{4,}$/.test(c))),
    cwes: unique(arr(o.cwes).map((c) => (isObject(c) ? (str(c.id) ?? '') : '')).filter((c) => c.startsWith('CWE-'))),
    cvss: okaMetrics(o.metrics),
    products: arr(o.products).map((p) => {
      const q = isObject(p) ? p : {};
      const ids = isObject(q.product_ids) ? q.product_ids : {};
      return product(str(q.vname), str(q.pname), str(ids.cpe), typeof q.version === 'string' ? [q.version] : []);
    }),
    datePublic: str(o.public),
    dateFirstPublished: str(o.created),
    dateLastUpdated: str(o.modified),
  });
}

function collectProducts(branches: unknown, out: JvnProduct[], depth: number): void {
  if (depth > 16) return;
  for (const b of arr(branches)) {
    if (!isObject(b)) continue;
    if (isObject(b.product)) {
      const helper = isObject(b.product.product_identification_helper) ? b.product.product_identification_helper : {};
      out.push(product(undefined, str(b.product.name), str(helper.cpe), []));
    }
    collectProducts(b.branches, out, depth + 1);
  }
}

function okaDetail(root: Record<string, unknown>): JvnRecord {
  const document = isObject(root.document) ? root.document : {};
  const tracking = isObject(document.tracking) ? document.tracking : {};
  const vulns = arr(root.vulnerabilities).filter(isObject);
  const cvss: JvnCvss[] = [];
  for (const v of vulns) for (const m of okaMetrics(v.metrics)) cvss.push(m);
  const products: JvnProduct[] = [];
  collectProducts(isObject(root.product_tree) ? root.product_tree.branches : undefined, products, 0);
  const note = arr(document.notes).find((n) => isObject(n) && n.category === 'description');
  return compact({
    id: str(tracking.id) ?? '',
    title: str(document.title) ?? '',
    lang: str(document.lang),
    description: isObject(note) ? str(note.text) : undefined,
    cves: unique(vulns.map((v) => str(v.cve) ?? '').filter((c) => /^CVE-\d{4}-\d{4,}$/.test(c))),
    cwes: unique(
      vulns.flatMap((v) => arr(v.cwes ?? (v.cwe ? [v.cwe] : [])).map((c) => (isObject(c) ? (str(c.id) ?? '') : ''))).filter((c) => c.startsWith('CWE-')),
    ),
    cvss,
    products,
    datePublic: str(tracking.public_date),
    dateFirstPublished: str(tracking.initial_release_date),
    dateLastUpdated: str(tracking.current_release_date),
  });
}

/** OKA JSON: overview list / RSS feed (`feed.entry[]`) or one getVulnDetailInfo document. */
export function parseJvnJson(json: string, limits: { maxBytes?: number } = {}): ParsedFeed<JvnRecord, JvnMeta> {
  const doc = parseJsonDocument(json, limits.maxBytes ?? defaultMaxBytes);
  if (!doc.ok) return { records: [], rejects: [], documentError: doc.error };
  const root = doc.value;
  const records: JvnRecord[] = [];
  const rejects: ParseReject[] = [];
  if (!isObject(root)) return { records, rejects, documentError: 'not a JSON object' };
  const totalRes = isObject(root.status) ? num(root.status.totalRes) : undefined;
  if (isObject(root.feed)) {
    const lang = str(root.feed.lang);
    const entries = arr(root.feed.entry);
    if (entries.length > maxItems) return { records, rejects, documentError: `more than ${maxItems} entries` };
    entries.forEach((e, index) => finish(index, okaEntry(e, lang), records, rejects));
    return { meta: compact({ format: 'oka-feed' as const, totalRes }), records, rejects };
  }
  if (isObject(root.document)) {
    finish(0, okaDetail(root), records, rejects);
    return { meta: compact({ format: 'oka-detail' as const, totalRes }), records, rejects };
  }
  return { records, rejects, documentError: 'neither an OKA feed (feed.entry) nor a detail document (document.tracking)' };
}

/** CVE ids mentioned in free text (JVN overviews list them as "… - CVE-2022-41993"). */
export function cvesInText(value: string): string[] {
  return unique(value.match(cvePattern) ?? []);
}
