/**
 * What changed between two versions of a threat model: model fields, diagrams, elements and threats,
 * matched by id (ids are kept when a new version is made). Layout-only changes (position, size,
 * vertices) are reported separately from content changes.
 */
import { canonicalJson } from '../canonical-json.js';
import type { Element, Threat, ThreatModel } from './model.js';

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ItemChange {
  readonly id: string;
  readonly name: string;
  readonly changes: readonly FieldChange[];
}

export interface CollectionDiff {
  readonly added: readonly { readonly id: string; readonly name: string }[];
  readonly removed: readonly { readonly id: string; readonly name: string }[];
  readonly changed: readonly ItemChange[];
}

export interface ThreatModelDiff {
  readonly model: readonly FieldChange[];
  readonly diagrams: CollectionDiff;
  readonly elements: CollectionDiff;
  readonly threats: CollectionDiff;
  /** Elements whose only changes are position, size or vertices. */
  readonly moved: readonly string[];
  readonly unchanged: boolean;
}

const layoutFields = new Set(['position', 'size', 'vertices']);

function fieldChanges<T extends object>(a: T, b: T, skip: readonly string[]): FieldChange[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.includes(k)).sort();
  const out: FieldChange[] = [];
  for (const k of keys) {
    const before = (a as Record<string, unknown>)[k];
    const after = (b as Record<string, unknown>)[k];
    if (canonicalJson(before ?? null) !== canonicalJson(after ?? null)) out.push({ field: k, before: before ?? null, after: after ?? null });
  }
  return out;
}

function diffCollection<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  name: (t: T) => string,
  skip: readonly string[],
): CollectionDiff & { changedAll: ItemChange[] } {
  const a = new Map(before.map((x) => [x.id, x]));
  const b = new Map(after.map((x) => [x.id, x]));
  const added = after.filter((x) => !a.has(x.id)).map((x) => ({ id: x.id, name: name(x) }));
  const removed = before.filter((x) => !b.has(x.id)).map((x) => ({ id: x.id, name: name(x) }));
  const changedAll: ItemChange[] = [];
  for (const x of after) {
    const old = a.get(x.id);
    if (!old) continue;
    const changes = fieldChanges(old, x, skip);
    if (changes.length > 0) changedAll.push({ id: x.id, name: name(x), changes });
  }
  return { added, removed, changed: changedAll, changedAll };
}

export function diffThreatModels(before: ThreatModel, after: ThreatModel): ThreatModelDiff {
  const model = fieldChanges(before, after, ['diagrams', 'elements', 'threats', 'raw']);
  const diagrams = diffCollection(before.diagrams, after.diagrams, (d) => d.title, ['raw']);
  const el = diffCollection<Element>(before.elements, after.elements, (e) => e.name, ['raw']);
  const moved = el.changedAll.filter((c) => c.changes.every((f) => layoutFields.has(f.field))).map((c) => c.id);
  const elements: CollectionDiff = {
    added: el.added,
    removed: el.removed,
    changed: el.changedAll.filter((c) => !moved.includes(c.id)).map((c) => ({ ...c, changes: c.changes.filter((f) => !layoutFields.has(f.field)) })),
  };
  const th = diffCollection<Threat>(before.threats, after.threats, (t) => t.title, ['raw']);
  const threats: CollectionDiff = { added: th.added, removed: th.removed, changed: th.changed };
  const unchanged =
    model.length === 0 &&
    [diagrams, elements, threats].every((d) => d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0) &&
    moved.length === 0;
  return {
    model,
    diagrams: { added: diagrams.added, removed: diagrams.removed, changed: diagrams.changed },
    elements,
    threats,
    moved,
    unchanged,
  };
}
