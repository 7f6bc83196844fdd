/**
 * A triage decision in the CycloneDX analysis vocabulary, and what makes one invalid. Pure.
 *
 * API
 *   checkDecision(input): Issue[]
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

export function checkDecision(d: { state: unknown; justification?: unknown; responses?: readonly unknown[]; detail?: unknown; actionStatement?: unknown }): Issue[] {
  const issues: Issue[] = [];
  if (!isVexState(d.state)) issues.push({ path: 'state', message: `unknown state ${JSON.stringify(d.state)}` });
  if (d.justification !== undefined && d.justification !== null && !isVexJustification(d.justification))
    issues.push({ path: 'justification', message: `unknown justification ${JSON.stringify(d.justification)}` });
  (d.responses ?? []).forEach((r, i) => {
    if (!isVexResponse(r)) issues.push({ path: `responses[${i}]`, message: `unknown response ${JSON.stringify(r)}` });
  });
  const detail = typeof d.detail === 'string' ? d.detail.trim() : '';
  if ((d.state === 'not_affected' || d.state === 'false_positive') && !d.justification && detail === '')
    issues.push({ path: 'justification', message: `${String(d.state)} needs a justification or a detail saying why` });
  if (d.justification && d.state !== 'not_affected' && d.state !== 'false_positive')
    issues.push({ path: 'justification', message: 'a justification is only recorded for not_affected or false_positive' });
  for (const k of ['detail', 'actionStatement'] as const) {
    const v = d[k];
    if (typeof v === 'string' && v.length > maxDetailLength) issues.push({ path: k, message: `longer than ${maxDetailLength} characters` });
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
