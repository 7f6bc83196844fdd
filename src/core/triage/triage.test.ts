import { describe, expect, it } from 'vitest';
import { effectiveDecision, type DecisionKey } from './carry-forward.js';
import { emptyAnswers, modifiersFor, requirementsFor } from './clinical.js';
import { addDays, clocksFor } from './clocks.js';
import { cvss3BaseScore, cvss3EnvironmentalScore, parseCvss3 } from './cvss.js';
import { checkDecision, normaliseDecision } from './decision.js';
import { computePriority } from './priority.js';

const CRIT = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

describe('CVSS 3.x', () => {
  it('computes base scores of known vectors', () => {
    expect(cvss3BaseScore(parseCvss3(CRIT)!)).toBe(9.8);
    expect(cvss3BaseScore(parseCvss3('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')!)).toBe(10);
    expect(cvss3BaseScore(parseCvss3('CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N')!)).toBe(4.2);
    expect(cvss3BaseScore(parseCvss3('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N')!)).toBe(5.5);
    expect(parseCvss3('CVSS:4.0/AV:N')).toBeNull();
    expect(parseCvss3('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeNull();
  });
  it('computes environmental scores (FIRST calculator values)', () => {
    const v = parseCvss3(CRIT)!;
    expect(cvss3EnvironmentalScore(v, { CR: 'M', IR: 'M', AR: 'M', MAV: null })).toBe(9.8);
    expect(cvss3EnvironmentalScore(v, { CR: 'L', IR: 'L', AR: 'L', MAV: null })).toBe(8);
    expect(cvss3EnvironmentalScore(v, { CR: 'L', IR: 'L', AR: 'L', MAV: 'P' })).toBe(5);
    const medium = parseCvss3('CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N')!;
    expect(cvss3EnvironmentalScore(medium, { CR: 'H', IR: 'H', AR: 'M', MAV: null })).toBe(5.2);
  });
});

describe('clinical rubric', () => {
  it('raises requirements by the answers and lowers MAV to the exposure', () => {
    expect(requirementsFor(emptyAnswers)).toMatchObject({ CR: 'L', IR: 'L', AR: 'L' });
    expect(requirementsFor({ ...emptyAnswers, therapy: true, patientData: true })).toMatchObject({ CR: 'H', IR: 'H', AR: 'H' });
    expect(requirementsFor({ ...emptyAnswers, workflow: true })).toMatchObject({ CR: 'L', IR: 'M', AR: 'M' });
    expect(modifiersFor({ answers: emptyAnswers, exposure: 'adjacent' }, 'N').MAV).toBe('A');
    expect(modifiersFor({ answers: emptyAnswers, exposure: 'network' }, 'L').MAV).toBeNull();
  });
});

describe('priority', () => {
  const cvss = [{ version: '3.1', vector: CRIT, baseScore: 9.8 }];
  it('combines environmental CVSS, EPSS, KEV, exposure and harm and shows the inputs', () => {
    const p = computePriority({ cvss, epss: 0.5, kev: true, harm: 'high', profile: { answers: { ...emptyAnswers, therapy: true }, exposure: 'network' }, state: null });
    // therapy → IR H, AR H, CR L: env 9.8 → 49 + (10 + 15) + 10 = 84
    expect(p.inputs.environmentalScore).toBe(9.8);
    expect(p.terms).toEqual({ cvss: 49, exploitation: 25, harm: 10 });
    expect(p.score).toBe(84);
    expect(p.band).toBe('P1');
    const physical = computePriority({ cvss, epss: 0.5, kev: true, harm: null, profile: { answers: emptyAnswers, exposure: 'physical' }, state: null });
    expect(physical.inputs.environmentalScore).toBe(5);
    expect(physical.terms.exploitation).toBe(6.3);
    expect(physical.band).toBe('P3');
  });
  it('closes a finding decided not affected and falls back without a profile or a 3.x vector', () => {
    expect(computePriority({ cvss, epss: null, kev: false, harm: null, profile: null, state: 'not_affected' })).toMatchObject({ score: 0, band: 'closed' });
    expect(computePriority({ cvss, epss: null, kev: false, harm: null, profile: null, state: 'exploitable' }).score).toBe(49);
    expect(computePriority({ cvss: [], epss: null, kev: false, harm: null, profile: null, state: null }).score).toBe(25);
  });
  it('puts a known malicious package without CVSS at the top, scaled by exposure, and says why', () => {
    const network = computePriority({ cvss: [], epss: null, kev: false, harm: null, profile: null, state: null, malicious: true });
    // 10.0 assumed → 50; exploitation probability 1 and known exploitation → 20 + 15
    expect(network.terms).toEqual({ cvss: 50, exploitation: 35, harm: 0 });
    expect(network).toMatchObject({ score: 85, band: 'P1', inputs: { epss: null, kev: false } });
    expect(network.reasons.join(' ')).toMatch(/malicious package: 10\.0 assumed.*exploitation probability 1/);
    const physical = computePriority({ cvss: [], epss: null, kev: false, harm: null, profile: { answers: emptyAnswers, exposure: 'physical' }, state: null, malicious: true });
    expect(physical.terms.exploitation).toBe(8.8);
    expect(physical.band).toBe('P2');
    // A score it has is used; the exploitation is still certain. A decision still closes it.
    expect(computePriority({ cvss, epss: null, kev: false, harm: null, profile: null, state: null, malicious: true }).terms).toEqual({ cvss: 49, exploitation: 35, harm: 0 });
    expect(computePriority({ cvss: [], epss: null, kev: false, harm: null, profile: null, state: 'false_positive', malicious: true }).band).toBe('closed');
  });
});

describe('clocks', () => {
  it('gives FDA 30/60-day and JP 15-day due dates', () => {
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
    const c = clocksFor({ control: 'uncontrolled', awareOn: '2026-03-01', jpAdverseEvent: true }, '2026-03-20');
    expect(c.map((x) => [x.kind, x.dueOn, x.daysLeft, x.overdue])).toEqual([
      ['fda_communicate', '2026-03-31', 11, false],
      ['fda_remediate', '2026-04-30', 41, false],
      ['jp_adverse_event', '2026-03-16', -4, true],
    ]);
    expect(clocksFor({ control: 'controlled', awareOn: '2026-03-01', jpAdverseEvent: false }, '2026-03-20')).toEqual([]);
  });
});

describe('carry-forward', () => {
  const f = { id: 'f2', productId: 'p', releaseOrder: 2, packageKey: 'osv:npm/lodash', componentVersion: '4.17.20', vulnerabilityId: 'CVE-1' };
  const d = (over: Partial<DecisionKey>): DecisionKey => ({ scope: 'finding', findingId: 'f1', productId: 'p', releaseOrder: 1, packageKey: f.packageKey, componentVersion: f.componentVersion, vulnerabilityId: 'CVE-1', seq: 1, ...over });
  it('prefers the finding own decision, else carries an earlier release decision or a component decision', () => {
    expect(effectiveDecision(f, [d({}), d({ findingId: 'f2', releaseOrder: 2, seq: 0 })])?.origin).toBe('own');
    expect(effectiveDecision(f, [d({})])?.origin).toBe('carried');
    expect(effectiveDecision(f, [d({}), d({ scope: 'component', findingId: null, productId: null, releaseOrder: null, seq: 2 })])?.origin).toBe('component');
  });
  it('does not carry across a version change, a later release or another product', () => {
    expect(effectiveDecision(f, [d({ componentVersion: '4.17.19' })])).toBeNull();
    expect(effectiveDecision(f, [d({ releaseOrder: 3 })])).toBeNull();
    expect(effectiveDecision(f, [d({ productId: 'q' })])).toBeNull();
  });
});

describe('decision', () => {
  it('rejects unknown values and a not_affected without a reason', () => {
    expect(checkDecision({ state: 'nope' })[0]?.path).toBe('state');
    expect(checkDecision({ state: 'not_affected' })).toEqual([{ path: 'justification', message: "A 'not affected' decision needs a justification or a detail saying why" }]);
    expect(checkDecision({ state: 'false_positive', detail: '  ' })[0]?.message).toBe("A 'false positive' decision needs a justification or a detail saying why");
    expect(checkDecision({ state: 'not_affected', justification: 'code_not_reachable' })).toEqual([]);
    expect(checkDecision({ state: 'exploitable', justification: 'code_not_reachable' })).toHaveLength(1);
    expect(normaliseDecision({ state: 'exploitable', justification: null, responses: ['update', 'can_not_fix', 'update'], detail: '  ', actionStatement: null })).toMatchObject({ responses: ['can_not_fix', 'update'], detail: null });
  });
});
