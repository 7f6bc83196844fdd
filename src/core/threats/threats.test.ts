import { describe, expect, it } from 'vitest';
import { diffThreatModels } from './diff.js';
import { emptyThreatModel, threatModelIssues, type Element, type Threat, type ThreatModel } from './model.js';
import type { Control, SecurityRequirement, VerificationTest } from './register.js';
import { evaluateRisk, riskAssessmentIssues, type RiskAssessment } from './risk.js';
import { defaultRiskScales, riskLevel, riskScalesIssues } from './scales.js';
import { strideFor, strideGaps, toStrideCategory } from './stride.js';
import { readThreatDragon, writeThreatDragon } from './threat-dragon.js';
import { buildTraceability, traceabilityCsv, traceOrphans } from './traceability.js';

const el = (id: string, kind: Element['kind'], extra: Partial<Element> = {}): Element => ({
  id,
  kind,
  diagramId: '0',
  name: id,
  description: '',
  position: kind === 'flow' ? null : { x: 10, y: 20 },
  size: kind === 'flow' ? null : { width: 100, height: 60 },
  source: null,
  target: null,
  vertices: [],
  outOfScope: false,
  reasonOutOfScope: '',
  properties: {},
  raw: null,
  ...extra,
});
const threat = (id: string, elementId: string, extra: Partial<Threat> = {}): Threat => ({
  id,
  elementId,
  title: `Threat ${id}`,
  description: '',
  method: 'stride',
  category: 'tampering',
  status: 'open',
  severity: 'high',
  mitigation: '',
  componentIds: [],
  findingIds: [],
  raw: null,
  ...extra,
});

function pumpModel(): ThreatModel {
  return {
    ...emptyThreatModel('Infusion pump'),
    elements: [
      el('nurse', 'actor'),
      el('pump', 'process', { properties: { handlesPatientData: true } }),
      el('log', 'store', { properties: { isALog: true } }),
      el('cmd', 'flow', { source: { elementId: 'nurse' }, target: { elementId: 'pump', port: 'p1' }, vertices: [{ x: 1, y: 2 }], properties: { protocol: 'HTTPS', isEncrypted: true } }),
      el('dose-table', 'asset'),
      el('usb', 'entry_point'),
    ],
    threats: [
      threat('t1', 'cmd', { category: 'information_disclosure', componentIds: ['comp-1'], findingIds: ['finding-9'] }),
      threat('t2', 'dose-table', { method: 'dread', category: 'Damage', severity: null }),
    ],
  };
}

describe('STRIDE per element', () => {
  it('applies the categories of each element kind (a log store also repudiation)', () => {
    expect(strideFor(el('a', 'actor'))).toEqual(['spoofing', 'repudiation']);
    expect(strideFor(el('p', 'process'))).toHaveLength(6);
    expect(strideFor(el('s', 'store'))).toEqual(['tampering', 'information_disclosure', 'denial_of_service']);
    expect(strideFor(el('s', 'store', { properties: { isALog: true } }))).toEqual(['tampering', 'repudiation', 'information_disclosure', 'denial_of_service']);
    expect(strideFor(el('f', 'flow'))).toEqual(['tampering', 'information_disclosure', 'denial_of_service']);
    expect(strideFor(el('b', 'boundary'))).toEqual([]);
  });
  it('maps Threat Dragon names and lists uncovered categories, skipping out-of-scope elements', () => {
    expect(toStrideCategory('Information disclosure')).toBe('information_disclosure');
    expect(toStrideCategory('Denial of service')).toBe('denial_of_service');
    expect(toStrideCategory('Damage')).toBeNull();
    const gaps = strideGaps([el('f', 'flow'), el('x', 'process', { outOfScope: true })], [threat('t', 'f', { category: 'tampering' })]);
    expect(gaps.map((g) => g.category)).toEqual(['information_disclosure', 'denial_of_service']);
  });
});

