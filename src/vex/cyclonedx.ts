/**
 * CycloneDX 1.6 VEX: write the model as a standalone VEX BOM (affects refs are BOM-Links
 * `urn:cdx:<serial>/<version>#<bom-ref>` into each release's SBOM) or embedded into an SBOM
 * (`vulnerabilities` added to a CycloneDX 1.6 JSON SBOM, refs are plain bom-refs); read either
 * back. Mapping: docs/vex-mapping.md. Deterministic: the serial number and timestamps come in.
 *
 * API
 *   writeCycloneDxVex(doc, { serialNumber, tool? }): Result<string>      standalone VEX BOM (JSON text)
 *   embedCycloneDxVex(sbomJson, doc): Result<string>                        SBOM text + vulnerabilities
 *   readCycloneDxVex(json: unknown): VexReadResult                          standalone or embedded
 *
 * Statements with the same vulnerability and the same analysis become one `vulnerabilities[]`
 * entry with several `affects[]`; entries are ordered by vulnerability id, then by their first
 * subject. A statement on the product itself points at the product's bom-ref. The vulnerability's
 * CVSS ratings are written as `ratings[]` (method CVSSv2, CVSSv3, CVSSv31 or CVSSv4; base vector,
 * base score and severity; the source when known) and not read back (VexVulnerability.ratings).
 */
