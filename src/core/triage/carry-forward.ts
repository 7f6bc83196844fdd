/**
 * Which triage decision applies to a finding (docs/clinical-impact.md, "Carry-forward"):
 * 1. the newest decision made on the finding itself;
 * 2. else the newest of
 *    - a decision made on a finding of an EARLIER release of the same product for the same package,
 *      component version and vulnerability (carried forward while they are unchanged; a version
 *      change breaks the chain because the key includes the version), and
 *    - a component-scoped decision for the same package, version and vulnerability (all products).
 * "Newest" is by sequence number (append order). Pure.
 */
export interface DecisionKey {
  readonly scope: 'finding' | 'component';
  readonly findingId: string | null;
  readonly productId: string | null;
  /** Position of the decision's release among the product's releases (created order); null for component scope. */
  readonly releaseOrder: number | null;
  readonly packageKey: string;
  readonly componentVersion: string;
  readonly vulnerabilityId: string;
  readonly seq: number;
}

export interface FindingKey {
  readonly id: string;
  readonly productId: string;
  readonly releaseOrder: number;
  readonly packageKey: string;
  readonly componentVersion: string;
  readonly vulnerabilityId: string;
}

export type DecisionOrigin = 'own' | 'carried' | 'component';

export function effectiveDecision<D extends DecisionKey>(finding: FindingKey, decisions: readonly D[]): { decision: D; origin: DecisionOrigin } | null {
  let own: D | null = null;
  let inherited: { decision: D; origin: DecisionOrigin } | null = null;
  for (const d of decisions) {
    if (d.scope === 'finding' && d.findingId === finding.id) {
      if (!own || d.seq > own.seq) own = d;
      continue;
    }
    const same = d.packageKey === finding.packageKey && d.componentVersion === finding.componentVersion && d.vulnerabilityId === finding.vulnerabilityId;
    if (!same) continue;
    let origin: DecisionOrigin | null = null;
    if (d.scope === 'component') origin = 'component';
    else if (d.productId === finding.productId && d.releaseOrder !== null && d.releaseOrder < finding.releaseOrder) origin = 'carried';
    if (origin && (!inherited || d.seq > inherited.decision.seq)) inherited = { decision: d, origin };
  }
  return own ? { decision: own, origin: 'own' } : inherited;
}
