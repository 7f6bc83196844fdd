/**
 * Assessments of catalog entries, and the "assess once, report many" rule that carries one
 * assessment through the crosswalks to every entry it satisfies in every catalog.
 *
 * An assessment is recorded against one entry (`catalog@version#entry`) for one scope: a product,
 * or the organisation (for organisation-level requirements). The effective status of an entry in a
 * scope is decided by these rules, applied until nothing changes (a fixpoint; every rule only ever
 * raises a status, so it ends):
 *
 *  1. direct    — an assessment recorded on the entry itself always wins, whatever it says.
 *  2. crosswalk — otherwise, every crosswalk link on the entry or one of its ancestors whose other
 *                 end asks for at least as much (the entry is `equal` to or a `subset` of it; read
 *                 from the other end: the other end is `equal` or a `superset`) passes the other
 *                 end's effective status on. `intersect` and `superset`-from-this-side links never
 *                 propagate: the other end does not cover all of this entry. The highest status
 *                 among all such links is taken (one satisfying source is enough).
 *  3. rollup    — an entry with children (and no direct assessment) takes the lowest status of its
 *                 applicable children once every one of them has a status. Children marked not
 *                 applicable are left out.
 *  Only these statuses — each standing on a real assessment — pass through crosswalks. Afterwards,
 *  a heading with some applicable children assessed and some not gets a *partial* roll-up for
 *  display (the lowest status, an unassessed child counting as not started; `complete: false`).
 *  A partial roll-up passes through no link and is not an assessment: otherwise a heading's "not
 *  started", made only of its own unassessed children, would come back to those very children
 *  through an `equal` link (IEC Clause 4 ↔ 0523 item 1) and make them look assessed.
 *  4. inherited — an entry takes a direct assessment recorded on its nearest assessed ancestor (so
 *                 "clause 8 is implemented" also marks its subclauses).
 *  The highest of rules 2–4 applies. `not_applicable` never propagates: that an entry does not
 *  apply to a product says nothing about the entries it maps to.
 *
 * Evidence follows the same links: the evidence of an entry is its own, plus the evidence of every
 * entry that covers it (rule 2, transitively), plus the evidence of its descendants.
 */
import { catalogKey, type Catalog, type CatalogEntry, type Localized } from './catalog.js';
import { linksOf, refKey, type Crosswalk, type EntryRef, type Relation } from './crosswalk.js';

export const assessmentStatuses = ['not_started', 'in_progress', 'implemented', 'verified', 'not_applicable'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

/** Statuses an entry can progress through; `not_applicable` stands outside the order. */
export type ProgressStatus = Exclude<AssessmentStatus, 'not_applicable'>;
const rank: Record<ProgressStatus, number> = { not_started: 0, in_progress: 1, implemented: 2, verified: 3 };
const byRank: readonly ProgressStatus[] = ['not_started', 'in_progress', 'implemented', 'verified'];

export function statusRank(s: ProgressStatus): number {
  return rank[s];
}

/** Statuses that count as done for gap analysis. */
export function isDone(s: AssessmentStatus | null): boolean {
  return s === 'implemented' || s === 'verified';
}

/** Who an assessment belongs to: one product, or the organisation as a whole. */
export type AssessmentScope = { readonly type: 'product'; readonly productId: string } | { readonly type: 'organization' };

export interface Assessment {
  readonly id: string;
  readonly productId: string | null;
  /** `id@version` of the catalog. */
  readonly catalog: string;
  readonly entry: string;
  readonly status: AssessmentStatus;
  /** Required when status is `not_applicable`: why the entry does not apply. */
  readonly justification: string;
  readonly owner: string;
  /** `YYYY-MM-DD` or null. */
  readonly dueDate: string | null;
  readonly notes: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AssessmentInput {
  readonly status: AssessmentStatus;
  readonly justification: string;
  readonly owner: string;
  readonly dueDate: string | null;
  readonly notes: string;
}

export const assessmentLimits = { justification: 4000, owner: 200, notes: 10_000 };

/** Rules beyond the contract's shape: a not-applicable entry needs its reason. */
export function assessmentIssues(input: AssessmentInput): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (input.status === 'not_applicable' && input.justification.trim() === '')
    issues.push({ path: 'justification', message: 'Say why the entry does not apply (required when not applicable).' });
  if (input.dueDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate))
    issues.push({ path: 'dueDate', message: 'Use the form YYYY-MM-DD.' });
  return issues;
}

/** Where an effective status comes from. */
export type StatusSource =
  | { readonly type: 'direct'; readonly assessmentId: string }
  | { readonly type: 'crosswalk'; readonly from: string; readonly relation: Relation }
  | { readonly type: 'rollup'; /** False when some applicable children are not assessed: shown, never propagated. */ readonly complete: boolean }
  | { readonly type: 'inherited'; readonly from: string }
  /** Set by the conformity route; the reason wholly in each language. */
  | { readonly type: 'route'; readonly reason: Localized }
  /** Answered by a workflow record (the Annex F workflow answers F.2–F.4: annex-f.ts); the reason wholly in each language. */
  | { readonly type: 'workflow'; readonly reason: Localized };

