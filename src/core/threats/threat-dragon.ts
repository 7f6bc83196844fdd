/**
 * OWASP Threat Dragon v2 model JSON ↔ the threat model. Reading keeps every field mamori does not model
 * in `raw` (per model, diagram, cell and threat), so a model read and written again keeps its layout,
 * styles and Threat Dragon-only fields. Assets and entry points have no Threat Dragon shape: they are
 * written as cells under a top-level `mamori` member (`mamori.cells`, shapes `asset` / `entry-point`),
 * which Threat Dragon ignores and mamori reads back. Threat links to SBOM components and findings travel
 * in a `mamori` member of each threat.
 *
 * Format facts: summary {title, owner, description, id}; detail {contributors[{name}], diagrams[], reviewer,
 * diagramTop, threatTop}; diagram {id, title, diagramType, version, thumbnail, cells[]}; node cells carry
 * `position`, `size`, `shape` (actor, process, store, td-text-block, trust-boundary-box) and `data.type`
 * (tm.Actor, tm.Process, tm.Store, tm.Text, tm.BoundaryBox); edge cells (flow, trust-boundary-curve)
 * carry `source`/`target` ({cell} or {x, y}) and `vertices`; `data.threats[]` {id, title, type, status
 * (Open, Mitigated, NotApplicable), severity, description, mitigation, modelType}
 * (conformance: formats/threat-dragon/v2, v2-demo, schema/threat-dragon-v2.schema.json). Version 1 models
 * (diagramJson cells) are read too and written back as v2.
 */
import type { Issue } from '../result.js';
import {
  threatMethods,
  type Diagram,
  type Element,
  type ElementKind,
  type Endpoint,
  type Point,
  type PropertyValue,
  type Threat,
  type ThreatMethod,
  type ThreatModel,
  type ThreatSeverity,
  type ThreatStatus,
} from './model.js';
import { strideCategories, strideThreatDragonNames, toStrideCategory } from './stride.js';

type Obj = Record<string, unknown>;
export type ReadResult = { ok: true; model: ThreatModel; warnings: string[] } | { ok: false; issues: Issue[] };

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Deep copy of parsed JSON without prototype-polluting keys, refusing absurd depth. */
export function cleanJson(value: unknown, depth = 0): unknown {
  if (depth > 64) throw new RangeError('JSON nested deeper than 64 levels');
  if (Array.isArray(value)) return value.map((v) => cleanJson(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value as Obj)) if (!forbiddenKeys.has(k)) out[k] = cleanJson(v, depth + 1);
    return out;
  }
  return value;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
function point(v: unknown): Point | null {
  if (!isObj(v)) return null;
  const x = num(v.x);
  const y = num(v.y);
  return x === null || y === null ? null : { x, y };
}
function omit(o: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) out[k] = v;
  return out;
}
const nonEmpty = (o: Obj): Obj | null => (Object.keys(o).length === 0 ? null : o);

const shapeKinds: Record<string, ElementKind> = {
  actor: 'actor',
  process: 'process',
  store: 'store',
  flow: 'flow',
  'trust-boundary-curve': 'boundary',
  'trust-boundary-box': 'boundary',
  'td-text-block': 'text',
};
const extensionShapes: Record<string, ElementKind> = { asset: 'asset', 'entry-point': 'entry_point' };
const kindShape: Record<ElementKind, string> = {
  actor: 'actor',
  process: 'process',
  store: 'store',
  flow: 'flow',
  boundary: 'trust-boundary-curve',
  text: 'td-text-block',
  asset: 'asset',
  entry_point: 'entry-point',
};
const kindType: Record<ElementKind, string> = {
  actor: 'tm.Actor',
  process: 'tm.Process',
  store: 'tm.Store',
  flow: 'tm.Flow',
  boundary: 'tm.Boundary',
  text: 'tm.Text',
  asset: 'mamori.Asset',
  entry_point: 'mamori.EntryPoint',
};

/** data members mamori maps itself (the rest stay in raw). */
const mappedDataKeys = ['name', 'description', 'outOfScope', 'reasonOutOfScope', 'threats'];
/** Lists the mapped data members the file did not have, so they are not added on write. */
const absentKey = 'mamoriAbsent';
const mappedCellKeys = ['id', 'position', 'size', 'source', 'target', 'vertices', 'data'];

