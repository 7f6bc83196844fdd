/**
 * OpenVEX 0.2.0: write the model as an OpenVEX document and read OpenVEX (0.2.0, and the legacy
 * 0.0.1 shape with string vulnerabilities/products) back. Mapping: docs/vex-mapping.md.
 *
 * API
 *   writeOpenVex(doc, { id, lang?, role?, tooling? }): Result<string>   JSON text; `id` is the document @id (IRI)
 *   readOpenVex(json: unknown): VexReadResult
 *
 * One OpenVEX statement per model statement, in sortStatements() order. A statement with a product
 * names the product in `products[]` and the component in its `subcomponents[]`; a component-only
 * statement names the component as the product. CycloneDX responses travel as fixed sentences in
 * `action_statement` (mapping.ts responseSentence) so that they survive the round trip.
 *
 * The product's `@id` (openVexProductId) names the device release as a hospital can look it up: its
 * purl when it has one; else the CycloneDX BOM-Link of its element in the SBOM it belongs to
 * (`urn:cdx:<serial>/<version>#<bom-ref>`: mamori's release export, whose metadata.component is the
 * device with its name, version, manufacturer and model numbers); else the model's `product.id`
 * (mamori's `urn:mamori:release:<id>`). The reader takes a BOM-Link `@id` back as the product's SBOM
 * and bom-ref.
 */
import { err, ok, type Result } from '../core/result.js';
import { bomLinkElement, parseBomLink } from '../core/vex/bom-link.js';
import {
  defaultText,
  defaultTextKind,
  fromOpenVexStatus,
  fromVexJustificationLabel,
  isVexJustificationLabel,
  openVexStatuses,
  responseFromSentence,
  responseSentence,
  toOpenVexStatus,
  toVexJustificationLabel,
  type OpenVexStatus,
  type VexLang,
} from '../core/vex/mapping.js';
import {
  checkVexDocument,
  sortStatements,
  type VexComponent,
  type VexDocument,
  type VexProduct,
  type VexResponse,
  type VexStatement,
} from '../core/vex/model.js';
import {
  isRecord,
  normaliseAliases,
  normaliseResponses,
  readFailure,
  str,
  type JsonObject,
  type VexReadResult,
} from './shared.js';

export const openVexContext = 'https://openvex.dev/ns/v0.2.0';

export interface OpenVexOptions {
  /** The document `@id` (an IRI, e.g. `https://vex.example.com/mamori/<uuid>`). */
  readonly id: string;
  /** Language of the fixed sentences written when the model has no text (default en). */
  readonly lang?: VexLang;
  readonly role?: string;
  readonly tooling?: string;
}

function identifiers(purl: string | null, cpe: string | null): JsonObject | null {
  const ids: JsonObject = {};
  if (purl) ids.purl = purl;
  if (cpe) ids[cpe.startsWith('cpe:2.3:') ? 'cpe23' : 'cpe22'] = cpe;
  return Object.keys(ids).length > 0 ? ids : null;
}

function componentId(c: VexComponent): string {
  if (c.purl) return c.purl;
  if (c.cpe) return c.cpe;
  return `urn:mamori:component:${encodeURIComponent(c.name ?? c.bomRef ?? '')}:${encodeURIComponent(c.version ?? '')}`;
}

function componentEntry(c: VexComponent): JsonObject {
  const e: JsonObject = { '@id': componentId(c) };
  const ids = identifiers(c.purl, c.cpe);
  if (ids) e.identifiers = ids;
  return e;
}

/** The product's `@id`: its purl, else the BOM-Link of its SBOM element, else `product.id` (module header). */
export function openVexProductId(p: VexProduct): string {
  if (p.purl) return p.purl;
  if (p.sbom && p.bomRef) {
    try {
      return bomLinkElement(p.sbom, p.bomRef);
    } catch (e) {
      // A serial number that is not urn:uuid:… cannot make a BOM-Link: the product's own id names it.
      if (!(e instanceof RangeError)) throw e;
    }
  }
  return p.id;
}

function productEntry(p: VexProduct, c: VexComponent | null): JsonObject {
  const e: JsonObject = { '@id': openVexProductId(p) };
  const ids = identifiers(p.purl, p.cpe);
  if (ids) e.identifiers = ids;
  if (c) e.subcomponents = [componentEntry(c)];
  return e;
}

