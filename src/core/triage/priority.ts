/**
 * Priority of an open finding, 0–100, with every input shown (docs/clinical-impact.md):
 *
 *   priority = 5 × environmental CVSS             (0–50; base CVSS when no 3.x vector, 5.0 when none)
 *            + exposure factor × (20 × EPSS + 15 × KEV)   (0–35; exploitation in the wild needs reach)
 *            + harm points of the linked safety harm      (0–15; critical 15, high 10, medium 5, low 2)
 *
 * exposure factor: network 1, adjacent 0.75, local 0.5, physical 0.25. Bands: ≥ 70 P1, ≥ 50 P2,
 * ≥ 30 P3, else P4. A finding whose decision is not_affected, false_positive, resolved or
 * resolved_with_pedigree is closed (priority 0, band closed). A known malicious package (an OSV
 * `MAL-` id) is code written to harm, present in the product: without a CVSS score its CVSS term
 * assumes 10.0, and its exploitation term assumes an exploitation probability of 1 and known
 * exploitation (as KEV), scaled by the exposure like any other. Pure.
 */
import type { VexState } from '../vex/model.js';
import type { ClinicalProfile, Exposure } from './clinical.js';
import { modifiersFor, requirementsFor } from './clinical.js';
import { cvss3BaseScore, cvss3EnvironmentalScore, environmentalVector, parseCvss3 } from './cvss.js';

export type Harm = 'low' | 'medium' | 'high' | 'critical';
export type PriorityBand = 'P1' | 'P2' | 'P3' | 'P4' | 'closed';

export interface PriorityInput {
  /** CVSS vectors of the finding (any version); the first 3.x vector is used. */
  readonly cvss: readonly { readonly version: string; readonly vector: string; readonly baseScore: number }[];
  readonly epss: number | null;
  readonly kev: boolean;
  /** The highest severity among threats of the product's threat model that link this finding. */
  readonly harm: Harm | null;
  readonly profile: ClinicalProfile | null;
  readonly state: VexState | null;
  /** The vulnerability is a known malicious package (src/core/vulns/malicious-package.ts). */
  readonly malicious?: boolean;
}

export interface Priority {
  readonly score: number;
  readonly band: PriorityBand;
  readonly inputs: {
    readonly baseVector: string | null;
    readonly baseScore: number | null;
    readonly environmentalVector: string | null;
    readonly environmentalScore: number;
    readonly epss: number | null;
    readonly kev: boolean;
    readonly exposure: Exposure | null;
    readonly exposureFactor: number;
    readonly harm: Harm | null;
    readonly state: VexState | null;
  };
  readonly terms: { readonly cvss: number; readonly exploitation: number; readonly harm: number };
  readonly reasons: readonly string[];
}

export const exposureFactor: Record<Exposure, number> = {
  network: 1,
  adjacent: 0.75,
  local: 0.5,
  physical: 0.25,
};
export const harmPoints: Record<Harm, number> = { critical: 15, high: 10, medium: 5, low: 2 };
export const closedStates: readonly VexState[] = [
  'not_affected',
  'false_positive',
  'resolved',
  'resolved_with_pedigree',
];

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function bandOf(score: number): Exclude<PriorityBand, 'closed'> {
  return score >= 70 ? 'P1' : score >= 50 ? 'P2' : score >= 30 ? 'P3' : 'P4';
}

export function computePriority(input: PriorityInput): Priority {
  const reasons: string[] = [];
  const v3 = input.cvss.find((c) => c.version.startsWith('3.') && parseCvss3(c.vector));
  const any = input.cvss.reduce<(typeof input.cvss)[number] | null>(
    (best, c) => (best && best.baseScore >= c.baseScore ? best : c),
    null,
  );
  let env = 5;
  let envVector: string | null = null;
  let baseVector: string | null = null;
  let baseScore: number | null = null;
  if (v3) {
    const parsed = parseCvss3(v3.vector)!;
    baseVector = v3.vector;
    baseScore = cvss3BaseScore(parsed);
    if (input.profile) {
      const m = modifiersFor(input.profile, parsed.AV);
      env = cvss3EnvironmentalScore(parsed, m);
      envVector = environmentalVector(v3.vector, m);
      const r = requirementsFor(input.profile.answers);
      reasons.push(
        `environmental CVSS ${env} from ${envVector}${r.reasons.length ? ` (${r.reasons.join('; ')})` : ' (no clinical impact answered yes)'}`,
      );
    } else {
      env = baseScore;
      reasons.push(`no clinical-impact profile: base CVSS ${baseScore} used`);
    }
  } else if (any) {
    baseVector = any.vector;
    baseScore = any.baseScore;
    env = any.baseScore;
    reasons.push(`no CVSS 3.x vector: base score ${any.baseScore} (${any.version}) used unmodified`);
  } else if (input.malicious) {
    env = 10;
    reasons.push('no CVSS, known malicious package: 10.0 assumed');
  } else reasons.push('no CVSS: 5.0 assumed');
  const factor = input.profile ? exposureFactor[input.profile.exposure] : 1;
  const cvssTerm = round1(5 * env);
  // Malicious code does its harm once installed: exploited with certainty, as if in KEV.
  const probability = input.malicious ? 1 : (input.epss ?? 0);
  const exploited = input.kev || input.malicious === true;
  if (input.malicious)
    reasons.push('known malicious package: exploitation probability 1 and known exploitation assumed');
  const exploitation = round1(factor * (20 * probability + (exploited ? 15 : 0)));
  const harm = input.harm ? harmPoints[input.harm] : 0;
  const closed = input.state !== null && closedStates.includes(input.state);
  const score = closed ? 0 : Math.min(100, round1(cvssTerm + exploitation + harm));
  if (closed) reasons.push(`closed by the decision ${input.state}`);
  return {
    score,
    band: closed ? 'closed' : bandOf(score),
    inputs: {
      baseVector,
      baseScore,
      environmentalVector: envVector,
      environmentalScore: env,
      epss: input.epss,
      kev: input.kev,
      exposure: input.profile?.exposure ?? null,
      exposureFactor: factor,
      harm: input.harm,
      state: input.state,
    },
    terms: { cvss: cvssTerm, exploitation, harm },
    reasons,
  };
}
