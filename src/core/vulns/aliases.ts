/**
 * One vulnerability, shown once with all its ids: records that name each other through `aliases`
 * or `upstream` (OSV schema "aliases field": "IDs for the same vulnerability in other databases";
 * "upstream field": ids this record is derived from) are merged by union-find over ids.
 *
 * `related` is NOT merged: the OSV schema says related ids are for "closely related" but different
 * vulnerabilities.
 *
 * Canonical id (deterministic, independent of input order): a `CVE-` id if the group has one, else
 * a `GHSA-` id, else any id; among several candidates of the preferred kind, the lexicographically
 * smallest (code-unit order). Ids are compared exactly as written (OSV ids are case-sensitive;
 * `GHSA-` suffixes are lower-case by convention).
 */
import type { Advisory } from './advisory.js';

export interface VulnerabilityGroup {
  /** The id the vulnerability is shown under. */
  readonly id: string;
  /** Every id of the group (record ids and ids only named in aliases/upstream), sorted. */
  readonly ids: readonly string[];
  /** The ids of the records in the group (the ones mamori holds), sorted. */
  readonly recordIds: readonly string[];
  /** The records of the group, in `recordIds` order. */
  readonly advisories: readonly Advisory[];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(id: string): number {
  if (id.startsWith('CVE-')) return 0;
  if (id.startsWith('GHSA-')) return 1;
  return 2;
}

/** The canonical id of a set of ids: prefer CVE, then GHSA, then the smallest. */
export function canonicalId(ids: Iterable<string>): string {
  let best: string | null = null;
  for (const id of ids) {
    if (best === null || rank(id) < rank(best) || (rank(id) === rank(best) && compareText(id, best) < 0)) best = id;
  }
  if (best === null) throw new Error('canonicalId needs at least one id');
  return best;
}

class UnionFind {
  private readonly parent = new Map<string, string>();

  find(x: string): string {
    let root = x;
    for (;;) {
      const p = this.parent.get(root);
      if (p === undefined) {
        this.parent.set(root, root);
        return root;
      }
      if (p === root) break;
      root = p;
    }
    // Path compression.
    let node = x;
    while (node !== root) {
      const next = this.parent.get(node)!;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // Deterministic: the smaller id becomes the root.
    if (compareText(ra, rb) < 0) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }

  keys(): IterableIterator<string> {
    return this.parent.keys();
  }
}

/** Groups advisories that name each other through `aliases`/`upstream`. Output sorted by canonical id. */
export function groupAliases(advisories: readonly Advisory[]): VulnerabilityGroup[] {
  const uf = new UnionFind();
  for (const a of advisories) {
    uf.find(a.id);
    for (const other of [...a.aliases, ...a.upstream]) if (other !== '') uf.union(a.id, other);
  }
  const members = new Map<string, Set<string>>();
  for (const id of [...uf.keys()]) {
    const root = uf.find(id);
    let set = members.get(root);
    if (!set) members.set(root, (set = new Set()));
    set.add(id);
  }
  const byRoot = new Map<string, Advisory[]>();
  for (const a of advisories) {
    const root = uf.find(a.id);
    let list = byRoot.get(root);
    if (!list) byRoot.set(root, (list = []));
    list.push(a);
  }
  const groups: VulnerabilityGroup[] = [];
  for (const [root, records] of byRoot) {
    const ids = [...members.get(root)!].sort(compareText);
    // Several records with the same id (e.g. two copies): keep them all, ordered by id then modified.
    const sorted = [...records].sort((x, y) => compareText(x.id, y.id) || compareText(x.modified, y.modified));
    groups.push({
      id: canonicalId(ids),
      ids,
      recordIds: [...new Set(sorted.map((r) => r.id))],
      advisories: sorted,
    });
  }
  return groups.sort((a, b) => compareText(a.id, b.id));
}
