/**
 * The triage decision that applies to each of a list of findings (own, carried forward from an
 * earlier release of the product, or component-wide: core/triage/carry-forward.ts), read with one
 * query for the decisions and one for the release order, whatever the number of findings. The
 * triage queue adds priority and clocks on top (triage.ts); the findings list shows the decision
 * beside each finding (findings.ts).
 */
import { effectiveDecision, type DecisionOrigin } from '../core/triage/carry-forward.js';
import type { Db } from '../store/database.js';
import type { FindingRecord } from '../store/repositories/findings.js';
import { decisionsForVulnerabilities, releaseOrders, type TriageDecisionRecord } from '../store/repositories/triage.js';

export interface AppliedDecision {
  readonly decision: TriageDecisionRecord;
  readonly origin: DecisionOrigin;
}

export interface FindingDecisions {
  /** Same order as the findings; null: no decision applies (undecided). */
  readonly applied: readonly (AppliedDecision | null)[];
  readonly productOfRelease: ReadonlyMap<string, string>;
  readonly orders: ReadonlyMap<string, { productId: string; order: number; version: string }>;
}

export async function findingDecisions(
  db: Db,
  organizationId: string,
  findings: readonly Pick<FindingRecord, 'id' | 'releaseId' | 'packageKey' | 'componentVersion' | 'vulnerabilityId'>[],
): Promise<FindingDecisions> {
  if (findings.length === 0) return { applied: [], productOfRelease: new Map(), orders: new Map() };
  const releaseRows = await db.selectFrom('releases').select(['id', 'product_id']).where('organization_id', '=', organizationId).where('id', 'in', [...new Set(findings.map((f) => f.releaseId))]).execute();
  const productOfRelease = new Map(releaseRows.map((r) => [r.id, r.product_id]));
  const decisions = await decisionsForVulnerabilities(db, organizationId, findings.map((f) => f.vulnerabilityId));
  const productIds = [...new Set([...productOfRelease.values(), ...decisions.flatMap((d) => (d.productId ? [d.productId] : []))])];
  const orders = await releaseOrders(db, organizationId, productIds);
  const keyed = decisions.map((d) => ({ ...d, releaseOrder: d.releaseId ? (orders.get(d.releaseId)?.order ?? null) : null }));
  const byVulnerability = new Map<string, typeof keyed>();
  for (const d of keyed) {
    const list = byVulnerability.get(d.vulnerabilityId);
    if (list) list.push(d);
    else byVulnerability.set(d.vulnerabilityId, [d]);
  }
  const applied = findings.map((f): AppliedDecision | null => {
    const chosen = effectiveDecision(
      { id: f.id, productId: productOfRelease.get(f.releaseId) ?? '', releaseOrder: orders.get(f.releaseId)?.order ?? 0, packageKey: f.packageKey, componentVersion: f.componentVersion, vulnerabilityId: f.vulnerabilityId },
      byVulnerability.get(f.vulnerabilityId) ?? [],
    );
    if (!chosen) return null;
    const { releaseOrder, ...decision } = chosen.decision;
    void releaseOrder;
    return { decision, origin: chosen.origin };
  });
  return { applied, productOfRelease, orders };
}
