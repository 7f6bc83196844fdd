/**
 * STRIDE per element (Microsoft SDL threat modelling; IEC 81001-5-1 Annex C.8): which of the six
 * categories apply to which element kind. External entities can be spoofed and can repudiate; processes
 * are exposed to all six; data stores and data flows to tampering, information disclosure and denial of
 * service, and a data store that is a log also to repudiation. Assets and entry points are mamori's
 * additions: an asset is treated like a data store, an entry point like a process's exposed interface.
 */
import type { Element, ElementKind, Threat } from './model.js';

export const strideCategories = [
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
] as const;
export type StrideCategory = (typeof strideCategories)[number];

/** The category names as Threat Dragon writes them in `threats[].type`. */
export const strideThreatDragonNames: Record<StrideCategory, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  information_disclosure: 'Information disclosure',
  denial_of_service: 'Denial of service',
  elevation_of_privilege: 'Elevation of privilege',
};

export const strideLabels: Record<StrideCategory, { en: string; ja: string }> = {
  spoofing: { en: 'Spoofing', ja: 'なりすまし' },
  tampering: { en: 'Tampering', ja: '改ざん' },
  repudiation: { en: 'Repudiation', ja: '否認' },
  information_disclosure: { en: 'Information disclosure', ja: '情報漏えい' },
  denial_of_service: { en: 'Denial of service', ja: 'サービス拒否' },
  elevation_of_privilege: { en: 'Elevation of privilege', ja: '権限昇格' },
};

const perKind: Record<ElementKind, readonly StrideCategory[]> = {
  actor: ['spoofing', 'repudiation'],
  process: strideCategories,
  store: ['tampering', 'information_disclosure', 'denial_of_service'],
  flow: ['tampering', 'information_disclosure', 'denial_of_service'],
  boundary: [],
  asset: ['tampering', 'information_disclosure', 'denial_of_service'],
  entry_point: ['spoofing', 'tampering', 'denial_of_service', 'elevation_of_privilege'],
  text: [],
};

export function strideFor(element: Pick<Element, 'kind' | 'properties'>): StrideCategory[] {
  const base = [...perKind[element.kind]];
  if (element.kind === 'store' && element.properties.isALog === true) base.splice(1, 0, 'repudiation');
  return base;
}

/** Maps a free-form category name ("Information disclosure", "DoS", "information_disclosure") to STRIDE. */
export function toStrideCategory(name: string): StrideCategory | null {
  const key = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if ((strideCategories as readonly string[]).includes(key)) return key as StrideCategory;
  const alias: Record<string, StrideCategory> = { dos: 'denial_of_service', eop: 'elevation_of_privilege', info_disclosure: 'information_disclosure' };
  return alias[key] ?? null;
}

export interface StrideSuggestion {
  readonly elementId: string;
  readonly elementName: string;
  readonly category: StrideCategory;
}

/**
 * The STRIDE categories each in-scope element is exposed to and that no STRIDE threat of that element
 * covers yet: the worklist an analyst goes through.
 */
export function strideGaps(elements: readonly Element[], threats: readonly Threat[]): StrideSuggestion[] {
  const covered = new Set(threats.filter((t) => t.method === 'stride').map((t) => `${t.elementId}\u0000${t.category}`));
  const out: StrideSuggestion[] = [];
  for (const e of elements) {
    if (e.outOfScope) continue;
    for (const category of strideFor(e))
      if (!covered.has(`${e.id}\u0000${category}`)) out.push({ elementId: e.id, elementName: e.name, category });
  }
  return out;
}