const methodNames: Record<string, ThreatMethod> = { stride: 'stride', linddun: 'linddun', cia: 'cia', die: 'die', plot4ai: 'plot4ai' };
function toMethod(name: string): ThreatMethod {
  const k = name.trim().toLowerCase();
  if (methodNames[k]) return methodNames[k];
  return (threatMethods as readonly string[]).includes(k) ? (k as ThreatMethod) : 'other';
}
const methodTd: Partial<Record<ThreatMethod, string>> = { stride: 'STRIDE', linddun: 'LINDDUN', cia: 'CIA', die: 'DIE', plot4ai: 'PLOT4ai' };
const tdMethod = (m: ThreatMethod): string => methodTd[m] ?? m;

function toStatus(s: string): ThreatStatus {
  const k = s.trim().toLowerCase().replace(/[\s_]/g, '');
  return k === 'mitigated' ? 'mitigated' : k === 'notapplicable' || k === 'n/a' ? 'not_applicable' : 'open';
}
const tdStatus: Record<ThreatStatus, string> = { open: 'Open', mitigated: 'Mitigated', not_applicable: 'NotApplicable' };
function toSeverity(s: string): ThreatSeverity | null {
  const k = s.trim().toLowerCase();
  return k === 'low' || k === 'medium' || k === 'high' || k === 'critical' ? k : null;
}
const tdSeverity = (s: ThreatSeverity | null): string => (s ? s[0]!.toUpperCase() + s.slice(1) : '');

function toCategory(method: ThreatMethod, type: string): string {
  return method === 'stride' ? (toStrideCategory(type) ?? type) : type;
}
function tdCategory(method: ThreatMethod, category: string): string {
  return method === 'stride' && (strideCategories as readonly string[]).includes(category)
    ? strideThreatDragonNames[category as keyof typeof strideThreatDragonNames]
    : category;
}

/**
 * Keeps an original string in raw when the normalised value would write it differently, so that an
 * unchanged value is written back exactly as read.
 */
