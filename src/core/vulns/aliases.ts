/**
 * One vulnerability, shown once with all its ids: records that name each other through `aliases`
 * (OSV schema "aliases field": "IDs for the same vulnerability in other databases") are merged by
 * union-find over ids, and so are the `upstream` ids that cannot name another vulnerability
 * (`upstreamAliases`; docs/adr/0010-vulnerability-database.md, addendum 10).
 *
 * `related` is NOT merged: the OSV schema says related ids are for "closely related" but different
 * vulnerabilities. Nor is an `upstream` list that names several vulnerabilities: OSV's `upstream`
 * (schema 1.7) lists the upstream vulnerabilities a record refers to and is based on, such as the
 * seven cmark-gfm CVEs of RSEC-2023-8 or the CVEs a Debian DSA fixes, not other names of its own.
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
  /** Every id of the group (record ids and ids only named as aliases, `advisoryAliases`), sorted. */
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

/** The kind of an id: the text before its first `-` (`CVE`, `GHSA`, `EUVD`, `UBUNTU`), else the id. */
function idKind(id: string): string {
  const dash = id.indexOf('-');
  return dash === -1 ? id : id.slice(0, dash);
}

/**
 * The ids of a record's `upstream` list (or of the CVE list of a JVN record) that name the record's
 * own vulnerability, and so are aliases: all of them when the list names at most one id of each kind
 * (`[CVE-2023-1234]` of UBUNTU-CVE-2023-1234; `[CVE-2023-22742, EUVD-2023-26860]` of JLSEC-2025-184:
 * one vulnerability in two databases) and the record's own id and aliases name no CVE other than
 * the list's; else none: the list names several vulnerabilities the record is related to
 * (RSEC-2023-8: seven cmark-gfm CVEs; a Debian DSA; JVNDB-2022-000097: three CVEs). So these edges
 * never put two CVE ids into one group that the record's own id and aliases do not.
 */
export function upstreamAliases(id: string, aliases: readonly string[], upstream: readonly string[]): string[] {
  const ids = [...new Set(upstream.filter((x) => x !== ''))];
  const kinds = new Set<string>();
  for (const x of ids) {
    const kind = idKind(x);
    if (kinds.has(kind)) return [];
    kinds.add(kind);
  }
  const cve = ids.find((x) => idKind(x) === 'CVE');
  if (cve !== undefined && [id, ...aliases].some((x) => idKind(x) === 'CVE' && x !== cve)) return [];
  return ids;
}

/** The ids an OSV record says are its own vulnerability: `aliases` and `upstreamAliases`, in record order, none empty. */
export function advisoryAliases(a: Pick<Advisory, 'id' | 'aliases' | 'upstream'>): string[] {
  return [...a.aliases, ...upstreamAliases(a.id, a.aliases, a.upstream)].filter((x) => x !== '');
}

/** The `upstream` ids of an OSV record that are not its aliases (`upstreamAliases`): related vulnerabilities. */
export function relatedUpstream(a: Pick<Advisory, 'id' | 'aliases' | 'upstream'>): string[] {
  const same = new Set(advisoryAliases(a));
  return a.upstream.filter((x) => x !== '' && x !== a.id && !same.has(x));
}

/** The CVE ids of a JVN record that are not its alias (several of them, `upstreamAliases`): related vulnerabilities. */
export function relatedCves(id: string, cves: readonly string[]): string[] {
  return relatedUpstream({ id, aliases: [], upstream: cves });
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

/** Groups advisories that name each other through `advisoryAliases`. Output sorted by canonical id. */
export function groupAliases(advisories: readonly Advisory[]): VulnerabilityGroup[] {
  const uf = new UnionFind();
  for (const a of advisories) {
    uf.find(a.id);
    for (const other of advisoryAliases(a)) uf.union(a.id, other);
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