/** A status an entry is given from outside the assessments (the route, a workflow), with its reason in each language. */
export interface ForcedStatus {
  readonly status: AssessmentStatus;
  readonly reason: Localized;
  readonly by?: 'route' | 'workflow';
}

export interface EffectiveStatus {
  readonly status: AssessmentStatus;
  readonly source: StatusSource;
  /** The assessment that decided it, directly or through a link (null for a rollup). */
  readonly assessment: Assessment | null;
}

interface Node {
  readonly key: string;
  readonly catalog: Catalog;
  readonly entry: CatalogEntry;
  readonly children: readonly string[];
  /** Ancestor keys, nearest first. */
  readonly ancestors: readonly string[];
  /** Other ends that fully cover this entry itself (links on the entry, not on an ancestor). */
  readonly ownCoveredBy: readonly { key: string; relation: Relation }[];
  /** Other ends (keys) that fully cover this entry or an ancestor, with the relation read from this side. */
  readonly coveredBy: readonly { key: string; relation: Relation }[];
}

/** The graph of entries and covering links for a set of catalogs. */
export interface CoverageGraph {
  readonly nodes: ReadonlyMap<string, Node>;
}

export function buildCoverageGraph(catalogs: readonly Catalog[], crosswalks: readonly Crosswalk[]): CoverageGraph {
  const nodes = new Map<string, Node>();
  for (const catalog of catalogs) {
    const ck = catalogKey(catalog);
    const ids = new Set(catalog.entries.map((e) => e.id));
    const children = new Map<string, string[]>();
    for (const e of catalog.entries)
      if (e.parent !== null && ids.has(e.parent)) {
        const list = children.get(e.parent) ?? [];
        list.push(refKey({ catalog: ck, entry: e.id }));
        children.set(e.parent, list);
      }
    const own = new Map<string, { key: string; relation: Relation }[]>();
    for (const l of linksOf(ck, crosswalks)) {
      if (l.relation !== 'equal' && l.relation !== 'subset') continue;
      const list = own.get(l.self.entry) ?? [];
      list.push({ key: refKey(l.other), relation: l.relation });
      own.set(l.self.entry, list);
    }
    const byId = new Map(catalog.entries.map((e) => [e.id, e]));
    for (const e of catalog.entries) {
      const coveredBy: { key: string; relation: Relation }[] = [];
      const ancestors: string[] = [];
      const seen = new Set<string>();
      let cur: CatalogEntry | undefined = e;
      while (cur && !seen.has(cur.id)) {
        seen.add(cur.id);
        if (cur !== e) ancestors.push(refKey({ catalog: ck, entry: cur.id }));
        coveredBy.push(...(own.get(cur.id) ?? []));
        cur = cur.parent === null ? undefined : byId.get(cur.parent);
      }
      const key = refKey({ catalog: ck, entry: e.id });
      const ownCoveredBy = coveredBy.slice(0, (own.get(e.id) ?? []).length);
      nodes.set(key, { key, catalog, entry: e, children: children.get(e.id) ?? [], ancestors, ownCoveredBy, coveredBy });
    }
  }
  return { nodes };
}

/**
 * The effective status of every entry of the graph for one scope, from the assessments recorded in
 * that scope (keyed by `catalog#entry`) and entries forced by the route (e.g. Annex F under the full
 * route). Entries with no status at all are absent from the result.
 */