describe('risk scales and evaluation', () => {
  it('the default scales are valid and the matrix reads likelihood × impact', () => {
    expect(riskScalesIssues(defaultRiskScales)).toEqual([]);
    expect(riskLevel(defaultRiskScales, 1, 1)).toBe('acceptable');
    expect(riskLevel(defaultRiskScales, 5, 5)).toBe('unacceptable');
    expect(riskLevel(defaultRiskScales, 3, 2)).toBe('alara');
    expect(riskLevel(defaultRiskScales, 6, 1)).toBeNull();
  });
  it('finds broken custom scales', () => {
    const bad = { ...defaultRiskScales, matrix: defaultRiskScales.matrix.slice(1) };
    expect(riskScalesIssues(bad).map((i) => i.path)).toEqual(['matrix']);
  });
  const base: RiskAssessment = {
    threatId: 't1',
    likelihood: 4,
    impact: 4,
    residualLikelihood: 2,
    residualImpact: 2,
    hazard: { hazardId: 'HAZ-12', hazard: 'Over-infusion', harm: 'Overdose', severity: 4 },
    rationale: '',
    acceptance: null,
  };
  it('computes risk before and after controls', () => {
    const r = evaluateRisk(defaultRiskScales, base);
    expect(r).toMatchObject({ initialLevel: 'unacceptable', residualLevel: 'acceptable', controlled: true, needsAcceptance: false });
  });
  it('an exploitable finding raises likelihood one level and says so', () => {
    const r = evaluateRisk(defaultRiskScales, { ...base, residualLikelihood: 3, residualImpact: 1 }, ['F-2', 'F-1']);
    expect(r.effectiveLikelihood).toBe(5);
    expect(r.residualLevel).toBe('alara'); // residual likelihood 3 → 4, impact 1
    expect(r.raisedBy).toEqual(['F-1', 'F-2']);
    expect(r.controlled).toBe(false);
    expect(r.reasons[0]).toContain('F-1, F-2');
  });
  it('alara residual risk is controlled once accepted; unacceptable never', () => {
    const alara = { ...base, residualLikelihood: 3, residualImpact: 2 };
    expect(evaluateRisk(defaultRiskScales, alara).controlled).toBe(false);
    const accepted = { ...alara, acceptance: { acceptedBy: 'qa@x', acceptedAt: '2026-01-01T00:00:00.000Z', rationale: 'benefit' } };
    expect(evaluateRisk(defaultRiskScales, accepted).controlled).toBe(true);
    expect(evaluateRisk(defaultRiskScales, { ...accepted, residualLikelihood: null, residualImpact: null }).controlled).toBe(false);
  });
  it('rejects values off the scale', () => {
    expect(riskAssessmentIssues(defaultRiskScales, { ...base, likelihood: 7, hazard: { ...base.hazard!, hazardId: ' ' } }).map((i) => i.path)).toEqual([
      'likelihood',
      'hazard.hazardId',
    ]);
  });
});

describe('threat model checks and diff', () => {
  it('reports dangling references and duplicates', () => {
    const m = pumpModel();
    expect(threatModelIssues(m)).toEqual([]);
    const broken = { ...m, threats: [...m.threats, threat('t1', 'nowhere')] };
    expect(threatModelIssues(broken).map((i) => i.path)).toEqual(['threats.2.id', 'threats.2.elementId']);
  });
  it('diffs two versions by id, separating layout moves', () => {
    const a = pumpModel();
    const b: ThreatModel = {
      ...a,
      title: 'Infusion pump v2',
      elements: [...a.elements.filter((e) => e.id !== 'usb').map((e) => (e.id === 'pump' ? { ...e, position: { x: 99, y: 99 } } : e.id === 'log' ? { ...e, name: 'Audit log' } : e)), el('cloud', 'process')],
      threats: [{ ...a.threats[0]!, status: 'mitigated' }],
    };
    const d = diffThreatModels(a, b);
    expect(d.model).toEqual([{ field: 'title', before: 'Infusion pump', after: 'Infusion pump v2' }]);
    expect(d.elements.added).toEqual([{ id: 'cloud', name: 'cloud' }]);
    expect(d.elements.removed).toEqual([{ id: 'usb', name: 'usb' }]);
    expect(d.elements.changed).toEqual([{ id: 'log', name: 'Audit log', changes: [{ field: 'name', before: 'log', after: 'Audit log' }] }]);
    expect(d.moved).toEqual(['pump']);
    expect(d.threats.removed.map((t) => t.id)).toEqual(['t2']);
    expect(d.threats.changed[0]!.changes).toEqual([{ field: 'status', before: 'open', after: 'mitigated' }]);
    expect(diffThreatModels(a, a).unchanged).toBe(true);
  });
});