function keepOriginal(raw: Obj, key: string, original: unknown, written: string): void {
  if (original !== undefined && original !== written) raw[key] = original;
}
function restore(raw: Obj | null, key: string, written: string, normalise: (s: string) => string, current: string): unknown {
  if (!raw || !(key in raw)) return written;
  const original = raw[key];
  return normalise(str(original)) === current ? original : written;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function readThreat(t: Obj, elementId: string, fallbackMethod: ThreatMethod, fallbackId: string): Threat {
  const method = t.modelType !== undefined ? toMethod(str(t.modelType)) : fallbackMethod;
  const category = toCategory(method, str(t.type));
  const status = toStatus(str(t.status));
  const severity = toSeverity(str(t.severity));
  const ext = isObj(t.mamori) ? t.mamori : {};
  const raw = omit(t, ['id', 'title', 'description', 'mitigation', 'modelType', 'type', 'status', 'severity', 'mamori']);
  keepOriginal(raw, 'modelType', t.modelType, tdMethod(method));
  keepOriginal(raw, 'type', t.type, tdCategory(method, category));
  keepOriginal(raw, 'status', t.status, tdStatus[status]);
  keepOriginal(raw, 'severity', t.severity, tdSeverity(severity));
  for (const k of ['title', 'description', 'mitigation']) if (t[k] !== undefined && typeof t[k] !== 'string') raw[k] = t[k];
  return {
    id: typeof t.id === 'string' && t.id !== '' ? t.id : fallbackId,
    elementId,
    title: str(t.title),
    description: str(t.description),
    method,
    category,
    status,
    severity,
    mitigation: str(t.mitigation),
    componentIds: stringList(ext.componentIds),
    findingIds: stringList(ext.findingIds),
    raw: nonEmpty(raw),
  };
}

function endpoint(v: unknown): Endpoint | null {
  if (isObj(v) && typeof v.cell === 'string') return typeof v.port === 'string' ? { elementId: v.cell, port: v.port } : { elementId: v.cell };
  return point(v);
}

function readCell(
  cell: Obj,
  diagramId: string,
  fallbackMethod: ThreatMethod,
  shapes: Record<string, ElementKind>,
  path: string,
  issues: Issue[],
): { element: Element; threats: Threat[] } | null {
  const shape = str(cell.shape);
  const kind = shapes[shape];
  if (!kind) {
    issues.push({ path: `${path}.shape`, message: `Unknown cell shape "${shape}".` });
    return null;
  }
  if (typeof cell.id !== 'string' || cell.id === '') {
    issues.push({ path: `${path}.id`, message: 'Every cell needs a string id.' });
    return null;
  }
  const data = isObj(cell.data) ? cell.data : {};
  const properties: Record<string, PropertyValue> = {};
  const rawData: Obj = {};
  for (const [k, v] of Object.entries(data)) {
    if (mappedDataKeys.includes(k)) continue;
    if (k !== 'type' && k !== 'hasOpenThreats' && (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) properties[k] = v;
    else rawData[k] = v;
  }
  const raw: Obj = omit(cell, mappedCellKeys);
  if (cell.data !== undefined) raw.data = rawData;
  for (const k of ['name', 'description', 'reasonOutOfScope'])
    if (data[k] !== undefined && typeof data[k] !== 'string') rawData[k] = data[k];
  if (data.outOfScope !== undefined && typeof data.outOfScope !== 'boolean') rawData.outOfScope = data.outOfScope;
  const absent = mappedDataKeys.filter((k) => data[k] === undefined);
  if (cell.data !== undefined && absent.length > 0) rawData[absentKey] = absent;
  const attrsText = isObj(cell.attrs) && isObj(cell.attrs.text) ? cell.attrs.text.text : undefined;
  const name = typeof data.name === 'string' ? data.name : str(attrsText);
  const size = isObj(cell.size) && num(cell.size.width) !== null && num(cell.size.height) !== null
    ? { width: num(cell.size.width)!, height: num(cell.size.height)! }
    : null;
  if (cell.vertices !== undefined) raw.has_vertices = true;
  const vertices = Array.isArray(cell.vertices) ? cell.vertices.map(point).filter((p): p is Point => p !== null) : [];
  const element: Element = {
    id: cell.id,
    kind,
    diagramId,
    name,
    description: str(data.description),
    position: point(cell.position),
    size,
    source: endpoint(cell.source),
    target: endpoint(cell.target),
    vertices,
    outOfScope: data.outOfScope === true,
    reasonOutOfScope: str(data.reasonOutOfScope),
    properties,
    raw,
  };
  const threats = (Array.isArray(data.threats) ? data.threats : [])
    .filter(isObj)
    .map((t, i) => readThreat(t, cell.id as string, fallbackMethod, `${cell.id as string}-threat-${i}`));
  return { element, threats };
}

const v1Kinds: Record<string, ElementKind> = {
  'tm.Actor': 'actor',
  'tm.Process': 'process',
  'tm.Store': 'store',
  'tm.Flow': 'flow',
  'tm.Boundary': 'boundary',
};
const v1Structural = new Set([
  'type', 'size', 'position', 'angle', 'id', 'z', 'threats', 'attrs', 'smooth', 'source', 'target', 'vertices', 'labels',
  'hasOpenThreats', 'outOfScope', 'reasonOutOfScope', 'name', 'description', 'ruleId', 'isTrustBoundary',
]);

/**
 * Threat Dragon v1 models (detail.diagrams[].diagramJson.cells[], JointJS cells typed tm.Actor, tm.Process,
 * tm.Store, tm.Flow, tm.Boundary; flows link {id}; threats without ids). Read into the model without
 * the v1 styling; written again they become v2. Threats without an id get `<cell id>-threat-<n>`.
 */
function readThreatDragonV1(doc: Obj, diagramsIn: unknown[]): ReadResult {
  const issues: Issue[] = [];
  const diagrams: Diagram[] = [];
  const elements: Element[] = [];
  const threats: Threat[] = [];
  diagramsIn.forEach((d, di) => {
    if (!isObj(d)) return;
    const id = d.id !== undefined ? str(d.id) : String(di);
    const diagramType = str(d.diagramType) || 'STRIDE';
    const raw = omit(d, ['id', 'title', 'description', 'diagramType', 'diagramJson', 'size', '$$hashKey']);
    if (typeof d.id === 'number') raw.idIsNumber = true;
    diagrams.push({ id, title: str(d.title), description: str(d.description), diagramType, raw: nonEmpty(raw) });
    const cells = isObj(d.diagramJson) && Array.isArray(d.diagramJson.cells) ? d.diagramJson.cells : [];
    cells.forEach((c, ci) => {
      if (!isObj(c)) return;
      const path = `detail.diagrams.${di}.diagramJson.cells.${ci}`;
      const kind = v1Kinds[str(c.type)];
      if (!kind) {
        issues.push({ path: `${path}.type`, message: `Unknown cell type "${str(c.type)}".` });
        return;
      }
      if (typeof c.id !== 'string' || c.id === '') {
        issues.push({ path: `${path}.id`, message: 'Every cell needs a string id.' });
        return;
      }
      const isEdge = kind === 'flow' || kind === 'boundary';
      const label = Array.isArray(c.labels) && isObj(c.labels[0]) && isObj(c.labels[0].attrs) && isObj(c.labels[0].attrs.text) ? c.labels[0].attrs.text.text : undefined;
      const text = isObj(c.attrs) && isObj(c.attrs.text) ? c.attrs.text.text : undefined;
      const properties: Record<string, PropertyValue> = {};
      for (const [k, v] of Object.entries(c))
        if (!v1Structural.has(k) && (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) properties[k] = v;
      const end = (v: unknown): Endpoint | null => (isObj(v) && typeof v.id === 'string' ? { elementId: v.id } : point(v));
      elements.push({
        id: c.id,
        kind,
        diagramId: id,
        name: typeof c.name === 'string' ? c.name : str(isEdge ? label : text),
        description: str(c.description),
        position: isEdge ? null : point(c.position),
        size: !isEdge && isObj(c.size) && num(c.size.width) !== null && num(c.size.height) !== null ? { width: num(c.size.width)!, height: num(c.size.height)! } : null,
        source: isEdge ? end(c.source) : null,
        target: isEdge ? end(c.target) : null,
        vertices: Array.isArray(c.vertices) ? c.vertices.map(point).filter((p): p is Point => p !== null) : [],
        outOfScope: c.outOfScope === true,
        reasonOutOfScope: str(c.reasonOutOfScope),
        properties,
        raw: null,
      });
      (Array.isArray(c.threats) ? c.threats : []).filter(isObj).forEach((t, i) => {
        const read = readThreat(t, c.id as string, toMethod(diagramType), `${c.id as string}-threat-${i}`);
        threats.push({ ...read, raw: null });
      });
    });
  });
  if (issues.length > 0) return { ok: false, issues };
  const summary = isObj(doc.summary) ? doc.summary : {};
  const detail = isObj(doc.detail) ? doc.detail : {};
  const contributors = Array.isArray(detail.contributors) ? detail.contributors.map((c) => (isObj(c) ? str(c.name) : str(c))) : [];
  const summaryRest = omit(summary, ['title', 'owner', 'description']);
  return {
    ok: true,
    warnings: ['Threat Dragon v1 model: read without its v1 styling; it is written back as a v2 model.'],
    model: {
      title: str(summary.title),
      description: str(summary.description),
      owner: str(summary.owner),
      reviewer: str(detail.reviewer),
      contributors,
      method: toMethod(diagrams[0]?.diagramType ?? 'STRIDE'),
      diagrams,
      elements,
      threats,
      raw: Object.keys(summaryRest).length > 0 ? { summary: summaryRest } : null,
    },
  };
}

/** Reads a parsed Threat Dragon model (the JSON.parse result of the file): v2, or v1 converted. */
export function readThreatDragon(input: unknown): ReadResult {
  const issues: Issue[] = [];
  let doc: unknown;
  try {
    doc = cleanJson(input);
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: (e as Error).message }] };
  }
  if (!isObj(doc) || !isObj(doc.summary) || !isObj(doc.detail))
    return { ok: false, issues: [{ path: '', message: 'Not a Threat Dragon model: it needs "summary" and "detail" objects.' }] };
  const diagramsIn = Array.isArray(doc.detail.diagrams) ? doc.detail.diagrams : [];
  if (diagramsIn.some((d) => isObj(d) && isObj(d.diagramJson))) return readThreatDragonV1(doc, diagramsIn);
  const warnings: string[] = [];
  const diagrams: Diagram[] = [];
  const elements: Element[] = [];
  const threats: Threat[] = [];
  diagramsIn.forEach((d, di) => {
    if (!isObj(d)) {
      issues.push({ path: `detail.diagrams.${di}`, message: 'A diagram must be an object.' });
      return;
    }
    const id = d.id !== undefined ? str(d.id) : String(di);
    const diagramType = str(d.diagramType) || 'STRIDE';
    const raw = omit(d, ['id', 'title', 'description', 'diagramType', 'cells']);
    if (typeof d.id === 'number') raw.idIsNumber = true;
    if (d.description !== undefined) raw.has_description = true;
    diagrams.push({ id, title: str(d.title), description: str(d.description), diagramType, raw: nonEmpty(raw) });
    const cells = Array.isArray(d.cells) ? d.cells : [];
    cells.forEach((c, ci) => {
      if (!isObj(c)) return;
      const read = readCell(c, id, toMethod(diagramType), shapeKinds, `detail.diagrams.${di}.cells.${ci}`, issues);
      if (read) {
        elements.push(read.element);
        threats.push(...read.threats);
      }
    });
  });
  const ext = isObj(doc.mamori) ? doc.mamori : null;
  if (ext && Array.isArray(ext.cells))
    ext.cells.forEach((c, ci) => {
      if (!isObj(c)) return;
      const diagramId = str(isObj(c.data) ? c.data.diagramId : '') || (diagrams[0]?.id ?? '0');
      const read = readCell(c, diagramId, 'stride', extensionShapes, `mamori.cells.${ci}`, issues);
      if (read) {
        const raw = { ...(read.element.raw ?? {}) };
        if (isObj(raw.data)) raw.data = omit(raw.data, ['diagramId']);
        const properties = Object.fromEntries(Object.entries(read.element.properties).filter(([k]) => k !== 'diagramId'));
        elements.push({ ...read.element, properties, raw });
        threats.push(...read.threats);
      }
    });
  if (issues.length > 0) return { ok: false, issues };
  const summary = doc.summary;
  const detail = doc.detail;
  const raw: Obj = omit(doc, ['summary', 'detail', 'mamori']);
  raw.summary = omit(summary, ['title', 'owner', 'description']);
  raw.detail = omit(detail, ['contributors', 'diagrams', 'reviewer']);
  if (ext) raw.mamori = omit(ext, ['cells', 'method']);
  const contributors = Array.isArray(detail.contributors)
    ? detail.contributors.map((c) => (isObj(c) ? str(c.name) : str(c)))
    : [];
  const firstType = diagrams[0]?.diagramType ?? 'STRIDE';
  const method = ext && typeof ext.method === 'string' ? toMethod(ext.method) : toMethod(firstType);
  if (diagrams.length === 0) warnings.push('The model has no diagrams.');
  return {
    ok: true,
    warnings,
    model: {
      title: str(summary.title),
      description: str(summary.description),
      owner: str(summary.owner),
      reviewer: str(detail.reviewer),
      contributors,
      method,
      diagrams,
      elements,
      threats,
      raw,
    },
  };
}