import { err, ok, type Issue, type Result } from '../core/result.js';
import { bomLinkElement, parseBomLink } from '../core/vex/bom-link.js';
import {
  checkVexDocument,
  isVexJustification,
  isVexState,
  sortRatings,
  sortStatements,
  type VexComponent,
  type VexDocument,
  type VexProduct,
  type VexRating,
  type VexRatingVersion,
  type VexStatement,
} from '../core/vex/model.js';
import {
  arr,
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

export interface CycloneDxVexOptions {
  /** `urn:uuid:` + lower-case UUID of the VEX BOM itself. */
  readonly serialNumber: string;
  readonly tool?: { readonly name: string; readonly version: string };
}

const notAffectedStates = new Set(['not_affected', 'false_positive']);

function analysisOf(s: VexStatement): JsonObject {
  const a: JsonObject = { state: s.state };
  if (s.justification && notAffectedStates.has(s.state)) a.justification = s.justification;
  if (s.responses.length > 0) a.response = [...s.responses];
  if (s.detail !== null) a.detail = s.detail;
  if (s.firstIssued !== null) a.firstIssued = s.firstIssued;
  if (s.lastUpdated !== null) a.lastUpdated = s.lastUpdated;
  return a;
}

/** CycloneDX 1.6 `ratings[].method` of each CVSS version. */
const ratingMethod: Readonly<Record<VexRatingVersion, string>> = {
  '2.0': 'CVSSv2',
  '3.0': 'CVSSv3',
  '3.1': 'CVSSv31',
  '4.0': 'CVSSv4',
};

/** The vulnerability's CVSS ratings (base vector, score, severity, who scored it), newest version first; equal ones once. */
function ratingsOf(ratings: readonly VexRating[]): JsonObject[] {
  const out = new Map<string, JsonObject>();
  for (const r of sortRatings(ratings)) {
    const rating: JsonObject = {};
    if (r.source !== null) rating.source = { name: r.source };
    rating.score = r.baseScore;
    rating.severity = r.severity;
    rating.method = ratingMethod[r.version];
    rating.vector = r.vector;
    out.set(JSON.stringify(rating), rating);
  }
  return [...out.values()];
}

function vulnerabilityHead(s: VexStatement): JsonObject {
  const v = s.vulnerability;
  const head: JsonObject = { id: v.id };
  const src = vulnerabilitySource(v.id);
  head.source = src.url ? { name: src.name, url: src.url } : { name: src.name };
  if (v.aliases.length > 0) {
    head.references = v.aliases.map((a) => {
      const as = vulnerabilitySource(a);
      return { id: a, source: as.url ? { name: as.name, url: as.url } : { name: as.name } };
    });
  }
  if (v.ratings.length > 0) head.ratings = ratingsOf(v.ratings);
  if (v.description !== null) head.description = v.description;
  if (s.actionStatement !== null) head.recommendation = s.actionStatement;
  return head;
}

/** Group statements with identical vulnerability, recommendation and analysis. */
function vulnerabilities(doc: VexDocument, refOf: (s: VexStatement) => string): JsonObject[] {
  const groups = new Map<string, { head: JsonObject; analysis: JsonObject; refs: string[] }>();
  for (const s of sortStatements(doc.statements)) {
    const head = vulnerabilityHead(s);
    const analysis = analysisOf(s);
    const key = JSON.stringify([head, analysis]);
    const g = groups.get(key);
    const ref = refOf(s);
    if (g) {
      if (!g.refs.includes(ref)) g.refs.push(ref);
    } else groups.set(key, { head, analysis, refs: [ref] });
  }
  return [...groups.values()].map((g, i) => ({
    'bom-ref': `vex-${i + 1}`,
    ...g.head,
    analysis: g.analysis,
    affects: g.refs.map((ref) => ({ ref })),
  }));
}

function invalid(issues: Issue[]): Result<never> {
  return err(
    'vex.invalid',
    `The VEX document cannot be written: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    { issues },
  );
}

/** Standalone CycloneDX 1.6 VEX BOM. Each statement needs product.sbom and a bom-ref (component's, else product's). */
export function writeCycloneDxVex(doc: VexDocument, options: CycloneDxVexOptions): Result<string> {
  if (!/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(options.serialNumber))
    throw new RangeError(
      `writeCycloneDxVex: serialNumber ${JSON.stringify(options.serialNumber)} is not urn:uuid:<lower-case uuid>`,
    );
  const issues = checkVexDocument(doc);
  doc.statements.forEach((s, i) => {
    const ref = s.component?.bomRef ?? (s.component ? null : (s.product?.bomRef ?? null));
    if (!s.product?.sbom)
      issues.push({
        path: `statements[${i}].product.sbom`,
        message: 'a BOM-Link needs the SBOM serial number and version',
      });
    if (!ref)
      issues.push({
        path: `statements[${i}]`,
        message: 'a BOM-Link needs the bom-ref of the component (or of the product)',
      });
  });
  if (issues.length > 0) return invalid(issues);
  const refOf = (s: VexStatement): string =>
    bomLinkElement(s.product!.sbom!, s.component ? s.component.bomRef! : s.product!.bomRef!);
  const tool = options.tool ?? { name: 'mamori', version: '' };
  const bom: JsonObject = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: options.serialNumber,
    version: doc.version,
    metadata: {
      timestamp: doc.lastUpdated ?? doc.timestamp,
      tools: {
        components: [
          tool.version
            ? { type: 'application', name: tool.name, version: tool.version }
            : { type: 'application', name: tool.name },
        ],
      },
      authors: [{ name: doc.author.name }],
    },
    vulnerabilities: vulnerabilities(doc, refOf),
  };
  return ok(`${JSON.stringify(bom, null, 2)}\n`);
}

function collectRefs(components: unknown, into: Map<string, JsonObject>): void {
  for (const c of records(components)) {
    const ref = str(c['bom-ref']);
    if (ref && !into.has(ref)) into.set(ref, c);
    collectRefs(c.components, into);
  }
}

/**
 * Add the statements to a CycloneDX 1.6 JSON SBOM (as written by src/sbom/write). Every statement's
 * component bom-ref (or, for a product statement, product bom-ref) must exist in the SBOM. An
 * existing `vulnerabilities` array is replaced. Returns the SBOM text with the same formatting.
 */
/**
 * `serialNumber`: the embedded document's own serial number. The SBOM with its statements is another
 * document than the SBOM alone, and CycloneDX means one BOM by one serial number and version.
 */
export function embedCycloneDxVex(sbomJson: string, doc: VexDocument, options: { readonly serialNumber?: string } = {}): Result<string> {
  let sbom: unknown;
  try {
    sbom = JSON.parse(sbomJson);
  } catch (e) {
    return err('vex.invalid', `The SBOM is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(sbom) || sbom.bomFormat !== 'CycloneDX' || sbom.specVersion !== '1.6')
    return err('vex.unsupported', 'VEX can be embedded only into a CycloneDX 1.6 JSON SBOM');
  const refs = new Map<string, JsonObject>();
  const meta = isRecord(sbom.metadata) && isRecord(sbom.metadata.component) ? sbom.metadata.component : null;
  const metaRef = meta ? str(meta['bom-ref']) : null;
  if (meta && metaRef) refs.set(metaRef, meta);
  collectRefs(sbom.components, refs);
  const issues = checkVexDocument(doc);
  doc.statements.forEach((s, i) => {
    const ref = s.component ? s.component.bomRef : (s.product?.bomRef ?? null);
    if (!ref)
      issues.push({
        path: `statements[${i}]`,
        message: 'needs the bom-ref of the component (or of the product)',
      });
    else if (!refs.has(ref))
      issues.push({ path: `statements[${i}]`, message: `bom-ref ${JSON.stringify(ref)} is not in the SBOM` });
  });
  if (issues.length > 0) return invalid(issues);
  const out: JsonObject = {
    ...sbom,
    ...(options.serialNumber === undefined ? {} : { serialNumber: options.serialNumber }),
    vulnerabilities: vulnerabilities(doc, (s) => (s.component ? s.component.bomRef! : s.product!.bomRef!)),
  };
  return ok(`${JSON.stringify(out, null, 2)}\n`);
}

function firstName(x: unknown): string | null {
  if (isRecord(x)) return str(x.name);
  return null;
}

function productFromMetadata(c: JsonObject, serialNumber: string | null, bomVersion: number): VexProduct {
  const purl = str(c.purl);
  const cpe = str(c.cpe);
  const bomRef = str(c['bom-ref']);
  const sbom = serialNumber && /^urn:uuid:/.test(serialNumber) ? { serialNumber, version: bomVersion } : null;
  const id =
    purl ??
    cpe ??
    (sbom && bomRef
      ? bomLinkElement(sbom, bomRef)
      : bomRef
        ? `bom-ref:${bomRef}`
        : `name:${str(c.name) ?? ''}@${str(c.version) ?? ''}`);
  return {
    id,
    vendor: firstName(c.supplier) ?? firstName(c.manufacturer) ?? str(c.publisher),
    name: str(c.name),
    version: str(c.version),
    purl,
    cpe,
    bomRef,
    sbom,
  };
}

function componentFrom(c: JsonObject): VexComponent {
  return {
    bomRef: str(c['bom-ref']),
    name: str(c.name),
    version: str(c.version),
    purl: str(c.purl),
    cpe: str(c.cpe),
  };
}

/** Read a CycloneDX BOM's `vulnerabilities` (any 1.4–1.7 JSON BOM; standalone or embedded VEX). */
export function readCycloneDxVex(json: unknown): VexReadResult {
  if (!isRecord(json) || json.bomFormat !== 'CycloneDX')
    return readFailure('vex.unsupported', 'not a CycloneDX JSON BOM (bomFormat is not "CycloneDX")');
  const warnings: string[] = [];
  const serial = str(json.serialNumber);
  const bomVersion =
    typeof json.version === 'number' && Number.isInteger(json.version) && json.version >= 1
      ? json.version
      : 1;
  const metadata = isRecord(json.metadata) ? json.metadata : {};
  const metaComponent = isRecord(metadata.component) ? metadata.component : null;
  const product = metaComponent ? productFromMetadata(metaComponent, serial, bomVersion) : null;
  const refs = new Map<string, JsonObject>();
  collectRefs(json.components, refs);
  const timestamp = str(metadata.timestamp) ?? '1970-01-01T00:00:00Z';
  if (!str(metadata.timestamp))
    warnings.push('metadata.timestamp is missing; the document timestamp is set to 1970-01-01T00:00:00Z');
  const author =
    records(metadata.authors)
      .map((a) => str(a.name))
      .find((n) => n !== null) ??
    firstName(metadata.manufacturer) ??
    firstName(metadata.supplier) ??
    firstName(metaComponent?.supplier) ??
    'unknown';
  const statements: VexStatement[] = [];
  records(json.vulnerabilities).forEach((v, i) => {
    const at = `vulnerabilities[${i}]`;
    const id = str(v.id);
    if (!id) {
      warnings.push(`${at}: no id; skipped`);
      return;
    }
    const vulnerability = {
      id,
      aliases: normaliseAliases(
        id,
        records(v.references).map((r) => r.id),
      ),
      description: str(v.description),
      // Ratings are not read (VexVulnerability.ratings): the finding's rating comes from the vulnerability database.
      ratings: [],
    };
    const a = isRecord(v.analysis) ? v.analysis : null;
    const rawState = a ? str(a.state) : null;
    if (rawState !== null && !isVexState(rawState)) {
      warnings.push(`${at}: unknown analysis.state ${JSON.stringify(rawState)}; skipped`);
      return;
    }
    if (rawState === null) warnings.push(`${at} (${id}): no analysis.state; read as in_triage`);
    const rawJ = a ? str(a.justification) : null;
    if (rawJ !== null && !isVexJustification(rawJ))
      warnings.push(`${at} (${id}): unknown justification ${JSON.stringify(rawJ)} dropped`);
    const base = {
      vulnerability,
      state: rawState ?? 'in_triage',
      justification: rawJ !== null && isVexJustification(rawJ) ? rawJ : null,
      responses: normaliseResponses(a ? arr(a.response) : []),
      detail: a ? str(a.detail) : null,
      actionStatement: str(v.recommendation),
      firstIssued: a ? str(a.firstIssued) : null,
      lastUpdated: a ? str(a.lastUpdated) : null,
      origin: { format: 'cyclonedx', status: rawState ?? 'in_triage', justification: rawJ },
    } as const;
    const affects = records(v.affects);
    if (affects.length === 0) warnings.push(`${at} (${id}): no affects[]; skipped`);
    for (const af of affects) {
      const ref = str(af.ref);
      if (!ref) {
        warnings.push(`${at} (${id}): an affects[] entry has no ref; skipped`);
        continue;
      }
      const link = parseBomLink(ref);
      if (link) {
        const sbom = { serialNumber: link.serialNumber, version: link.version };
        const p: VexProduct = {
          id: `urn:cdx:${link.serialNumber.slice(9)}/${link.version}`,
          vendor: null,
          name: null,
          version: null,
          purl: null,
          cpe: null,
          bomRef: null,
          sbom,
        };
        statements.push({
          ...base,
          product: p,
          component: { bomRef: link.bomRef, name: null, version: null, purl: null, cpe: null },
        });
      } else if (metaComponent && ref === str(metaComponent['bom-ref'])) {
        statements.push({ ...base, product, component: null });
      } else {
        const c = refs.get(ref);
        if (!c)
          warnings.push(
            `${at} (${id}): ref ${JSON.stringify(ref)} is not a component of this BOM; kept as a bare bom-ref`,
          );
        statements.push({
          ...base,
          product,
          component: c ? componentFrom(c) : { bomRef: ref, name: null, version: null, purl: null, cpe: null },
        });
      }
    }
  });
  return {
    ok: true,
    format: 'cyclonedx',
    warnings,
    document: {
      title: null,
      author: { name: author, namespace: null },
      timestamp,
      lastUpdated: null,
      version: bomVersion,
      statements,
    },
  };
}