describe('Threat Dragon mapping of a model made in mamori', () => {
  it('round-trips assets, entry points, ports, methods and SBOM/finding links', () => {
    const m = pumpModel();
    const td = writeThreatDragon(m);
    const cells = (td.detail as { diagrams: { cells: { shape: string }[] }[] }).diagrams[0]!.cells;
    expect(cells.map((c) => c.shape)).toEqual(['actor', 'process', 'store', 'flow']);
    expect((td.mamori as { cells: unknown[] }).cells).toHaveLength(2);
    const back = readThreatDragon(JSON.parse(JSON.stringify(td)));
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    const again = readThreatDragon(JSON.parse(JSON.stringify(writeThreatDragon(back.model))));
    if (!again.ok) throw new Error('second read failed');
    expect(again.model).toEqual(back.model);
    expect(back.model.threats).toEqual(expect.arrayContaining([expect.objectContaining({ id: 't1', category: 'information_disclosure', componentIds: ['comp-1'], findingIds: ['finding-9'] })]));
    expect(back.model.threats.find((t) => t.id === 't2')).toMatchObject({ method: 'dread', category: 'Damage', elementId: 'dose-table' });
    expect(back.model.elements.find((e) => e.id === 'cmd')!.target).toEqual({ elementId: 'pump', port: 'p1' });
    expect(back.model.elements.find((e) => e.id === 'usb')!.kind).toBe('entry_point');
    expect(diffThreatModels(m, back.model).elements.changed).toEqual([]);
  });
  it('refuses non-models, unknown shapes and prototype keys do not leak', () => {
    expect(readThreatDragon({ foo: 1 }).ok).toBe(false);
    const bad = readThreatDragon({ summary: { title: 'x' }, detail: { diagrams: [{ id: 0, cells: [{ id: 'a', shape: 'rocket' }] }] } });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['detail.diagrams.0.cells.0.shape']);
    const evil = readThreatDragon(JSON.parse('{"summary":{"title":"x","__proto__":{"polluted":1}},"detail":{"diagrams":[]}}'));
    expect(evil.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (evil.ok) expect(Object.keys(evil.model.raw!.summary as object)).toEqual([]);
  });
});