function statementOf(s: VexStatement, lang: VexLang): JsonObject {
  const status = toOpenVexStatus(s.state);
  const vulnerability: JsonObject = { name: s.vulnerability.id };
  if (s.vulnerability.description !== null) vulnerability.description = s.vulnerability.description;
  if (s.vulnerability.aliases.length > 0) vulnerability.aliases = [...s.vulnerability.aliases];
  const out: JsonObject = { vulnerability };
  if (s.firstIssued !== null) out.timestamp = s.firstIssued;
  if (s.lastUpdated !== null) out.last_updated = s.lastUpdated;
  out.products = [s.product ? productEntry(s.product, s.component) : componentEntry(s.component!)];
  out.status = status;
  if (status === 'not_affected') {
    if (s.justification) out.justification = toVexJustificationLabel(s.justification);
    if (s.detail !== null) out.impact_statement = s.detail;
    else if (!s.justification) out.impact_statement = defaultText('not_affected_impact', lang);
  } else if (s.detail !== null) out.status_notes = s.detail;
  const lines = [
    ...(s.actionStatement !== null ? [s.actionStatement] : []),
    ...s.responses.map((r) => responseSentence(r, lang)),
  ];
  if (lines.length === 0 && status === 'affected') lines.push(defaultText('affected_action', lang));
  if (lines.length > 0) out.action_statement = lines.join('\n');
  return out;
}