function writeEndpoint(e: Endpoint): Obj {
  if (!('elementId' in e)) return { x: e.x, y: e.y };
  return e.port === undefined ? { cell: e.elementId } : { cell: e.elementId, port: e.port };
}

function writeThreat(t: Threat): Obj {
  const raw = t.raw ?? {};
  const out: Obj = { ...omit(raw, ['modelType', 'type', 'status', 'severity']) };
  out.id = t.id;
  out.title = t.title;
  out.status = restore(raw, 'status', tdStatus[t.status], toStatus, t.status);
  out.severity = restore(raw, 'severity', tdSeverity(t.severity), (s) => String(toSeverity(s)), String(t.severity));
  out.type = restore(raw, 'type', tdCategory(t.method, t.category), (s) => toCategory(t.method, s), t.category);
  out.description = t.description;
  out.mitigation = t.mitigation;
  out.modelType = restore(raw, 'modelType', tdMethod(t.method), toMethod, t.method);
  for (const k of ['title', 'description', 'mitigation'])
    if (raw[k] !== undefined && typeof raw[k] !== 'string' && out[k] === '') out[k] = raw[k];
  if (t.componentIds.length > 0 || t.findingIds.length > 0)
    out.mamori = { componentIds: [...t.componentIds], findingIds: [...t.findingIds] };
  return out;
}

