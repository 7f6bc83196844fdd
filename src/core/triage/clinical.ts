/**
 * The clinical-impact rubric (docs/clinical-impact.md): five yes/no questions about what
 * exploitation of a vulnerability in the product could do to patients, and the product's exposure.
 * The answers set the CVSS environmental security requirements (CR, IR, AR) and the modified attack
 * vector (MAV). Pure.
 *
 * API
 *   clinicalQuestions, exposures, emptyAnswers
 *   requirementsFor(answers): { CR, IR, AR, reasons }
 *   modifiersFor(profile, baseAV): EnvironmentalModifiers
 */
import type { AttackVector, EnvironmentalModifiers, Requirement } from './cvss.js';

export const clinicalQuestions = ['therapy', 'diagnosis', 'monitoring', 'workflow', 'patientData'] as const;
export type ClinicalQuestion = (typeof clinicalQuestions)[number];
export type ClinicalAnswers = Readonly<Record<ClinicalQuestion, boolean>>;

/** Where an attacker must be to reach the product: the network (internet or hospital network), an adjacent segment (Bluetooth, a dedicated device LAN), local access, or physical access only. */
export const exposures = ['network', 'adjacent', 'local', 'physical'] as const;
export type Exposure = (typeof exposures)[number];

export interface ClinicalProfile {
  readonly answers: ClinicalAnswers;
  readonly exposure: Exposure;
}

export const emptyAnswers: ClinicalAnswers = {
  therapy: false,
  diagnosis: false,
  monitoring: false,
  workflow: false,
  patientData: false,
};

/** Which requirement each "yes" raises, and to what level. */
const raises: Record<ClinicalQuestion, Partial<Record<'CR' | 'IR' | 'AR', Requirement>>> = {
  therapy: { IR: 'H', AR: 'H' },
  diagnosis: { IR: 'H', AR: 'M' },
  monitoring: { AR: 'H', IR: 'M' },
  workflow: { AR: 'M', IR: 'M' },
  patientData: { CR: 'H', IR: 'M' },
};

const rank: Record<Requirement, number> = { L: 0, M: 1, H: 2 };

export function requirementsFor(answers: ClinicalAnswers): {
  CR: Requirement;
  IR: Requirement;
  AR: Requirement;
  reasons: string[];
} {
  const out: Record<'CR' | 'IR' | 'AR', Requirement> = { CR: 'L', IR: 'L', AR: 'L' };
  const reasons: string[] = [];
  for (const q of clinicalQuestions) {
    if (!answers[q]) continue;
    for (const [k, level] of Object.entries(raises[q]) as ['CR' | 'IR' | 'AR', Requirement][]) {
      if (rank[level] > rank[out[k]]) out[k] = level;
    }
    reasons.push(`${q}: ${Object.entries(raises[q]).map(([k, l]) => `${k}≥${l}`).join(', ')}`);
  }
  return { ...out, reasons };
}

const avRank: Record<AttackVector, number> = { P: 0, L: 1, A: 2, N: 3 };
const exposureAv: Record<Exposure, AttackVector> = { network: 'N', adjacent: 'A', local: 'L', physical: 'P' };

/** MAV is the less exposed of the base AV and the product's exposure (null when they agree). */
export function modifiersFor(profile: ClinicalProfile, baseAV: AttackVector): EnvironmentalModifiers {
  const r = requirementsFor(profile.answers);
  const exposed = exposureAv[profile.exposure];
  const MAV = avRank[exposed] < avRank[baseAV] ? exposed : null;
  return { CR: r.CR, IR: r.IR, AR: r.AR, MAV };
}
