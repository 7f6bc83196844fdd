/**
 * The vulnerability database each organisation's findings were computed with (`findings_basis`,
 * migration 0025; src/core/vulns/vulndb-basis.ts, ADR 0015 addendum "several nodes, several files").
 */
import type { BasisFeed, VulnDbBasis } from '../../core/vulns/vulndb-basis.js';
import type { Db } from '../database.js';

function toBasis(r: {
  log: string | null;
  seq: number | string;
  mark: string | null;
  feeds_json: string;
  node: string;
}): VulnDbBasis {
  return {
    log: r.log,
    seq: Number(r.seq),
    mark: r.mark,
    feeds: JSON.parse(r.feeds_json) as Record<string, BasisFeed>,
    node: r.node,
  };
}

/** The organisation's basis, or null when none was recorded yet. */
export async function findingsBasis(db: Db, organizationId: string): Promise<VulnDbBasis | null> {
  const row = await db
    .selectFrom('findings_basis')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row ? toBasis(row) : null;
}

/** Every organisation's basis (the findings monitor asks before it takes the lease). */
export async function allFindingsBases(db: Db): Promise<Map<string, VulnDbBasis>> {
  const rows = await db.selectFrom('findings_basis').selectAll().execute();
  return new Map(rows.map((r) => [r.organization_id, toBasis(r)]));
}

export async function saveFindingsBasis(
  db: Db,
  organizationId: string,
  basis: VulnDbBasis,
  at: string,
): Promise<void> {
  const values = {
    log: basis.log,
    seq: basis.seq,
    mark: basis.mark,
    feeds_json: JSON.stringify(basis.feeds),
    node: basis.node,
    recorded_at: at,
  };
  await db
    .insertInto('findings_basis')
    .values({ organization_id: organizationId, ...values })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
    .execute();
}

/**
 * The organisation's findings are to be brought to another database (`replaced` verdict): every
 * release analysis of it is marked to be done again as a whole (as `analyseEveryReleaseAgain` does
 * for the installation) and its refresh position is set to the new database's last change `head`
 * (the old log's position says nothing about the new one). Returns the number of releases marked.
 */
export async function analyseOrganizationAgain(
  db: Db,
  organizationId: string,
  head: number,
): Promise<number> {
  const marked = await db
    .updateTable('release_analyses')
    .set({ variants_recorded: 0 })
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  await db
    .updateTable('finding_state')
    .set({ last_seq: head })
    .where('organization_id', '=', organizationId)
    .execute();
  return Number(marked.numUpdatedRows);
}
