/**
 * The threat model of one product version (IEC 81001-5-1 clause 7.2): diagrams, the elements of the
 * data-flow diagram (actors, processes, data stores, data flows, trust boundaries) plus assets and entry
 * points, and the threats found per element. Ids are stable across versions, so risks, controls and
 * tests keep pointing at the same threat when a new version is made.
 */
import type { Issue } from '../result.js';

/** IEC 81001-5-1 Annex C methods (C.2–C.10) plus the taxonomies Threat Dragon offers; none is mandated. */
export const threatMethods = [
  'stride',
  'attack_defense_tree',
  'capec_owasp_sans',
  'cwss',
  'dread',
  'known_vuln_list',
  'octave',
  'trike',
  'vast',
  'linddun',
  'cia',
  'die',
  'plot4ai',
  'other',
] as const;
export type ThreatMethod = (typeof threatMethods)[number];

export const elementKinds = ['actor', 'process', 'store', 'flow', 'boundary', 'asset', 'entry_point', 'text'] as const;
export type ElementKind = (typeof elementKinds)[number];

export const threatStatuses = ['open', 'mitigated', 'not_applicable'] as const;
export type ThreatStatus = (typeof threatStatuses)[number];

export const threatSeverities = ['low', 'medium', 'high', 'critical'] as const;
export type ThreatSeverity = (typeof threatSeverities)[number];

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A flow or a boundary end: attached to an element, or a free point on the canvas. */
export type Endpoint = { readonly elementId: string; readonly port?: string | undefined } | Point;

export type PropertyValue = string | number | boolean | null;

export interface Diagram {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Threat Dragon's diagramType (STRIDE, LINDDUN, CIA, DIE, PLOT4ai, Generic). */
  readonly diagramType: string;
  /** Format-specific fields kept unchanged so exports do not lose them. */
  readonly raw: Record<string, unknown> | null;
}

export interface Element {
  readonly id: string;
  readonly kind: ElementKind;
  readonly diagramId: string;
  readonly name: string;
  readonly description: string;
  readonly position: Point | null;
  readonly size: { readonly width: number; readonly height: number } | null;
  /** Flows and line boundaries. */
  readonly source: Endpoint | null;
  readonly target: Endpoint | null;
  readonly vertices: readonly Point[];
  readonly outOfScope: boolean;
  readonly reasonOutOfScope: string;
  /** protocol, isEncrypted, isPublicNetwork, storesCredentials, isALog, handlesPatientData, … */
  readonly properties: Readonly<Record<string, PropertyValue>>;
  readonly raw: Record<string, unknown> | null;
}

export interface Threat {
  readonly id: string;
  readonly elementId: string;
  readonly title: string;
  readonly description: string;
  readonly method: ThreatMethod;
  /** For STRIDE one of strideCategories; for other methods the method's own category name. */
  readonly category: string;
  readonly status: ThreatStatus;
  readonly severity: ThreatSeverity | null;
  readonly mitigation: string;
  /** SBOM component ids (components table). */
  readonly componentIds: readonly string[];
  /** Vulnerability finding ids (text, no foreign key). */
  readonly findingIds: readonly string[];
  readonly raw: Record<string, unknown> | null;
}

export interface ThreatModel {
  readonly title: string;
  readonly description: string;
  readonly owner: string;
  readonly reviewer: string;
  readonly contributors: readonly string[];
  /** The method recorded for the model as a whole. */
  readonly method: ThreatMethod;
  readonly diagrams: readonly Diagram[];
  readonly elements: readonly Element[];
  readonly threats: readonly Threat[];
  readonly raw: Record<string, unknown> | null;
}

export const threatModelLimits = {
  text: 20_000,
  name: 500,
  diagrams: 200,
  elements: 20_000,
  threats: 50_000,
  refs: 200,
  vertices: 500,
  properties: 100,
} as const;

export function emptyThreatModel(title: string): ThreatModel {
  return {
    title,
    description: '',
    owner: '',
    reviewer: '',
    contributors: [],
    method: 'stride',
    diagrams: [{ id: '0', title: 'Main', description: '', diagramType: 'STRIDE', raw: null }],
    elements: [],
    threats: [],
    raw: null,
  };
}

export const nodeKinds: readonly ElementKind[] = ['actor', 'process', 'store', 'asset', 'entry_point', 'text'];

/** Referential checks the schema cannot express; every problem is reported. */
export function threatModelIssues(m: ThreatModel): Issue[] {
  const issues: Issue[] = [];
  if (m.title.trim() === '') issues.push({ path: 'title', message: 'The threat model needs a title.' });
  if (m.diagrams.length > threatModelLimits.diagrams)
    issues.push({ path: 'diagrams', message: `At most ${threatModelLimits.diagrams} diagrams.` });
  if (m.elements.length > threatModelLimits.elements)
    issues.push({ path: 'elements', message: `At most ${threatModelLimits.elements} elements.` });
  if (m.threats.length > threatModelLimits.threats)
    issues.push({ path: 'threats', message: `At most ${threatModelLimits.threats} threats.` });
  const diagramIds = new Set<string>();
  m.diagrams.forEach((d, i) => {
    if (diagramIds.has(d.id)) issues.push({ path: `diagrams.${i}.id`, message: `Duplicate diagram id "${d.id}".` });
    diagramIds.add(d.id);
  });
  const elementIds = new Set<string>();
  m.elements.forEach((e, i) => {
    if (elementIds.has(e.id)) issues.push({ path: `elements.${i}.id`, message: `Duplicate element id "${e.id}".` });
    elementIds.add(e.id);
    if (!diagramIds.has(e.diagramId))
      issues.push({ path: `elements.${i}.diagramId`, message: `No diagram "${e.diagramId}".` });
  });
  m.elements.forEach((e, i) => {
    for (const end of ['source', 'target'] as const) {
      const p = e[end];
      if (p && 'elementId' in p && !elementIds.has(p.elementId))
        issues.push({ path: `elements.${i}.${end}`, message: `No element "${p.elementId}".` });
    }
    if (e.kind === 'flow' && (!e.source || !e.target))
      issues.push({ path: `elements.${i}`, message: 'A data flow needs a source and a target.' });
  });
  const threatIds = new Set<string>();
  m.threats.forEach((t, i) => {
    if (threatIds.has(t.id)) issues.push({ path: `threats.${i}.id`, message: `Duplicate threat id "${t.id}".` });
    threatIds.add(t.id);
    if (!elementIds.has(t.elementId))
      issues.push({ path: `threats.${i}.elementId`, message: `No element "${t.elementId}".` });
    if (t.title.trim() === '') issues.push({ path: `threats.${i}.title`, message: 'A threat needs a title.' });
  });
  return issues;
}

/** One stored version of a product's threat model. Frozen (immutable) once a newer version exists. */
export interface ThreatModelVersionInfo {
  readonly id: string;
  readonly productId: string;
  readonly version: number;
  readonly label: string;
  readonly releaseId: string | null;
  readonly elementCount: number;
  readonly threatCount: number;
  readonly frozenAt: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export interface ThreatModelVersion extends ThreatModelVersionInfo {
  readonly model: ThreatModel;
}