function defaultAttrs(e: Element): Obj {
  const stroke = { stroke: '#333333', strokeWidth: 1, strokeDasharray: null };
  switch (e.kind) {
    case 'flow':
      return { line: { ...stroke, targetMarker: { name: 'block' } } };
    case 'boundary':
      return { line: { targetMarker: '', sourceMarker: '' } };
    case 'store':
      return { text: { text: e.name }, topLine: stroke, bottomLine: stroke };
    default:
      return { text: { text: e.name }, body: stroke };
  }
}

function writeCell(e: Element, threats: readonly Threat[], extension: boolean): Obj {
  const raw = e.raw ?? {};
  const rawData = isObj(raw.data) ? raw.data : {};
  const isEdge = e.kind === 'flow' || (e.kind === 'boundary' && (e.source !== null || e.target !== null));
  const out: Obj = omit(raw, ['data', 'has_vertices']);
  if (e.raw === null) {
    out.shape = kindShape[e.kind];
    out.attrs = defaultAttrs(e);
    if (e.kind === 'flow') out.labels = [{ position: 0.5, attrs: { label: { text: e.name } } }];
  }
  out.id = e.id;
  if (e.position) out.position = { x: e.position.x, y: e.position.y };
  if (e.size) out.size = { width: e.size.width, height: e.size.height };
  if (e.source) out.source = writeEndpoint(e.source);
  if (e.target) out.target = writeEndpoint(e.target);
  if (e.vertices.length > 0 || raw.has_vertices === true) out.vertices = e.vertices.map((p) => ({ x: p.x, y: p.y }));
  // Node labels follow the name, as Threat Dragon keeps them.
  if (!isEdge && isObj(out.attrs) && isObj(out.attrs.text)) out.attrs = { ...out.attrs, text: { ...out.attrs.text, text: e.name } };
  const data: Obj = {
    ...rawData,
    ...e.properties,
    type: typeof rawData.type === 'string' ? rawData.type : kindType[e.kind],
    name: e.name,
    description: e.description,
  };
  if (e.kind !== 'boundary' && e.kind !== 'text') {
    data.outOfScope = e.outOfScope;
    data.reasonOutOfScope = e.reasonOutOfScope;
    data.threats = threats.map(writeThreat);
  }
  // Threat Dragon's own flag is kept as read; mamori computes it for elements it created.
  if (typeof rawData.hasOpenThreats !== 'boolean') data.hasOpenThreats = threats.some((t) => t.status === 'open');
  if (extension) data.diagramId = e.diagramId;
  const absent = Array.isArray(rawData[absentKey]) ? (rawData[absentKey] as unknown[]) : [];
  delete data[absentKey];
  const isDefault = (v: unknown) => v === '' || v === false || (Array.isArray(v) && v.length === 0);
  for (const k of absent) if (typeof k === 'string' && isDefault(data[k])) delete data[k];
  out.data = data;
  return out;
}

