/**
 * CSAF 2.0: write the model as a `csaf_vex` or `csaf_security_advisory` document and read CSAF 2.0
 * documents back. Mapping: docs/vex-mapping.md. Deterministic: tracking id, dates and revision
 * history come in; object keys are sorted (CSAF recommends it; optional test 6.2.13).
 *
 * API
 *   writeCsaf(doc, options: CsafOptions): Result<string>     JSON text
 *   readCsaf(json: unknown): VexReadResult
 *   csafFileName(trackingId): string                          the CSAF file-name convention (§5.1)
 *
 * product_tree: vendor → product_name → product_version branches end in one product per release
 * (product_identification_helper: cpe, purl, and x_generic_uris for the release's own id under the
 * publisher namespace and its BOM-Link); each component is a full_product_name (purl, cpe,
 * BOM-Link); "component X in release Y" is a `default_component_of` relationship, and the
 * statuses, flags, threats, remediations and scores name those relationship products. Product ids
 * are CSAFPID-0001… in the order releases, components, relationships (each sorted).
 *
 * scores: the CVSS v3.x and v2 ratings of the vulnerability (`cvss_v3` / `cvss_v2`: version, base
 * vector, base score, base severity), one per CVSS version per product, none for fixed products;
 * CVSS 4.0 ratings, which CSAF 2.0 cannot hold in scores, become vulnerability notes. Not read back.
 */
import { err, ok, type Issue, type Result } from '../core/result.js';
import { bomLinkElement, parseBomLink } from '../core/vex/bom-link.js';
import {
  csafRemediationCategories,
  csafStatusKeys,
  defaultText,
  defaultTextKind,
  fromCsafRemediation,
  fromCsafStatus,
  fromVexJustificationLabel,
  isVexJustificationLabel,
  responseFromSentence,
  responseSentence,
  toCsafRemediation,
  toCsafStatus,
  toVexJustificationLabel,
  type CsafRemediationCategory,
  type CsafVexStatus,
  type VexLang,
} from '../core/vex/mapping.js';
import {
  checkVexDocument,
  componentKey,
  productKey,
  sortRatings,
  sortStatements,
  type VexComponent,
  type VexDocument,
  type VexProduct,
  type VexRating,
  type VexRatingVersion,
  type VexResponse,
  type VexStatement,
} from '../core/vex/model.js';
import {
  compareStrings,
  isCve,
  isRecord,
  normaliseAliases,
  normaliseResponses,
  readFailure,
  records,
  str,
  vulnerabilitySource,
  type JsonObject,
  type VexReadResult,
} from './shared.js';

export type CsafCategory = 'csaf_vex' | 'csaf_security_advisory';
export const bomLinkNamespace = 'https://cyclonedx.org/capabilities/bomlink/';

export interface CsafRevision {
  readonly number: string;
  readonly date: string;
  readonly summary: string;
}

export interface CsafOptions {
  readonly category: CsafCategory;
  /** /document/tracking/id, e.g. `ACME-VEX-2026-0001`. */
  readonly trackingId: string;
  /** Document language and the language of generated sentences (default en). */
  readonly lang?: VexLang;
  /** Publisher namespace when the author has none (CSAF requires one). */
  readonly namespace?: string;
  readonly status?: 'draft' | 'interim' | 'final';
  readonly tlp?: 'WHITE' | 'GREEN' | 'AMBER' | 'RED';
  readonly generator?: { readonly name: string; readonly version: string };
  /**
   * Revision history; default: entries 1…version, the last dated lastUpdated (or timestamp), the
   * others dated timestamp. The last number must equal the document version.
   */
  readonly revisions?: readonly CsafRevision[];
}

const words: Record<
  VexLang,
  {
    summary: string;
    description: string;
    title: string;
    initial: string;
    revision: (n: number) => string;
    cvss4: (r: VexRating) => string;
  }
