/**
 * The traceability matrix threat → risk → control → requirement → test → result, and its gaps
 * (IEC 81001-5-1 5.2.1, 5.7.1, 5.7.2, 7.4). Pure: the same records give the same matrix, in a stable order.
 */
import type { Control, SecurityRequirement, VerificationTest } from './register.js';
import type { RiskEvaluation } from './risk.js';
import type { Element, Threat } from './model.js';

export const gapKinds = [
  'threat_without_risk',
  'threat_without_control',
  'control_without_threat',
  'control_without_requirement',
  'requirement_without_control',
  'requirement_not_approved',
  'requirement_without_test',
  'test_failed',
  'test_inconclusive',
  'test_not_run',
  'residual_risk_unacceptable',
  'residual_risk_not_controlled',
] as const;
export type GapKind = (typeof gapKinds)[number];

export interface TraceGap {
  readonly kind: GapKind;
  readonly threatId: string | null;
  readonly controlId: string | null;
  readonly requirementId: string | null;
  readonly testId: string | null;
  /** The ref of the control, requirement or test the gap is about (SC-005, SR-005, ST-001); null for a threat's gaps. */
  readonly ref: string | null;
  /** What the gap is about, for documents that word it themselves: the control, requirement or test ref, or the threat title. */
  readonly subject: string;
  /** The value that makes it a gap, when there is one: the requirement's review status, the residual risk level; else null. */
  readonly value: string | null;
  /** The gap in English (documents in other languages word it from kind, subject and value). */
  readonly message: string;
}

export interface TraceTest {
  readonly id: string;
  readonly ref: string;
  readonly kind: VerificationTest['kind'];
  readonly result: VerificationTest['result'];
  readonly executedOn: string | null;
}

export interface TraceRequirement {
  readonly id: string;
  readonly ref: string;
  readonly reviewStatus: SecurityRequirement['reviewStatus'];
  readonly tests: readonly TraceTest[];
}

export interface TraceControl {
  readonly id: string;
  readonly ref: string;
  readonly type: Control['type'];
  readonly requirements: readonly TraceRequirement[];
}

export interface TraceRow {
  readonly threatId: string;
  readonly threatTitle: string;
  readonly elementId: string;
  readonly elementName: string;
  readonly category: string;
  readonly status: Threat['status'];
  readonly risk: { readonly initialLevel: string | null; readonly residualLevel: string | null; readonly controlled: boolean } | null;
  readonly controls: readonly TraceControl[];
  /** Threat mitigation tests linked to the threat directly (5.7.2). */
  readonly mitigationTests: readonly TraceTest[];
  readonly gaps: readonly GapKind[];
}

export interface TraceabilityMatrix {
  readonly rows: readonly TraceRow[];
  readonly gaps: readonly TraceGap[];
  readonly counts: Readonly<Record<GapKind, number>> & { readonly threats: number; readonly closed: number };
}