export function effectiveStatuses(
  graph: CoverageGraph,
  direct: ReadonlyMap<string, Assessment>,
  forced: ReadonlyMap<string, ForcedStatus> = new Map(),
): Map<string, EffectiveStatus> {
  const out = new Map<string, EffectiveStatus>();
  for (const [key, a] of direct)
    if (graph.nodes.has(key)) out.set(key, { status: a.status, source: { type: 'direct', assessmentId: a.id }, assessment: a });
  for (const [key, f] of forced)
    if (graph.nodes.has(key) && !out.has(key))
      out.set(key, { status: f.status, source: { type: f.by ?? 'route', reason: f.reason }, assessment: null });
  // A not-applicable ancestor (direct or forced) makes its whole subtree not applicable.
  for (const [key, node] of graph.nodes) {
    if (out.has(key)) continue;
    const up = node.ancestors.find((a) => direct.has(a) || forced.has(a));
    if (up === undefined) continue;
    const a = direct.get(up);
    const status = a ? a.status : forced.get(up)!.status;
    if (status === 'not_applicable') out.set(key, { status, source: { type: 'inherited', from: up }, assessment: a ?? null });
  }
  const fixed = new Set(out.keys());
  const keys = [...graph.nodes.keys()].sort();
  for (let round = 0; round < 1000; round++) {
    let changed = false;
    for (const key of keys) {
      if (fixed.has(key)) continue;
      const node = graph.nodes.get(key)!;
      let best: EffectiveStatus | undefined;
      const consider = (c: EffectiveStatus) => {
        if (c.status === 'not_applicable') return;
        if (!best || rank[c.status] > rank[best.status as ProgressStatus]) best = c;
      };
      for (const link of node.coveredBy) {
        const other = out.get(link.key);
        if (other && other.status !== 'not_applicable')
          consider({ status: other.status, source: { type: 'crosswalk', from: link.key, relation: link.relation }, assessment: other.assessment });
      }
      const up = node.ancestors.find((a) => direct.has(a));
      if (up !== undefined) {
        const a = direct.get(up)!;
        consider({ status: a.status, source: { type: 'inherited', from: up }, assessment: a });
      }
      // Only a complete roll-up (every applicable child has a status) stands on assessments; a
      // partial one is added afterwards, for display only, and is never carried through a link.
      const rolled = rollup(graph, out, node, false);
      if (rolled) consider(rolled);
      const prev = out.get(key);
      if (best && (!prev || rank[best.status as ProgressStatus] > rank[prev.status as ProgressStatus])) {
        out.set(key, best);
        changed = true;
      }
    }
    if (!changed) break;
  }
  // Partial roll-ups: a heading some of whose children are assessed shows the lowest of them, an
  // unassessed child counting as not started. This is what the heading looks like, not an
  // assessment: it passes through no crosswalk (that would carry "not started" back to the very
  // unassessed children it was rolled up from) and makes no entry assessed.
  const grounded = new Set(out.keys());
  for (let round = 0; round < 1000; round++) {
    let changed = false;
    for (const key of keys) {
      if (grounded.has(key)) continue;
      const node = graph.nodes.get(key)!;
      const rolled = rollup(graph, out, node, true);
      const prev = out.get(key);
      if (rolled && (!prev || rank[rolled.status as ProgressStatus] > rank[prev.status as ProgressStatus])) {
        out.set(key, rolled);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return out;
}

/**
 * The roll-up of an entry's applicable children (rule 3): the lowest of their statuses. With
 * `partial` false, only when every applicable child has a status; with `partial` true, as soon as
 * one has, an unassessed child counting as not started. None when every child is not applicable.
 */
function rollup(graph: CoverageGraph, out: ReadonlyMap<string, EffectiveStatus>, node: Node, partial: boolean): EffectiveStatus | undefined {
  if (node.children.length === 0) return undefined;
  let min: number | null = null;
  let assessed = 0;
  let applicable = 0;
  for (const c of node.children) {
    if (!graph.nodes.has(c)) continue;
    const s = out.get(c);
    if (s?.status === 'not_applicable') continue;
    applicable += 1;
    if (s) assessed += 1;
    const r = s ? rank[s.status] : 0;
    min = min === null ? r : Math.min(min, r);
  }
  if (applicable === 0 || min === null || assessed === 0) return undefined;
  if (!partial && assessed < applicable) return undefined;
  return { status: byRank[min]!, source: { type: 'rollup', complete: assessed === applicable }, assessment: null };
}

/**
 * Whether an effective status stands on assessments: anything but a partial roll-up (a heading
 * some of whose children are not assessed yet).
 */
export function isAssessed(s: EffectiveStatus | undefined): s is EffectiveStatus {
  return s !== undefined && !(s.source.type === 'rollup' && !s.source.complete);
}

/**
 * The entries whose evidence counts for `key`: itself and its descendants; its ancestors (evidence
 * for a whole clause); every entry that covers it through a link on the entry itself, with that
 * entry's descendants (a JP item equal to IEC Clause 7 counts all evidence under Clause 7); and every
 * entry that covers one of its ancestors, without descendants (those may belong to siblings). Applied
 * transitively. Sorted.
 */
export function evidenceSources(graph: CoverageGraph, key: string): string[] {
  const seen = new Map<string, boolean>();
  const visit = (k: string, descend: boolean) => {
    const prev = seen.get(k);
    if (prev === true || (prev === false && !descend)) return;
    const node = graph.nodes.get(k);
    if (!node) return;
    seen.set(k, descend);
    if (descend) for (const c of node.children) visit(c, true);
    for (const l of node.ownCoveredBy) visit(l.key, descend);
    for (const a of node.ancestors) visit(a, false);
    for (const l of node.coveredBy) if (!node.ownCoveredBy.includes(l)) visit(l.key, false);
  };
  visit(key, true);
  return [...seen.keys()].sort();
}

/**
 * The entries an assessment recorded on `ref` reaches through the links, other than `ref` itself
 * (what "assess once, report many" writes into the other catalogs' reports). Sorted.
 */
export function propagationTargets(graph: CoverageGraph, ref: EntryRef): string[] {
  const start = refKey(ref);
  const probe = new Map<string, Assessment>([
    [
      start,
      {
        id: 'probe', productId: null, catalog: ref.catalog, entry: ref.entry, status: 'verified', justification: '',
        owner: '', dueDate: null, notes: '', createdAt: '', updatedAt: '',
      },
    ],
  ]);
  const reached = effectiveStatuses(graph, probe);
  return [...reached.entries()]
    .filter(([k, s]) => k !== start && s.status === 'verified' && s.source.type === 'crosswalk')
    .map(([k]) => k)
    .sort();
}