> = {
  en: {
    summary: 'Summary',
    description: 'Description',
    title: 'Vulnerability exploitability statements',
    initial: 'Initial version.',
    revision: (n) => `Revision ${n}.`,
    cvss4: (r) =>
      `CVSS v4.0 base score ${r.baseScore.toFixed(1)} (${r.severity.toUpperCase()}), vector ${r.vector}. ` +
      'CSAF 2.0 scores hold CVSS v2 and v3 only, so this rating is given here.',
  },
  ja: {
    summary: '概要',
    description: '説明',
    title: '脆弱性悪用可能性（VEX）ステートメント',
    initial: '初版。',
    revision: (n) => `第${n}版。`,
    cvss4: (r) =>
      `CVSS v4.0 基本値 ${r.baseScore.toFixed(1)}（${r.severity.toUpperCase()}）、ベクトル ${r.vector}。` +
      'CSAF 2.0 の scores は CVSS v2 と v3 だけを持つため、この評価はここに記載します。',
  },
};

/** Recursively sort object keys (arrays keep their order). */
function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (isRecord(x)) {
    const out: JsonObject = {};
    for (const k of Object.keys(x).sort(compareStrings)) out[k] = sortKeys(x[k]);
    return out;
  }
  return x;
}

/** `/document/tracking/id` → file name (lower case, runs of other characters → `_`, `.json`). */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
}

function helper(
  purl: string | null,
  cpe: string | null,
  uris: { namespace: string; uri: string }[],
): JsonObject | null {
  const h: JsonObject = {};
  if (cpe) h.cpe = cpe;
  if (purl) h.purl = purl;
  if (uris.length > 0) h.x_generic_uris = uris;
  return Object.keys(h).length > 0 ? h : null;
}

const label = (parts: readonly (string | null)[]): string =>
  parts
    .filter((p): p is string => p !== null && p !== '')
    .join(' ')
    .trim();

function componentName(c: VexComponent): string {
  return label([c.name ?? c.purl ?? c.cpe ?? c.bomRef, c.version]) || 'component';
}

interface Tree {
  productTree: JsonObject;
  /** statement → product id named in the vulnerability. */
  idOf: (s: VexStatement) => string;
}

function buildProductTree(
  statements: readonly VexStatement[],
  vendorDefault: string,
  namespace: string,
): Tree {
  const products = new Map<string, VexProduct>();
  const components = new Map<string, { c: VexComponent; p: VexProduct | null }>();
  const pairs = new Map<string, { pk: string; ck: string }>();
  for (const s of statements) {
    if (s.product) products.set(productKey(s.product), s.product);
    if (s.component) {
      const ck = componentKey(s.component);
      if (!components.has(ck)) components.set(ck, { c: s.component, p: s.product });
      if (s.product) pairs.set(`${productKey(s.product)}\u0000${ck}`, { pk: productKey(s.product), ck });
    }
  }
  let n = 0;
  const next = (): string => `CSAFPID-${String(++n).padStart(4, '0')}`;
  const pid = new Map<string, string>();
  const productKeys = [...products.keys()].sort(compareStrings);
  const componentKeys = [...components.keys()].sort(compareStrings);
  const pairKeys = [...pairs.keys()].sort(compareStrings);
  for (const k of productKeys) pid.set(`p:${k}`, next());
  for (const k of componentKeys) pid.set(`c:${k}`, next());
  for (const k of pairKeys) pid.set(`r:${k}`, next());

  // vendor → product name → version branches
  type Node = { category: string; name: string; children: Map<string, Node>; product?: JsonObject };
  const roots = new Map<string, Node>();
  const child = (m: Map<string, Node>, category: string, name: string): Node => {
    const key = `${category}\u0000${name}`;
    let node = m.get(key);
    if (!node) m.set(key, (node = { category, name, children: new Map() }));
    return node;
  };
  for (const k of productKeys) {
    const p = products.get(k)!;
    const vendor = p.vendor ?? vendorDefault;
    const name = p.name ?? p.id;
    const uris = [];
    if (!(p.id === p.purl || p.id === p.cpe)) uris.push({ namespace, uri: p.id });
    if (p.sbom && p.bomRef) uris.push({ namespace: bomLinkNamespace, uri: bomLinkElement(p.sbom, p.bomRef) });
    const h = helper(p.purl, p.cpe, uris);
    const entry: JsonObject = { name: label([vendor, name, p.version]), product_id: pid.get(`p:${k}`)! };
    if (h) entry.product_identification_helper = h;
    const nameNode = child(child(roots, 'vendor', vendor).children, 'product_name', name);
    // A release without a version, or a second release at the same path, gets its own leaf.
    let leaf = child(nameNode.children, 'product_version', p.version ?? `(${p.id})`);
    if (leaf.product)
      leaf = child(nameNode.children, 'product_version', `${p.version ?? ''} (${p.id})`.trim());
    leaf.product = entry;
  }
  const toBranches = (m: Map<string, Node>): JsonObject[] =>
    [...m.values()]
      .sort((a, b) => compareStrings(a.name, b.name))
      .map((node) =>
        node.product && node.children.size === 0
          ? { category: node.category, name: node.name, product: node.product }
          : { category: node.category, name: node.name, branches: toBranches(node.children) },
      );
  const tree: JsonObject = {};
  if (productKeys.length > 0) tree.branches = toBranches(roots);
  if (componentKeys.length > 0) {
    tree.full_product_names = componentKeys.map((k) => {
      const { c, p } = components.get(k)!;
      const uris =
        p?.sbom && c.bomRef ? [{ namespace: bomLinkNamespace, uri: bomLinkElement(p.sbom, c.bomRef) }] : [];
      const h = helper(c.purl, c.cpe, uris);
      const entry: JsonObject = { name: componentName(c), product_id: pid.get(`c:${k}`)! };
      if (h) entry.product_identification_helper = h;
      return entry;
    });
  }
  if (pairKeys.length > 0) {
    tree.relationships = pairKeys.map((k) => {
      const { pk, ck } = pairs.get(k)!;
      const p = products.get(pk)!;
      const c = components.get(ck)!.c;
      return {
        category: 'default_component_of',
        full_product_name: {
          name: `${componentName(c)} — ${label([p.vendor ?? vendorDefault, p.name ?? p.id, p.version])}`,
          product_id: pid.get(`r:${k}`)!,
        },
        product_reference: pid.get(`c:${ck}`)!,
        relates_to_product_reference: pid.get(`p:${pk}`)!,
      };
    });
  }
  const idOf = (s: VexStatement): string => {
    if (s.product && s.component)
      return pid.get(`r:${productKey(s.product)}\u0000${componentKey(s.component)}`)!;
    if (s.product) return pid.get(`p:${productKey(s.product)}`)!;
    return pid.get(`c:${componentKey(s.component!)}`)!;
  };
  return { productTree: tree, idOf };
}

