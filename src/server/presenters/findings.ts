/** Finding records → API shapes (the records already hold the contract's fields; lists are copied). */
import type { FindingRecord } from '../../services/findings.js';
import type { AppliedDecision } from '../../services/finding-decisions.js';

export function presentFinding(f: FindingRecord) {
  return {
    id: f.id,
    releaseId: f.releaseId,
    componentId: f.componentId,
    componentName: f.componentName,
    componentVersion: f.componentVersion,
    componentPurl: f.componentPurl,
    vulnerabilityId: f.vulnerabilityId,
    aliases: [...f.aliases],
    summary: f.summary,
    severity: f.severity,
    cvssScore: f.cvssScore,
    cvss: f.cvss.map((c) => ({ ...c })),
    epss: f.epss && { ...f.epss },
    kev: f.kev,
    kevDueDate: f.kevDueDate,
    fixedVersions: [...f.fixedVersions],
    evidence: f.evidence.map((e) => ({ ...e, events: e.events.map((x) => ({ ...(x as Record<string, string>) })) })),
    status: f.status,
    firstSeenAt: f.firstSeenAt,
    lastSeenAt: f.lastSeenAt,
    changedAt: f.changedAt,
    computedAtSeq: f.computedAtSeq,
  };
}

/** A finding of the release list with the triage decision that applies to it. */
export function presentReleaseFinding(f: FindingRecord & { applied: AppliedDecision | null }) {
  const a = f.applied;
  return {
    ...presentFinding(f),
    decision: a && {
      id: a.decision.id,
      state: a.decision.state,
      justification: a.decision.justification,
      responses: [...a.decision.responses],
      detail: a.decision.detail,
      origin: a.origin,
      createdAt: a.decision.createdAt,
      createdBy: a.decision.createdBy,
    },
  };
}
