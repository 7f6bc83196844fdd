/**
 * Which vulnerability database an organisation's findings were computed with (ADR 0015, addendum
 * "several nodes, several files"), and whether another database may carry them on.
 *
 * Every server node reads its own vulnerability database file. With several nodes on one platform
 * database, a node whose file is older or smaller than the one the findings came from must not
 * analyse them again: every finding its file cannot confirm would turn `gone`, and come back as
 * `new` when a node with the full file takes over (QA pgadmin 1). So the platform database keeps,
 * per organisation, a `VulnDbBasis`: the database's change log (its first change), the change the
 * findings were computed at (and that change), what it held of each feed, and which node's file it
 * was; a node compares its own database with it before it analyses.
 *
 * Nothing is added to the vulnerability database file: its identity is read from what it holds.
 */
import { instantOf } from './record-dates.js';

/** What a database held of one feed (`osv:<Ecosystem>`, `nvd`, `jvn`, `kev`, `epss`). */
export interface BasisFeed {
  readonly records: number;
  /** The date of the feed's data (newest record `modified`, KEV catalog date, EPSS score date). */
  readonly newest: string | null;
}

/** A vulnerability database as the findings of an organisation were computed with it. */
export interface VulnDbBasis {
  /** The change log: a fingerprint of its first change (null: no change yet). */
  readonly log: string | null;
  /** The change the findings were computed at. */
  readonly seq: number;
  /** A fingerprint of that change (null: none), so a copy that went another way is told apart. */
  readonly mark: string | null;
  /** What the database held of each feed it held records of. */
  readonly feeds: Readonly<Record<string, BasisFeed>>;
  /** The node whose file it was: host name and file path. */
  readonly node: string;
}

/** A node's database, to compare with a basis: `markAtBasis` is its fingerprint of the basis's change. */
export interface CurrentVulnDb {
  readonly log: string | null;
  readonly head: number;
  readonly markAtBasis: string | null;
  readonly feeds: Readonly<Record<string, BasisFeed>>;
  readonly node: string;
}

/**
 * - `continues`: the same change log, at or after the basis's change: a refresh reads on from it.
 * - `replaced`: another database (another change log, or a copy that went another way) holding at
 *   least what the basis held, or any database that replaced the file on the node that computed the
 *   findings (`mamori feeds install`, `--force` to go back on purpose): every release is analysed
 *   again as a whole with it, as after a replaced file (addendum 2026-12-01).
 * - `behind`: another node's database that is older or smaller than the basis: it must not analyse
 *   (`reasons`, for people).
 */
export type BasisVerdict =
  | { readonly verdict: 'continues' }
  | { readonly verdict: 'replaced'; readonly older: readonly string[] }
  | { readonly verdict: 'behind'; readonly reasons: readonly string[] };

function later(a: string, b: string): boolean {
  const ta = instantOf(a);
  const tb = instantOf(b);
  return ta !== null && tb !== null && ta > tb;
}

/** What `current` lacks of `basis`: a feed it holds nothing of, older data of a feed, an earlier change of the same log. */
export function goingBackFrom(basis: VulnDbBasis, current: CurrentVulnDb): string[] {
  const out: string[] = [];
  if (basis.log !== null && basis.log === current.log && current.head < basis.seq)
    out.push(`change log at #${current.head}, the findings at #${basis.seq}`);
  for (const [feed, held] of Object.entries(basis.feeds).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (held.records === 0) continue;
    const here = current.feeds[feed];
    if (!here || here.records === 0) out.push(`${feed}: missing (${held.records} records)`);
    else if (held.newest !== null && (here.newest === null || later(held.newest, here.newest)))
      out.push(`${feed}: data of ${here.newest ?? 'unknown date'}, the findings' of ${held.newest}`);
  }
  return out;
}

/** Whether the node's database may carry on the findings computed with `basis` (see `BasisVerdict`). */
export function compareWithBasis(basis: VulnDbBasis, current: CurrentVulnDb): BasisVerdict {
  if (
    basis.log !== null &&
    basis.log === current.log &&
    current.head >= basis.seq &&
    current.markAtBasis === basis.mark
  )
    return { verdict: 'continues' };
  const older = goingBackFrom(basis, current);
  if (older.length === 0 || current.node === basis.node) return { verdict: 'replaced', older };
  return { verdict: 'behind', reasons: older };
}