/** Group (key → product ids), keys and ids sorted. */
function grouped(entries: readonly { key: string; id: string }[]): [string, string[]][] {
  const m = new Map<string, Set<string>>();
  for (const e of entries) {
    let set = m.get(e.key);
    if (!set) m.set(e.key, (set = new Set()));
    set.add(e.id);
  }
  return [...m.entries()]
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([k, ids]) => [k, [...ids].sort(compareStrings)]);
}

function vulnerabilityOf(
  statements: readonly VexStatement[],
  idOf: (s: VexStatement) => string,
  lang: VexLang,
): JsonObject {
  const first = statements[0]!;
  const allIds = [
    first.vulnerability.id,
    ...new Set(statements.flatMap((s) => s.vulnerability.aliases)),
  ].filter((x, i, a) => a.indexOf(x) === i);
  const cve = allIds.find(isCve) ?? null;
  const others = allIds.filter((x) => x !== cve);
  const v: JsonObject = {};
  if (cve) v.cve = cve;
  if (others.length > 0)
    v.ids = others.map((text) => ({ system_name: vulnerabilitySource(text).name, text }));
  const description =
    statements.map((s) => s.vulnerability.description).find((d) => d !== null) ??
    defaultText('vulnerability_description', lang);
  v.notes = [
    { category: 'description', text: description, title: words[lang].description },
    ...cvss4Notes(statements, lang),
  ];
  const status: Record<CsafVexStatus, string[]> = {
    fixed: [],
    known_affected: [],
    known_not_affected: [],
    under_investigation: [],
  };
  const flags: { key: string; id: string }[] = [];
  const threats: { key: string; id: string }[] = [];
  const remediations: { key: string; id: string }[] = [];
  for (const s of statements) {
    const id = idOf(s);
    const key = toCsafStatus(s.state);
    status[key].push(id);
    if (key === 'known_not_affected' && s.justification)
      flags.push({ key: toVexJustificationLabel(s.justification), id });
    if (s.detail !== null) threats.push({ key: s.detail, id });
    else if (key === 'known_not_affected' && !s.justification)
      threats.push({ key: defaultText('not_affected_impact', lang), id });
    const rems: { category: CsafRemediationCategory; details: string }[] = s.responses.map((r) => ({
      category: toCsafRemediation(r),
      details: s.actionStatement ?? responseSentence(r, lang),
    }));
    if (rems.length === 0 && key === 'known_affected')
      rems.push({
        category: 'none_available',
        details: s.actionStatement ?? defaultText('affected_action', lang),
      });
    if (rems.length === 0 && s.actionStatement !== null)
      rems.push({ category: key === 'fixed' ? 'vendor_fix' : 'mitigation', details: s.actionStatement });
    for (const r of rems) remediations.push({ key: JSON.stringify([r.category, r.details]), id });
  }
  const ps: JsonObject = {};
  for (const k of Object.keys(status).sort(compareStrings) as CsafVexStatus[]) {
    if (status[k].length > 0) ps[k] = [...new Set(status[k])].sort(compareStrings);
  }
  if (flags.length > 0) v.flags = grouped(flags).map(([l, ids]) => ({ label: l, product_ids: ids }));
  v.product_status = ps;
  if (remediations.length > 0)
    v.remediations = grouped(remediations).map(([k, ids]) => {
      const [category, details] = JSON.parse(k) as [string, string];
      return { category, details, product_ids: ids };
    });
  const scores = scoresOf(statements, idOf);
  if (scores.length > 0) v.scores = scores;
  if (threats.length > 0)
    v.threats = grouped(threats).map(([details, ids]) => ({ category: 'impact', details, product_ids: ids }));
  return v;
}