const byRef = <T extends { ref: string; id: string }>(a: T, b: T) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildTraceability(input: {
  readonly elements: readonly Element[];
  readonly threats: readonly Threat[];
  readonly risks: ReadonlyMap<string, RiskEvaluation>;
  readonly controls: readonly Control[];
  readonly requirements: readonly SecurityRequirement[];
  readonly tests: readonly VerificationTest[];
}): TraceabilityMatrix {
  const elementName = new Map(input.elements.map((e) => [e.id, e.name]));
  const controls = [...input.controls].sort(byRef);
  const requirements = [...input.requirements].sort(byRef);
  const tests = [...input.tests].sort(byRef);
  const gaps: TraceGap[] = [];
  const gap = (kind: GapKind, ids: Partial<Pick<TraceGap, 'threatId' | 'controlId' | 'requirementId' | 'testId' | 'ref'>>, subject: string, value: string | null, message: string) =>
    gaps.push({ kind, threatId: null, controlId: null, requirementId: null, testId: null, ref: null, ...ids, subject, value, message });

  const traceTest = (t: VerificationTest): TraceTest => ({ id: t.id, ref: t.ref, kind: t.kind, result: t.result, executedOn: t.executedOn });
  const testsOfRequirement = new Map<string, VerificationTest[]>();
  for (const t of tests) for (const r of t.requirementIds) testsOfRequirement.set(r, [...(testsOfRequirement.get(r) ?? []), t]);
  const reqsOfControl = new Map<string, SecurityRequirement[]>();
  for (const r of requirements) for (const c of r.controlIds) reqsOfControl.set(c, [...(reqsOfControl.get(c) ?? []), r]);
  // Indexes by threat, kept in ref order (controls and tests are sorted above).
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const list = m.get(k);
    if (list) {
      if (list[list.length - 1] !== v) list.push(v);
    } else m.set(k, [v]);
  };
  const controlsOfThreat = new Map<string, Control[]>();
  for (const c of controls) for (const id of c.threatIds) push(controlsOfThreat, id, c);
  const testsOfThreat = new Map<string, VerificationTest[]>();
  for (const t of tests) for (const id of t.threatIds) push(testsOfThreat, id, t);

  // Record-level gaps, each reported once. A control that names no threat of the current model, and a
  // requirement that names no existing control, are orphans: nothing in the matrix leads to them (5.2.1, 5.7.1).
  const threatIds = new Set(input.threats.map((t) => t.id));
  const controlIds = new Set(controls.map((c) => c.id));
  for (const c of controls) {
    if (!c.threatIds.some((id) => threatIds.has(id)))
      gap('control_without_threat', { controlId: c.id, ref: c.ref }, c.ref, null, `Control ${c.ref} is not traced to a threat of the current threat model.`);
    if (!reqsOfControl.has(c.id)) gap('control_without_requirement', { controlId: c.id, ref: c.ref }, c.ref, null, `Control ${c.ref} has no security requirement.`);
  }
  for (const r of requirements) {
    if (!r.controlIds.some((id) => controlIds.has(id)))
      gap('requirement_without_control', { requirementId: r.id, ref: r.ref }, r.ref, null, `Requirement ${r.ref} is not derived from a control.`);
    if (r.reviewStatus !== 'approved')
      gap('requirement_not_approved', { requirementId: r.id, ref: r.ref }, r.ref, r.reviewStatus, `Requirement ${r.ref} is ${r.reviewStatus}, not approved.`);
    if (!testsOfRequirement.has(r.id)) gap('requirement_without_test', { requirementId: r.id, ref: r.ref }, r.ref, null, `Requirement ${r.ref} has no verification test.`);
  }
  for (const t of tests) {
    // An inconclusive result is no failure, nor a pass: it is a gap of its own (the test must be repeated or judged).
    if (t.result === 'failed') gap('test_failed', { testId: t.id, ref: t.ref }, t.ref, null, `Test ${t.ref} failed.`);
    else if (t.result === 'inconclusive') gap('test_inconclusive', { testId: t.id, ref: t.ref }, t.ref, null, `Test ${t.ref} was inconclusive.`);
    else if (t.result === 'not_run') gap('test_not_run', { testId: t.id, ref: t.ref }, t.ref, null, `Test ${t.ref} has not been run.`);
  }
  const recordGaps = new Map<string, GapKind[]>();
  for (const g of gaps) {
    const key = g.controlId ?? g.requirementId ?? g.testId ?? '';
    recordGaps.set(key, [...(recordGaps.get(key) ?? []), g.kind]);
  }

  const threats = [...input.threats].sort((a, b) => {
    const ea = elementName.get(a.elementId) ?? '';
    const eb = elementName.get(b.elementId) ?? '';
    return ea < eb ? -1 : ea > eb ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : 1;
  });
  const rows: TraceRow[] = [];
  let closed = 0;
  for (const th of threats) {
    const rowGaps = new Set<GapKind>();
    const applicable = th.status !== 'not_applicable';
    const risk = input.risks.get(th.id) ?? null;
    const ctrls = controlsOfThreat.get(th.id) ?? [];
    if (applicable) {
      if (!risk) {
        gap('threat_without_risk', { threatId: th.id }, th.title, null, `Threat "${th.title}" has no risk estimate.`);
        rowGaps.add('threat_without_risk');
      } else if (risk.residualLevel === 'unacceptable') {
        // Not a missing acceptance: an unacceptable residual risk cannot be accepted (7.4), it needs more controls.
        gap('residual_risk_unacceptable', { threatId: th.id }, th.title, risk.residualLevel, `Residual risk of "${th.title}" is in the unacceptable region: add controls.`);
        rowGaps.add('residual_risk_unacceptable');
      } else if (!risk.controlled) {
        gap('residual_risk_not_controlled', { threatId: th.id }, th.title, risk.residualLevel, `Residual risk of "${th.title}" is ${risk.residualLevel ?? 'unknown'} and not accepted.`);
        rowGaps.add('residual_risk_not_controlled');
      }
      if (ctrls.length === 0) {
        gap('threat_without_control', { threatId: th.id }, th.title, null, `Threat "${th.title}" has no control.`);
        rowGaps.add('threat_without_control');
      }
    }
    const traceControls: TraceControl[] = ctrls.map((c) => {
      for (const k of recordGaps.get(c.id) ?? []) if (applicable) rowGaps.add(k);
      return {
        id: c.id,
        ref: c.ref,
        type: c.type,
        requirements: (reqsOfControl.get(c.id) ?? []).map((r) => {
          for (const k of recordGaps.get(r.id) ?? []) if (applicable) rowGaps.add(k);
          return {
            id: r.id,
            ref: r.ref,
            reviewStatus: r.reviewStatus,
            tests: (testsOfRequirement.get(r.id) ?? []).map((t) => {
              for (const k of recordGaps.get(t.id) ?? []) if (applicable) rowGaps.add(k);
              return traceTest(t);
            }),
          };
        }),
      };
    });
    const mitigationTests = testsOfThreat.get(th.id) ?? [];
    for (const t of mitigationTests) for (const k of recordGaps.get(t.id) ?? []) if (applicable) rowGaps.add(k);
    if (rowGaps.size === 0) closed += 1;
    rows.push({
      threatId: th.id,
      threatTitle: th.title,
      elementId: th.elementId,
      elementName: elementName.get(th.elementId) ?? '',
      category: th.category,
      status: th.status,
      risk: risk && { initialLevel: risk.initialLevel, residualLevel: risk.residualLevel, controlled: risk.controlled },
      controls: traceControls,
      mitigationTests: mitigationTests.map(traceTest),
      gaps: gapKinds.filter((k) => rowGaps.has(k)),
    });
  }
  const counts = Object.fromEntries(gapKinds.map((k) => [k, gaps.filter((g) => g.kind === k).length])) as Record<GapKind, number>;
  return { rows, gaps, counts: { ...counts, threats: rows.length, closed } };
}