/** Writes a Threat Dragon v2 model. */
export function writeThreatDragon(m: ThreatModel): Obj {
  const raw = m.raw ?? {};
  const byElement = new Map<string, Threat[]>();
  for (const t of m.threats) byElement.set(t.elementId, [...(byElement.get(t.elementId) ?? []), t]);
  const tdKinds = new Set<ElementKind>(['actor', 'process', 'store', 'flow', 'boundary', 'text']);
  const diagrams = m.diagrams.map((d) => {
    const dr = d.raw ?? {};
    const out: Obj = { version: '2.0', ...omit(dr, ['idIsNumber', 'has_description']) };
    out.id = dr.idIsNumber === true || (d.raw === null && /^\d+$/.test(d.id)) ? Number(d.id) : d.id;
    out.title = d.title;
    if (d.description !== '' || dr.has_description === true) out.description = d.description;
    out.diagramType = d.diagramType;
    out.cells = m.elements.filter((e) => e.diagramId === d.id && tdKinds.has(e.kind)).map((e) => writeCell(e, byElement.get(e.id) ?? [], false));
    return out;
  });
  const extensionCells = m.elements.filter((e) => !tdKinds.has(e.kind)).map((e) => writeCell(e, byElement.get(e.id) ?? [], true));
  const rawSummary = isObj(raw.summary) ? raw.summary : {};
  const rawDetail = isObj(raw.detail) ? raw.detail : {};
  const rawExt = isObj(raw.mamori) ? raw.mamori : {};
  const out: Obj = { version: '2.0', ...omit(raw, ['summary', 'detail', 'mamori']) };
  out.summary = { ...rawSummary, title: m.title, owner: m.owner, description: m.description };
  out.detail = {
    diagramTop: diagrams.length,
    threatTop: m.threats.length,
    ...rawDetail,
    contributors: m.contributors.map((name) => ({ name })),
    diagrams,
    reviewer: m.reviewer,
  };
  const firstType = m.diagrams[0]?.diagramType;
  if (extensionCells.length > 0 || (firstType !== undefined && toMethod(firstType) !== m.method) || Object.keys(rawExt).length > 0)
    out.mamori = { ...rawExt, method: m.method, cells: extensionCells };
  return out;
}