export function writeOpenVex(doc: VexDocument, options: OpenVexOptions): Result<string> {
  const issues = checkVexDocument(doc);
  if (doc.statements.length === 0)
    issues.push({ path: 'statements', message: 'OpenVEX needs at least one statement' });
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(options.id))
    issues.push({ path: 'options.id', message: 'the document @id must be an IRI' });
  if (issues.length > 0)
    return err(
      'vex.invalid',
      `The OpenVEX document cannot be written: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      { issues },
    );
  const lang = options.lang ?? 'en';
  const out: JsonObject = { '@context': openVexContext, '@id': options.id, author: doc.author.name };
  if (options.role) out.role = options.role;
  out.timestamp = doc.timestamp;
  if (doc.lastUpdated !== null) out.last_updated = doc.lastUpdated;
  out.version = doc.version;
  if (options.tooling) out.tooling = options.tooling;
  out.statements = sortStatements(doc.statements).map((s) => statementOf(s, lang));
  return ok(`${JSON.stringify(out, null, 2)}\n`);
}

function readIds(e: JsonObject | string): { id: string | null; purl: string | null; cpe: string | null } {
  if (typeof e === 'string')
    return { id: e, purl: e.startsWith('pkg:') ? e : null, cpe: e.startsWith('cpe:') ? e : null };
  const id = str(e['@id']);
  const ids = isRecord(e.identifiers) ? e.identifiers : {};
  return {
    id,
    purl: str(ids.purl) ?? (id?.startsWith('pkg:') ? id : null),
    cpe: str(ids.cpe23) ?? str(ids.cpe22) ?? (id?.startsWith('cpe:') ? id : null),
  };
}

function readComponent(e: JsonObject | string): VexComponent | null {
  const { id, purl, cpe } = readIds(e);
  if (!id && !purl && !cpe) return null;
  const generated = id && /^urn:mamori:component:([^:]*):(.*)$/.exec(id);
  if (generated) {
    const name = decodeURIComponent(generated[1]!);
    const version = decodeURIComponent(generated[2]!);
    return { bomRef: null, name: name || null, version: version || null, purl, cpe };
  }
  return { bomRef: null, name: purl || cpe ? null : id, version: null, purl, cpe };
}

function readProduct(e: JsonObject | string): VexProduct | null {
  const { id, purl, cpe } = readIds(e);
  const key = id ?? purl ?? cpe;
  if (!key) return null;
  // A BOM-Link names the product's element in an SBOM (mamori's release export names the device so).
  const link = id === null ? null : parseBomLink(id);
  const sbom = link?.bomRef ? { serialNumber: link.serialNumber, version: link.version } : null;
  return {
    id: key,
    vendor: null,
    name: null,
    version: null,
    purl,
    cpe,
    bomRef: sbom ? link!.bomRef : null,
    sbom,
  };
}

/** action_statement lines → responses (known sentences), the rest as text. */
function splitAction(text: string | null): { responses: VexResponse[]; action: string | null } {
  if (text === null) return { responses: [], action: null };
  const rest: string[] = [];
  const responses: VexResponse[] = [];
  for (const line of text.split('\n')) {
    const r = responseFromSentence(line);
    if (r) responses.push(r);
    else if (defaultTextKind(line) !== 'affected_action') rest.push(line);
  }
  const action = rest.join('\n');
  return { responses: normaliseResponses(responses), action: action === '' ? null : action };
}

const isStatus = (x: unknown): x is OpenVexStatus =>
  typeof x === 'string' && (openVexStatuses as readonly string[]).includes(x);

export function readOpenVex(json: unknown): VexReadResult {
  if (
    !isRecord(json) ||
    typeof json['@context'] !== 'string' ||
    !json['@context'].startsWith('https://openvex.dev/ns')
  )
    return readFailure(
      'vex.unsupported',
      'not an OpenVEX document (@context is not https://openvex.dev/ns…)',
    );
  const warnings: string[] = [];
  const context = json['@context'];
  if (context !== openVexContext) warnings.push(`@context ${context}: read as the legacy OpenVEX shape`);
  const timestamp = str(json.timestamp);
  if (!timestamp)
    warnings.push(
      'timestamp is missing; the document timestamp is set to the first statement timestamp or 1970-01-01T00:00:00Z',
    );
  const statements: VexStatement[] = [];
  const raw = Array.isArray(json.statements) ? json.statements : [];
  raw.forEach((st: unknown, i: number) => {
    const at = `statements[${i}]`;
    if (!isRecord(st)) {
      warnings.push(`${at}: not an object; skipped`);
      return;
    }
    const v = st.vulnerability;
    const id = typeof v === 'string' ? str(v) : isRecord(v) ? (str(v.name) ?? str(v['@id'])) : null;
    if (!id) {
      warnings.push(`${at}: no vulnerability name; skipped`);
      return;
    }
    const vulnerability = {
      id,
      aliases: normaliseAliases(id, isRecord(v) && Array.isArray(v.aliases) ? v.aliases : []),
      description: isRecord(v) ? str(v.description) : null,
      ratings: [],
    };
    const status = st.status;
    if (!isStatus(status)) {
      warnings.push(`${at} (${id}): unknown status ${JSON.stringify(status)}; skipped`);
      return;
    }
    const label = str(st.justification);
    if (label !== null && !isVexJustificationLabel(label))
      warnings.push(`${at} (${id}): unknown justification ${JSON.stringify(label)} dropped`);
    const justification =
      label !== null && isVexJustificationLabel(label) && status === 'not_affected'
        ? fromVexJustificationLabel(label)
        : null;
    const impact = str(st.impact_statement);
    const notes = str(st.status_notes);
    const texts = [impact !== null && defaultTextKind(impact) === null ? impact : null, notes].filter(
      (t): t is string => t !== null,
    );
    const { responses, action } = splitAction(str(st.action_statement));
    const base = {
      vulnerability,
      state: fromOpenVexStatus(status),
      justification,
      responses,
      detail: texts.length > 0 ? texts.join('\n\n') : null,
      actionStatement: action,
      firstIssued: str(st.timestamp),
      lastUpdated: str(st.last_updated),
      origin: { format: 'openvex', status, justification: label },
    } as const;
    const products = Array.isArray(st.products)
      ? st.products.filter((p): p is JsonObject | string => isRecord(p) || typeof p === 'string')
      : [];
    if (products.length === 0) warnings.push(`${at} (${id}): no products; skipped`);
    for (const p of products) {
      const subs =
        isRecord(p) && Array.isArray(p.subcomponents)
          ? p.subcomponents.filter((c): c is JsonObject | string => isRecord(c) || typeof c === 'string')
          : [];
      if (subs.length === 0) {
        const component = readComponent(p);
        if (component) statements.push({ ...base, product: null, component });
        else warnings.push(`${at} (${id}): a product without @id or identifiers; skipped`);
        continue;
      }
      const product = readProduct(p);
      for (const c of subs) {
        const component = readComponent(c);
        if (component) statements.push({ ...base, product, component });
        else warnings.push(`${at} (${id}): a subcomponent without @id or identifiers; skipped`);
      }
    }
  });
  // 0.2.0: an integer ≥ 1; the legacy shape wrote it as a string.
  const rawVersion = typeof json.version === 'string' ? Number.parseInt(json.version, 10) : json.version;
  const version =
    typeof rawVersion === 'number' && Number.isInteger(rawVersion) && rawVersion >= 1 ? rawVersion : 1;
  return {
    ok: true,
    format: 'openvex',
    warnings,
    document: {
      title: null,
      author: { name: str(json.author) ?? 'unknown', namespace: null },
      timestamp: timestamp ?? statements.find((s) => s.firstIssued)?.firstIssued ?? '1970-01-01T00:00:00Z',
      lastUpdated: str(json.last_updated),
      version,
      statements,
    },
  };
}