/** CVSS versions a CSAF 2.0 score can hold (`cvss_v3` for 3.x, `cvss_v2`), newest first. */
const scoreVersions: readonly VexRatingVersion[] = ['3.1', '3.0', '2.0'];

function cvssObject(r: VexRating): JsonObject {
  return r.version === '2.0'
    ? { cvss_v2: { baseScore: r.baseScore, vectorString: r.vector, version: '2.0' } }
    : {
        cvss_v3: {
          baseScore: r.baseScore,
          baseSeverity: r.severity.toUpperCase(),
          vectorString: r.vector,
          version: r.version,
        },
      };
}

/**
 * `scores[]`: for each statement's product, the highest-scored rating of each CVSS version CSAF 2.0
 * holds (one per version: mandatory test 6.1.7), with every product that has the same rating.
 * Fixed products get none (optional test 6.2.19: a CVSS for a fixed product is a mistake). The
 * products are those the product statuses name, so every one is defined in the product tree.
 */
function scoresOf(statements: readonly VexStatement[], idOf: (s: VexStatement) => string): JsonObject[] {
  const groups = new Map<string, { rating: VexRating; ids: Set<string> }>();
  for (const s of statements) {
    if (toCsafStatus(s.state) === 'fixed') continue;
    const sorted = sortRatings(s.vulnerability.ratings);
    for (const version of scoreVersions) {
      const best = sorted.find((r) => r.version === version);
      if (!best) continue;
      const key = JSON.stringify([best.version, best.vector, best.baseScore, best.severity]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rating: best, ids: new Set() }));
      g.ids.add(idOf(s));
    }
  }
  const order = sortRatings([...groups.values()].map((g) => g.rating));
  return [...groups.values()]
    .map((g) => ({ ...g, ids: [...g.ids].sort(compareStrings) }))
    .sort(
      (a, b) =>
        order.indexOf(a.rating) - order.indexOf(b.rating) || compareStrings(a.ids.join(' '), b.ids.join(' ')),
    )
    .map((g) => ({ ...cvssObject(g.rating), products: g.ids }));
}

/**
 * CVSS 4.0 ratings, which CSAF 2.0 `scores` cannot hold (CSAF 2.1 adds `cvss_v4`): one vulnerability
 * note each (category `other`, title `CVSS v4.0`) with the base score, severity and vector. A note
 * names no products; like the scores, ratings of fixed products are left out.
 */