/** A control traced to no threat, or a requirement derived from no control: no threat row leads to it. */
export interface TraceOrphan {
  readonly kind: 'control' | 'requirement';
  readonly id: string;
  readonly ref: string;
  /** A requirement's review status (a requirement without a requirement_not_approved gap is approved); null for a control. */
  readonly reviewStatus: string | null;
  /** Every gap of the record, in gapKinds order: the reason it is an orphan comes first. */
  readonly gaps: readonly GapKind[];
}

/**
 * The orphans of a matrix, controls then requirements, in ref order. Read from its gaps alone, so a
 * matrix fetched from the API gives the same list as one built here.
 */
export function traceOrphans(m: Pick<TraceabilityMatrix, 'gaps'>): TraceOrphan[] {
  const orphans: TraceOrphan[] = [];
  for (const g of m.gaps) {
    if (g.kind !== 'control_without_threat' && g.kind !== 'requirement_without_control') continue;
    const control = g.kind === 'control_without_threat';
    const id = (control ? g.controlId : g.requirementId) ?? '';
    const own = m.gaps.filter((x) => (control ? x.controlId : x.requirementId) === id && x.threatId === null);
    const kinds = new Set(own.map((x) => x.kind));
    orphans.push({
      kind: control ? 'control' : 'requirement',
      id,
      ref: g.ref ?? g.subject,
      reviewStatus: control ? null : (own.find((x) => x.kind === 'requirement_not_approved')?.value ?? 'approved'),
      gaps: gapKinds.filter((k) => kinds.has(k)),
    });
  }
  return orphans;
}

function csvCell(v: string): string {
  // Cells starting with = + - @ are prefixed so spreadsheets do not evaluate them.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One CSV line per path threat → control → requirement → test (RFC 4180, CRLF line ends), then one
 * line per orphan (control traced to no threat, requirement derived from no control) with empty threat
 * cells, and empty control cells for a requirement, its gaps saying why.
 */
export function traceabilityCsv(m: TraceabilityMatrix): string {
  const header = ['threat_id', 'threat', 'element', 'category', 'status', 'initial_risk', 'residual_risk', 'control', 'control_type', 'requirement', 'requirement_review', 'test', 'test_kind', 'test_result', 'test_date', 'gaps'];
  const lines = [header.join(',')];
  for (const r of m.rows) {
    const base = [r.threatId, r.threatTitle, r.elementName, r.category, r.status, r.risk?.initialLevel ?? '', r.risk?.residualLevel ?? ''];
    const tail = r.gaps.join(' ');
    const paths: string[][] = [];
    for (const c of r.controls) {
      if (c.requirements.length === 0) paths.push([c.ref, c.type, '', '', '', '', '', '']);
      for (const q of c.requirements) {
        if (q.tests.length === 0) paths.push([c.ref, c.type, q.ref, q.reviewStatus, '', '', '', '']);
        for (const t of q.tests) paths.push([c.ref, c.type, q.ref, q.reviewStatus, t.ref, t.kind, t.result, t.executedOn ?? '']);
      }
    }
    for (const t of r.mitigationTests) paths.push(['', '', '', '', t.ref, t.kind, t.result, t.executedOn ?? '']);
    if (paths.length === 0) paths.push(['', '', '', '', '', '', '', '']);
    for (const p of paths) lines.push([...base, ...p, tail].map(csvCell).join(','));
  }
  const noThreat = ['', '', '', '', '', '', ''];
  for (const o of traceOrphans(m)) {
    const path = o.kind === 'control' ? [o.ref, '', '', '', '', '', '', ''] : ['', '', o.ref, o.reviewStatus ?? '', '', '', '', ''];
    lines.push([...noThreat, ...path, o.gaps.join(' ')].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