describe('traceability', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const control = (id: string, threatIds: string[]): Control => ({ id, productId: 'p', ref: id.toUpperCase(), title: id, description: '', type: 'design', status: 'implemented', threatIds, createdAt: at, updatedAt: at });
  const req = (id: string, controlIds: string[], reviewStatus: SecurityRequirement['reviewStatus'] = 'approved'): SecurityRequirement => ({ id, productId: 'p', ref: id.toUpperCase(), title: id, text: '', controlIds, reviewStatus, reviews: [], createdAt: at, updatedAt: at });
  const test = (id: string, requirementIds: string[], result: VerificationTest['result']): VerificationTest => ({ id, productId: 'p', ref: id.toUpperCase(), title: id, kind: 'security_requirement', procedure: '', requirementIds, threatIds: [], result, executedOn: result === 'not_run' ? null : '2026-01-02', tester: 'x', independence: 'different_person', notes: '', createdAt: at, updatedAt: at });
  const m = pumpModel();
  const risks = new Map([
    ['t1', evaluateRisk(defaultRiskScales, { threatId: 't1', likelihood: 4, impact: 4, residualLikelihood: 1, residualImpact: 2, hazard: null, rationale: '', acceptance: null })],
  ]);

  it('closes when every link exists and tests passed', () => {
    const mx = buildTraceability({ elements: m.elements, threats: [m.threats[0]!], risks, controls: [control('c1', ['t1'])], requirements: [req('r1', ['c1'])], tests: [test('v1', ['r1'], 'passed')] });
    expect(mx.gaps).toEqual([]);
    expect(mx.counts).toMatchObject({ threats: 1, closed: 1 });
    expect(mx.rows[0]!.controls[0]!.requirements[0]!.tests[0]!.result).toBe('passed');
  });

  it('finds each kind of gap', () => {
    const mx = buildTraceability({
      elements: m.elements,
      threats: [...m.threats, threat('t3', 'pump', { status: 'not_applicable' })],
      risks,
      controls: [control('c1', ['t1']), control('c2', ['t1'])],
      requirements: [req('r1', ['c1'], 'draft'), req('r2', ['c1'])],
      tests: [test('v1', ['r1'], 'failed'), test('v2', ['r1'], 'inconclusive'), test('v3', ['r1'], 'not_run')],
    });
    expect(mx.gaps.map((g) => `${g.kind}:${g.threatId ?? g.controlId ?? g.requirementId ?? g.testId}`).sort()).toEqual(
      [
        'control_without_requirement:c2',
        'requirement_not_approved:r1',
        'requirement_without_test:r2',
        'test_failed:v1',
        'test_inconclusive:v2',
        'test_not_run:v3',
        'threat_without_control:t2',
        'threat_without_risk:t2',
      ].sort(),
    );
    expect(mx.rows.find((r) => r.threatId === 't3')!.gaps).toEqual([]);
    expect(mx.rows.find((r) => r.threatId === 't1')!.gaps).toEqual(['control_without_requirement', 'requirement_not_approved', 'requirement_without_test', 'test_failed', 'test_inconclusive', 'test_not_run']);
    // An inconclusive test is its own gap, not a failure; every gap names its subject and the value behind it.
    expect(mx.gaps.find((g) => g.testId === 'v2')).toMatchObject({ kind: 'test_inconclusive', subject: 'V2', value: null, message: 'Test V2 was inconclusive.' });
    expect(mx.gaps.find((g) => g.testId === 'v1')).toMatchObject({ kind: 'test_failed', subject: 'V1', message: 'Test V1 failed.' });
    expect(mx.gaps.find((g) => g.kind === 'requirement_not_approved')).toMatchObject({ subject: 'R1', value: 'draft' });
    expect(mx.counts).toMatchObject({ test_failed: 1, test_inconclusive: 1, test_not_run: 1 });
    const csv = traceabilityCsv(mx);
    expect(csv.split('\r\n')[0]).toMatch(/^threat_id,threat,element/);
    expect(csv).toContain('t1,Threat t1,cmd,information_disclosure,open,unacceptable,acceptable,C1,design,R1,draft,V1,security_requirement,failed,2026-01-02');
  });

  it('flags a control traced to no threat and a requirement derived from no control (QA ra #11)', () => {
    const mx = buildTraceability({
      elements: m.elements,
      threats: [m.threats[0]!],
      risks,
      // c2 names no threat; c3 names only a threat that is not in the current model.
      controls: [control('c1', ['t1']), control('c2', []), control('c3', ['gone'])],
      requirements: [req('r1', ['c1']), req('r2', ['c2']), req('r5', []), req('r6', ['no-such-control'])],
      tests: [test('v1', ['r1'], 'passed'), test('v2', ['r2'], 'passed'), test('v5', ['r5'], 'passed'), test('v6', ['r6'], 'passed')],
    });
    const orphans = mx.gaps.filter((g) => g.kind === 'control_without_threat' || g.kind === 'requirement_without_control');
    expect(orphans.map((g) => `${g.kind}:${g.controlId ?? g.requirementId}:${g.ref}`)).toEqual([
      'control_without_threat:c2:C2',
      'control_without_threat:c3:C3',
      'requirement_without_control:r5:R5',
      'requirement_without_control:r6:R6',
    ]);
    expect(orphans[0]!.message).toBe('Control C2 is not traced to a threat of the current threat model.');
    expect(orphans[2]!.message).toBe('Requirement R5 is not derived from a control.');
    expect(mx.counts).toMatchObject({ control_without_threat: 2, requirement_without_control: 2, control_without_requirement: 1, threats: 1, closed: 1 });
    // The threat's own row stays closed: the orphans belong to no row.
    expect(mx.rows[0]!.gaps).toEqual([]);
    // The CSV has one line per path of a threat, then one per orphan: empty threat cells (and control
    // cells, for a requirement), the gaps saying why.
    const csv = traceabilityCsv(mx).split('\r\n');
    expect(csv.slice(2)).toEqual([
      ',,,,,,,C2,,,,,,,,control_without_threat',
      ',,,,,,,C3,,,,,,,,control_without_threat control_without_requirement',
      ',,,,,,,,,R5,approved,,,,,requirement_without_control',
      ',,,,,,,,,R6,approved,,,,,requirement_without_control',
      '',
    ]);
    expect(csv[1]).toMatch(/^t1,.*,C1,design,R1,approved,V1,security_requirement,passed,2026-01-02,$/);
    expect(traceOrphans(buildTraceability({ elements: m.elements, threats: [], risks, controls: [], requirements: [req('r7', [], 'in_review')], tests: [] }))).toEqual([
      { kind: 'requirement', id: 'r7', ref: 'R7', reviewStatus: 'in_review', gaps: ['requirement_without_control', 'requirement_not_approved', 'requirement_without_test'] },
    ]);
  });

  it('labels an unacceptable residual risk as such, not as a missing acceptance (QA ra #9)', () => {
    const eval_ = (residualLikelihood: number, residualImpact: number, accepted: boolean) =>
      evaluateRisk(defaultRiskScales, {
        threatId: 'x',
        likelihood: 5,
        impact: 5,
        residualLikelihood,
        residualImpact,
        hazard: null,
        rationale: '',
        acceptance: accepted ? { acceptedBy: 'QA', acceptedAt: at, rationale: 'ok' } : null,
      });
    const unacceptable = eval_(5, 5, false);
    const alara = eval_(2, 4, false);
    expect([unacceptable.residualLevel, alara.residualLevel]).toEqual(['unacceptable', 'alara']);
    const threats = [threat('ta', 'pump', { title: 'A' }), threat('tb', 'pump', { title: 'B' }), threat('tc', 'pump', { title: 'C' })];
    const mx = buildTraceability({
      elements: m.elements,
      threats,
      // tc was accepted while ALARA; an exploitable finding has since raised it into the unacceptable region.
      risks: new Map([['ta', unacceptable], ['tb', alara], ['tc', evaluateRisk(defaultRiskScales, { threatId: 'tc', likelihood: 5, impact: 5, residualLikelihood: 2, residualImpact: 4, hazard: null, rationale: '', acceptance: { acceptedBy: 'QA', acceptedAt: at, rationale: 'ok' } }, ['f1'])]]),
      controls: [control('c1', ['ta', 'tb', 'tc'])],
      requirements: [req('r1', ['c1'])],
      tests: [test('v1', ['r1'], 'passed')],
    });
    const kinds = (id: string) => mx.gaps.filter((g) => g.threatId === id).map((g) => g.kind);
    expect(kinds('ta')).toEqual(['residual_risk_unacceptable']);
    expect(kinds('tb')).toEqual(['residual_risk_not_controlled']);
    expect(kinds('tc')).toEqual(['residual_risk_unacceptable']);
    expect(mx.rows.map((r) => r.gaps)).toEqual([['residual_risk_unacceptable'], ['residual_risk_not_controlled'], ['residual_risk_unacceptable']]);
    expect(mx.gaps.find((g) => g.threatId === 'ta')!.message).toBe('Residual risk of "A" is in the unacceptable region: add controls.');
    expect(mx.counts).toMatchObject({ residual_risk_unacceptable: 2, residual_risk_not_controlled: 1 });
  });

  it('CSV cells that a spreadsheet would evaluate are neutralised', () => {
    const mx = buildTraceability({ elements: m.elements, threats: [threat('t9', 'pump', { title: '=HYPERLINK("x")' })], risks: new Map(), controls: [], requirements: [], tests: [] });
    expect(traceabilityCsv(mx)).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
