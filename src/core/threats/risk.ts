/**
 * A threat's security risk (IEC 81001-5-1 clauses 7.3 and 7.4): likelihood or exploitability and impact
 * before and after controls, the linked ISO 14971 hazard and harm, and the acceptance of the residual
 * risk. `evaluateRisk` is the computation; it is pure, and its result says which inputs produced it.
 */
import type { Issue } from '../result.js';
import { riskLevel, type RiskLevel, type RiskScales } from './scales.js';

export interface SafetyHazard {
  /** The hazard id in the ISO 14971 risk management file, e.g. HAZ-012. */
  readonly hazardId: string;
  readonly hazard: string;
  readonly harm: string;
  /** On the impact scale. */
  readonly severity: number | null;
}

export interface RiskAcceptance {
  readonly acceptedBy: string;
  readonly acceptedAt: string;
  readonly rationale: string;
}

export interface RiskAssessment {
  readonly threatId: string;
  readonly likelihood: number;
  readonly impact: number;
  readonly residualLikelihood: number | null;
  readonly residualImpact: number | null;
  readonly hazard: SafetyHazard | null;
  readonly rationale: string;
  readonly acceptance: RiskAcceptance | null;
}

export interface RiskEvaluation {
  readonly initialLevel: RiskLevel | null;
  readonly residualLevel: RiskLevel | null;
  /** The likelihood the computation used: raised by one step when a linked finding is exploitable. */
  readonly effectiveLikelihood: number;
  readonly raisedBy: readonly string[];
  /** Residual risk is acceptable, or was accepted by someone with a rationale. */
  readonly controlled: boolean;
  readonly needsAcceptance: boolean;
  readonly reasons: readonly string[];
}

/** Next value up the scale, or the same when already at the top. */
function stepUp(values: readonly number[], v: number): number {
  const i = values.indexOf(v);
  return i >= 0 && i < values.length - 1 ? values[i + 1]! : v;
}

/**
 * Evaluates one assessment against the scales. `exploitableFindings` are the ids among the threat's
 * linked findings that are known to be exploitable (VEX `exploitable`, KEV): any one raises the
 * initial and the residual likelihood by one level.
 */
export function evaluateRisk(
  scales: RiskScales,
  a: RiskAssessment,
  exploitableFindings: readonly string[] = [],
): RiskEvaluation {
  const values = scales.likelihood.map((l) => l.value);
  const raised = exploitableFindings.length > 0;
  const effectiveLikelihood = raised ? stepUp(values, a.likelihood) : a.likelihood;
  const initialLevel = riskLevel(scales, effectiveLikelihood, a.impact);
  const rl = a.residualLikelihood ?? a.likelihood;
  const residualLevel = riskLevel(scales, raised ? stepUp(values, rl) : rl, a.residualImpact ?? a.impact);
  const reasons: string[] = [];
  if (raised) reasons.push(`likelihood raised one level by exploitable finding(s) ${[...exploitableFindings].sort().join(', ')}`);
  if (a.residualLikelihood === null && a.residualImpact === null) reasons.push('no residual estimate: residual risk equals initial risk');
  const needsAcceptance = residualLevel !== 'acceptable';
  const controlled = residualLevel === 'acceptable' || (residualLevel === 'alara' && a.acceptance !== null) ;
  if (residualLevel === 'unacceptable') reasons.push('residual risk is unacceptable: further controls are needed');
  else if (residualLevel === 'alara' && !a.acceptance) reasons.push('residual risk needs a documented acceptance');
  return { initialLevel, residualLevel, effectiveLikelihood, raisedBy: [...exploitableFindings].sort(), controlled, needsAcceptance, reasons };
}

export function riskAssessmentIssues(scales: RiskScales, a: RiskAssessment): Issue[] {
  const issues: Issue[] = [];
  const L = scales.likelihood.map((l) => l.value);
  const I = scales.impact.map((l) => l.value);
  const onScale = (path: string, v: number | null, values: number[]) => {
    if (v !== null && !values.includes(v)) issues.push({ path, message: `Use a value of the scale: ${values.join(', ')}.` });
  };
  onScale('likelihood', a.likelihood, L);
  onScale('impact', a.impact, I);
  onScale('residualLikelihood', a.residualLikelihood, L);
  onScale('residualImpact', a.residualImpact, I);
  if (a.hazard) onScale('hazard.severity', a.hazard.severity, I);
  if (a.hazard && a.hazard.hazardId.trim() === '')
    issues.push({ path: 'hazard.hazardId', message: 'A linked hazard needs its ISO 14971 hazard id.' });
  return issues;
}
