/**
 * A triage decision in the CycloneDX analysis vocabulary, and what makes one invalid. Pure.
 *
 * API
 *   checkDecision(input): Issue[]   (each message a sentence that reads on its own, without the path)
 *   normaliseDecision(input): TriageDecisionInput   (sorted, de-duplicated responses; justification kept only where meaningful)
 */
import type { Issue } from '../result.js';
import { isVexJustification, isVexResponse, isVexState, vexResponses, type VexJustification, type VexResponse, type VexState } from '../vex/model.js';

export interface TriageDecisionInput {
  readonly state: VexState;
  readonly justification: VexJustification | null;
  readonly responses: readonly VexResponse[];
  readonly detail: string | null;
  readonly actionStatement: string | null;
}

export const maxDetailLength = 20_000;

/** The states as people say them, for messages (the enum values stay in the data). */
const stateWords = { not_affected: 'not affected', false_positive: 'false positive' } as const;

export function checkDecision(d: { state: unknown; justification?: unknown; responses?: readonly unknown[]; detail?: unknown; actionStatement?: unknown }): Issue[] {
  const issues: Issue[] = [];
  if (!isVexState(d.state)) issues.push({ path: 'state', message: `The state ${JSON.stringify(d.state)} is not a CycloneDX analysis state` });
  if (d.justification !== undefined && d.justification !== null && !isVexJustification(d.justification))
    issues.push({ path: 'justification', message: `The justification ${JSON.stringify(d.justification)} is not a CycloneDX justification` });
  (d.responses ?? []).forEach((r, i) => {
    if (!isVexResponse(r)) issues.push({ path: `responses[${i}]`, message: `The response ${JSON.stringify(r)} is not a CycloneDX response` });
  });
  const detail = typeof d.detail === 'string' ? d.detail.trim() : '';
  if ((d.state === 'not_affected' || d.state === 'false_positive') && !d.justification && detail === '')
    issues.push({ path: 'justification', message: `A '${stateWords[d.state]}' decision needs a justification or a detail saying why` });
  if (d.justification && d.state !== 'not_affected' && d.state !== 'false_positive')
    issues.push({ path: 'justification', message: `A justification is only recorded for a '${stateWords.not_affected}' or '${stateWords.false_positive}' decision` });
  for (const k of ['detail', 'actionStatement'] as const) {
    const v = d[k];
    if (typeof v === 'string' && v.length > maxDetailLength) issues.push({ path: k, message: `The ${k === 'detail' ? 'detail' : 'action statement'} is longer than ${maxDetailLength} characters` });
  }
  return issues;
}

export function normaliseDecision(d: TriageDecisionInput): TriageDecisionInput {
  const set = new Set(d.responses);
  const text = (x: string | null) => (x && x.trim() !== '' ? x.trim() : null);
  return {
    state: d.state,
    justification: d.justification,
    responses: vexResponses.filter((r) => set.has(r)),
    detail: text(d.detail),
    actionStatement: text(d.actionStatement),
  };
}