function cvss4Notes(statements: readonly VexStatement[], lang: VexLang): JsonObject[] {
  const ratings = new Map<string, VexRating>();
  for (const s of statements) {
    if (toCsafStatus(s.state) === 'fixed') continue;
    for (const r of s.vulnerability.ratings)
      if (r.version === '4.0') ratings.set(JSON.stringify([r.vector, r.baseScore, r.severity]), r);
  }
  return sortRatings([...ratings.values()]).map((r) => ({
    category: 'other',
    text: words[lang].cvss4(r),
    title: 'CVSS v4.0',
  }));
}

export function writeCsaf(doc: VexDocument, options: CsafOptions): Result<string> {
  const lang = options.lang ?? 'en';
  const issues: Issue[] = checkVexDocument(doc);
  const namespace = doc.author.namespace ?? options.namespace ?? null;
  if (!namespace || !/^https?:\/\/\S+$/.test(namespace))
    issues.push({ path: 'author.namespace', message: 'CSAF needs the publisher namespace (an https URL)' });
  if (options.trackingId.trim() === '')
    issues.push({ path: 'options.trackingId', message: 'must not be empty' });
  if (doc.statements.length === 0)
    issues.push({ path: 'statements', message: `${options.category} needs at least one vulnerability` });
  const revisions =
    options.revisions ??
    Array.from({ length: doc.version }, (_, i) => ({
      number: String(i + 1),
      date: i + 1 === doc.version ? (doc.lastUpdated ?? doc.timestamp) : doc.timestamp,
      summary: i === 0 ? words[lang].initial : words[lang].revision(i + 1),
    }));
  if (revisions.at(-1)?.number !== String(doc.version))
    issues.push({
      path: 'options.revisions',
      message: 'the last revision number must equal the document version',
    });
  if (issues.length > 0)
    return err(
      'vex.invalid',
      `The CSAF document cannot be written: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      { issues },
    );
  const sorted = sortStatements(doc.statements);
  const tree = buildProductTree(sorted, doc.author.name, namespace!);
  const byVuln = new Map<string, VexStatement[]>();
  for (const s of sorted) {
    const list = byVuln.get(s.vulnerability.id);
    if (list) list.push(s);
    else byVuln.set(s.vulnerability.id, [s]);
  }
  const current = doc.lastUpdated ?? doc.timestamp;
  const tracking: JsonObject = {
    current_release_date: current,
    id: options.trackingId,
    initial_release_date: doc.timestamp,
    revision_history: revisions.map((r) => ({ date: r.date, number: r.number, summary: r.summary })),
    status: options.status ?? 'final',
    version: String(doc.version),
  };
  if (options.generator)
    tracking.generator = {
      date: current,
      engine: { name: options.generator.name, version: options.generator.version },
    };
  const document: JsonObject = {
    category: options.category,
    csaf_version: '2.0',
    lang,
    notes: [{ category: 'summary', text: defaultText('document_summary', lang), title: words[lang].summary }],
    publisher: { category: 'vendor', name: doc.author.name, namespace },
    title: doc.title ?? words[lang].title,
    tracking,
  };
  if (options.tlp) document.distribution = { tlp: { label: options.tlp } };
  const out = {
    document,
    product_tree: tree.productTree,
    vulnerabilities: [...byVuln.values()].map((list) => vulnerabilityOf(list, tree.idOf, lang)),
  };
  return ok(`${JSON.stringify(sortKeys(out), null, 2)}\n`);
}

// ---------------------------------------------------------------- reader

interface Defined {
  kind: 'product' | 'component' | 'relationship';
  product: VexProduct | null;
  component: VexComponent | null;
}

function helperIds(
  h: unknown,
  namespace: string | null,
): { purl: string | null; cpe: string | null; ownId: string | null; link: ReturnType<typeof parseBomLink> } {
  const hr = isRecord(h) ? h : {};
  let ownId: string | null = null;
  let link: ReturnType<typeof parseBomLink> = null;
  for (const u of records(hr.x_generic_uris)) {
    const uri = str(u.uri);
    if (!uri) continue;
    if (u.namespace === bomLinkNamespace) link = parseBomLink(uri) ?? link;
    else if (namespace !== null && u.namespace === namespace) ownId = uri;
  }
  return { purl: str(hr.purl), cpe: str(hr.cpe), ownId, link };
}

function walkBranches(
  branches: unknown,
  path: Record<string, string>,
  visit: (p: JsonObject, path: Record<string, string>) => void,
  depth = 0,
): void {
  if (depth > 30) return;
  for (const b of records(branches)) {
    const category = str(b.category);
    const name = str(b.name);
    const here = category && name ? { ...path, [category]: name } : path;
    if (isRecord(b.product)) visit(b.product, here);
    walkBranches(b.branches, here, visit, depth + 1);
  }
}

export function readCsaf(json: unknown): VexReadResult {
  if (!isRecord(json) || !isRecord(json.document) || typeof json.document.csaf_version !== 'string')
    return readFailure('vex.unsupported', 'not a CSAF document (/document/csaf_version is missing)');
  const d = json.document;
  if (d.csaf_version !== '2.0')
    return readFailure('vex.unsupported', `CSAF version ${String(d.csaf_version)} is not supported (2.0 is)`);
  const warnings: string[] = [];
  const category = str(d.category);
  if (category !== 'csaf_vex' && category !== 'csaf_security_advisory')
    warnings.push(`document category ${JSON.stringify(category)}: statuses read as in a VEX document`);
  const publisher = isRecord(d.publisher) ? d.publisher : {};
  const namespace = str(publisher.namespace);
  const tracking = isRecord(d.tracking) ? d.tracking : {};
  const defined = new Map<string, Defined>();
  const tree = isRecord(json.product_tree) ? json.product_tree : {};
  walkBranches(tree.branches, {}, (p, path) => {
    const id = str(p.product_id);
    if (!id) return;
    const h = helperIds(p.product_identification_helper, namespace);
    const vendor = path.vendor ?? null;
    const name = path.product_name ?? path.product_family ?? str(p.name);
    const version = path.product_version ?? null;
    const key = h.ownId ?? h.purl ?? h.cpe ?? `csaf:${str(tracking.id) ?? ''}#${id}`;
    defined.set(id, {
      kind: 'product',
      product: {
        id: key,
        vendor,
        name,
        version: version !== null && version.startsWith('(') && version.endsWith(')') ? null : version,
        purl: h.purl,
        cpe: h.cpe,
        bomRef: h.link?.bomRef ?? null,
        sbom: h.link ? { serialNumber: h.link.serialNumber, version: h.link.version } : null,
      },
      component: null,
    });
  });
  for (const f of records(tree.full_product_names)) {
    const id = str(f.product_id);
    if (!id) continue;
    const h = helperIds(f.product_identification_helper, namespace);
    const name = str(f.name);
    defined.set(id, {
      kind: 'component',
      product: null,
      component: {
        bomRef: h.link?.bomRef ?? null,
        name: h.purl || h.cpe ? null : name,
        version: null,
        purl: h.purl,
        cpe: h.cpe,
      },
    });
  }
  for (const r of records(tree.relationships)) {
    const fpn = isRecord(r.full_product_name) ? r.full_product_name : null;
    const id = fpn ? str(fpn.product_id) : null;
    if (!id) continue;
    const part = defined.get(str(r.product_reference) ?? '');
    const whole = defined.get(str(r.relates_to_product_reference) ?? '');
    const component =
      part?.component ??
      (part?.product
        ? {
            bomRef: part.product.bomRef,
            name: part.product.name,
            version: part.product.version,
            purl: part.product.purl,
            cpe: part.product.cpe,
          }
        : null);
    defined.set(id, { kind: 'relationship', product: whole?.product ?? null, component });
  }
  const groups = new Map<string, string[]>();
  for (const g of records(tree.product_groups)) {
    const gid = str(g.group_id);
    if (gid)
      groups.set(
        gid,
        (Array.isArray(g.product_ids) ? g.product_ids : []).filter((x): x is string => typeof x === 'string'),
      );
  }
  const idsOf = (x: JsonObject): string[] => [
    ...(Array.isArray(x.product_ids) ? x.product_ids.filter((p): p is string => typeof p === 'string') : []),
    ...(Array.isArray(x.group_ids)
      ? x.group_ids.flatMap((g) => (typeof g === 'string' ? (groups.get(g) ?? []) : []))
      : []),
  ];
  const statements: VexStatement[] = [];
  records(json.vulnerabilities).forEach((v, i) => {
    const at = `vulnerabilities[${i}]`;
    const cve = str(v.cve);
    const ids = records(v.ids)
      .map((x) => str(x.text))
      .filter((x): x is string => x !== null);
    const id = cve ?? ids[0] ?? null;
    if (!id) {
      warnings.push(`${at}: neither cve nor ids; skipped`);
      return;
    }
    const descriptionNote = records(v.notes).find((n) => n.category === 'description');
    const descriptionText = descriptionNote ? str(descriptionNote.text) : null;
    const vulnerability = {
      id,
      aliases: normaliseAliases(id, [cve, ...ids]),
      description:
        descriptionText !== null && defaultTextKind(descriptionText) === null ? descriptionText : null,
      // Scores are not read (VexVulnerability.ratings): the finding's rating comes from the vulnerability database.
      ratings: [],
    };
    const flagOf = new Map<string, string>();
    for (const f of records(v.flags)) {
      const l = str(f.label);
      for (const pid of idsOf(f)) {
        if (flagOf.has(pid)) warnings.push(`${at} (${id}): several flags for ${pid}; the first is used`);
        else if (l) flagOf.set(pid, l);
      }
    }
    const impactOf = new Map<string, string[]>();
    for (const t of records(v.threats)) {
      const details = str(t.details);
      if (t.category !== 'impact' || !details || defaultTextKind(details) !== null) continue;
      for (const pid of idsOf(t)) impactOf.set(pid, [...(impactOf.get(pid) ?? []), details]);
    }
    const remOf = new Map<string, { responses: VexResponse[]; actions: string[] }>();
    for (const r of records(v.remediations)) {
      const cat = str(r.category);
      const details = str(r.details);
      if (!cat || !(csafRemediationCategories as string[]).includes(cat)) {
        if (cat)
          warnings.push(
            `${at} (${id}): remediation category ${JSON.stringify(cat)} has no CycloneDX response`,
          );
        continue;
      }
      const silent =
        cat === 'none_available' && details !== null && defaultTextKind(details) === 'affected_action';
      for (const pid of idsOf(r)) {
        const e = remOf.get(pid) ?? { responses: [], actions: [] };
        if (!silent) e.responses.push(fromCsafRemediation(cat as CsafRemediationCategory));
        if (
          details !== null &&
          responseFromSentence(details) === null &&
          defaultTextKind(details) === null &&
          !e.actions.includes(details)
        )
          e.actions.push(details);
        remOf.set(pid, e);
      }
    }
    const ps = isRecord(v.product_status) ? v.product_status : {};
    for (const [key, list] of Object.entries(ps).sort((a, b) => compareStrings(a[0], b[0]))) {
      const vexStatus = csafStatusKeys[key];
      if (!vexStatus) {
        warnings.push(`${at} (${id}): product_status.${key} has no VEX meaning; skipped`);
        continue;
      }
      for (const pid of Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : []) {
        const def = defined.get(pid);
        if (!def) {
          warnings.push(`${at} (${id}): product id ${pid} is not defined in the product tree; skipped`);
          continue;
        }
        const l = flagOf.get(pid) ?? null;
        const state = fromCsafStatus(vexStatus);
        const rem = remOf.get(pid);
        const impacts = impactOf.get(pid) ?? [];
        statements.push({
          vulnerability,
          product: def.product,
          component: def.component,
          state,
          justification:
            l !== null && isVexJustificationLabel(l) && state === 'not_affected'
              ? fromVexJustificationLabel(l)
              : null,
          responses: normaliseResponses(rem?.responses ?? []),
          detail: impacts.length > 0 ? impacts.join('\n\n') : null,
          actionStatement: rem && rem.actions.length > 0 ? rem.actions.join('\n\n') : null,
          firstIssued: null,
          lastUpdated: null,
          origin: { format: 'csaf', status: key, justification: l },
        });
      }
    }
  });
  const initial = str(tracking.initial_release_date) ?? '1970-01-01T00:00:00Z';
  const current = str(tracking.current_release_date);
  const version = Number.parseInt(str(tracking.version) ?? '1', 10);
  return {
    ok: true,
    format: 'csaf',
    warnings,
    document: {
      title: str(d.title),
      author: { name: str(publisher.name) ?? 'unknown', namespace },
      timestamp: initial,
      lastUpdated: current !== null && current !== initial ? current : null,
      version: Number.isInteger(version) && version >= 1 ? version : 1,
      statements,
    },
  };
}
