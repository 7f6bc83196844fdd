/**
 * The node's vulnerability database against the one an organisation's findings were computed with
 * (src/core/vulns/vulndb-basis.ts; ADR 0015, addendum "several nodes, several files").
 *
 * The database's identity is read from what it holds, so the file's schema is not touched: the change
 * log is named by a fingerprint of its first change (its number and the time the import wrote it: a
 * copy of the file keeps it, a database built anew has another), the position by a fingerprint of
 * the change at it (a copy that was imported into elsewhere has another change there), and what it holds by its feed
 * states (records and date of the data per feed, src/vulndb/feed-states.ts).
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { err, ok, type Result } from '../core/result.js';
import {
  compareWithBasis,
  type BasisFeed,
  type BasisVerdict,
  type CurrentVulnDb,
  type VulnDbBasis,
} from '../core/vulns/vulndb-basis.js';
import type { Db } from '../store/database.js';
import {
  allFindingsBases,
  analyseOrganizationAgain,
  findingsBasis,
  saveFindingsBasis,
} from '../store/repositories/findings-basis.js';
import type { AdvisoryChange, VulnDbReader } from '../vulndb/reader.js';
import type { ServiceContext } from './context.js';
import type { VulnDbSource } from './vulndb-source.js';

/** The node a database file belongs to: this host and the file's absolute path. */
export function vulnDbNode(source: Pick<VulnDbSource, 'path'>): string {
  return `${os.hostname()}:${path.resolve(source.path)}`;
}

/** The host of a node (`vulnDbNode`), without its file's path: what roles other than admin are told. */
export function nodeHost(node: string): string {
  return node.replace(/:.*$/s, '');
}

function fingerprint(c: AdvisoryChange | undefined): string | null {
  if (!c) return null;
  // The number and time of the change (written by the import, to the millisecond): what the copies
  // of one file share and a database built anew, or a copy imported into elsewhere, does not.
  return createHash('sha256').update(`${c.seq}\u0000${c.at}`).digest('hex').slice(0, 32);
}

/** The change at `seq` (or the first one after it, when the log has a gap there). */
function changeAt(reader: VulnDbReader, seq: number): AdvisoryChange | undefined {
  return seq > 0 ? reader.changesSince(seq - 1, 1)[0] : undefined;
}

function feedsOf(reader: VulnDbReader): Record<string, BasisFeed> {
  const out: Record<string, BasisFeed> = {};
  for (const f of reader.feedStates?.() ?? [])
    if (f.records > 0) out[f.feed] = { records: f.records, newest: f.newest };
  return out;
}

/** The node's database as a basis of findings computed at change `seq`. */
export function basisOf(reader: VulnDbReader, node: string, seq: number): VulnDbBasis {
  return {
    log: fingerprint(changeAt(reader, 1)),
    seq,
    mark: fingerprint(changeAt(reader, seq)),
    feeds: feedsOf(reader),
    node,
  };
}

function currentFor(reader: VulnDbReader, node: string, basis: VulnDbBasis): CurrentVulnDb {
  const head = reader.lastSeq();
  return {
    log: fingerprint(changeAt(reader, 1)),
    head,
    markAtBasis: basis.seq <= head ? fingerprint(changeAt(reader, basis.seq)) : null,
    feeds: feedsOf(reader),
    node,
  };
}

/** The verdict on the node's database for one recorded basis. */
export function verdictFor(reader: VulnDbReader, node: string, basis: VulnDbBasis): BasisVerdict {
  return compareWithBasis(basis, currentFor(reader, node, basis));
}

/** What people read when the node's database is behind: the reasons, joined. */
export function behindText(reasons: readonly string[]): string {
  return reasons.join('; ');
}

/**
 * Before the organisation's findings are analysed with the node's database: refused
 * (`vulndb.behind`) when the database is another node's, older or smaller than the one they were
 * computed with; when it replaced that one, every release of the organisation is marked to be
 * analysed again as a whole (and the refresh position moves to the database's last change).
 */
export async function prepareFindingsBasis(
  ctx: ServiceContext,
  source: VulnDbSource,
  reader: VulnDbReader,
  organizationId: string,
): Promise<Result<BasisVerdict | null>> {
  const basis = await findingsBasis(ctx.store.db, organizationId);
  if (!basis) return ok(null);
  const node = vulnDbNode(source);
  const verdict = verdictFor(reader, node, basis);
  if (verdict.verdict === 'behind') {
    // The files' paths (this node's and the one in the basis node) are for admins only.
    const text = (self: string, basisNode: string) =>
      `This node's vulnerability database${self} is behind the one the findings were computed with (${basisNode}, change #${basis.seq}): ${behindText(verdict.reasons)}. Every node must use the same vulnerability database file (mamori feeds install of the same file, or one shared path); nothing was analysed.`;
    return err('vulndb.behind', text(` (${source.path})`, basis.node), {
      details: { path: source.path, basisNode: basis.node, basisSeq: basis.seq, reasons: verdict.reasons },
      withoutServerPaths: {
        message: text('', nodeHost(basis.node)),
        details: { basisNode: nodeHost(basis.node), basisSeq: basis.seq, reasons: verdict.reasons },
      },
    });
  }
  if (verdict.verdict === 'replaced')
    await analyseOrganizationAgain(ctx.store.db, organizationId, reader.lastSeq());
  return ok(verdict);
}

/** Records that the organisation's findings are now computed with the node's database at `seq`. */
export async function recordFindingsBasis(
  db: Db,
  source: VulnDbSource,
  reader: VulnDbReader,
  organizationId: string,
  seq: number,
  at: string,
): Promise<void> {
  await saveFindingsBasis(db, organizationId, basisOf(reader, vulnDbNode(source), seq), at);
}

/**
 * The organisations whose findings the node's database must not analyse (another node's database,
 * older or smaller), with why; empty when it may analyse them all.
 */
export async function organizationsAheadOf(
  db: Db,
  source: VulnDbSource,
  reader: VulnDbReader,
): Promise<{ organizationId: string; basisNode: string; reasons: readonly string[] }[]> {
  const node = vulnDbNode(source);
  const out: { organizationId: string; basisNode: string; reasons: readonly string[] }[] = [];
  for (const [organizationId, basis] of await allFindingsBases(db)) {
    const v = verdictFor(reader, node, basis);
    if (v.verdict === 'behind') out.push({ organizationId, basisNode: basis.node, reasons: v.reasons });
  }
  return out;
}
