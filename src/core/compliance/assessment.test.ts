import { describe, expect, it } from 'vitest';
import { catalogs, crosswalks, derivedDualStandard } from '../../catalogs/index.js';
import { IEC, MHLW_0523, MHLW_GUIDANCE } from '../../catalogs/keys.js';
import * as keys from '../../catalogs/keys.js';
import type { Catalog, CatalogEntry } from './catalog.js';
import type { Crosswalk, Relation } from './crosswalk.js';
import { proposeApplicability } from './applicability.js';
import {
  assessmentIssues,
  buildCoverageGraph,
  effectiveStatuses,
  evidenceSources,
  isAssessed,
  propagationTargets,
  type Assessment,
  type AssessmentStatus,
} from './assessment.js';
import { analyzeGaps, gapRowView } from './gap.js';

const entry = (id: string, parent: string | null, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id, parent, kind: 'item', title: { ja: `項目${id}`, en: `Item ${id}` }, description: { ja: '説明', en: 'Description' },
  expectedEvidence: ['other'], provenance: 'verified', sourceNote: 'fixture', level: 'product', ...extra,
});
const catalog = (id: string, entries: CatalogEntry[]): Catalog => ({
  id, version: '1', title: { ja: id, en: id }, publisher: 'test', kind: 'standard', sourceNote: 'fixture', entries,
});
const A = catalog('a', [entry('1', null), entry('1.1', '1'), entry('1.2', '1'), entry('2', null)]);
const B = catalog('b', [entry('x', null), entry('y', null), entry('z', null), entry('w', null)]);
const link = (from: string, to: string, relation: Relation) => ({ from: { catalog: 'b@1', entry: from }, to: { catalog: 'a@1', entry: to }, relation, rationale: { ja: 'r', en: 'r' } });
// x equal a#1 (whole clause); y subset a#2; z superset a#2; w intersect a#1.1
const cw: Crosswalk = { id: 'cw', version: '1', title: { ja: 'c', en: 'c' }, provenance: 'interpretation', sourceNote: 'fixture', links: [link('x', '1', 'equal'), link('y', '2', 'subset'), link('z', '2', 'superset'), link('w', '1.1', 'intersect')] };
const graph = buildCoverageGraph([A, B], [cw]);

let n = 0;
const assess = (key: string, status: AssessmentStatus, extra: Partial<Assessment> = {}): [string, Assessment] => {
  const [catalogRef, entryId] = key.split('#') as [string, string];
  n += 1;
  return [key, { id: `as-${n}`, productId: 'p', catalog: catalogRef, entry: entryId, status, justification: status === 'not_applicable' ? 'why' : '', owner: 'o', dueDate: null, notes: '', createdAt: '', updatedAt: '', ...extra }];
};

describe('assess once, report many', () => {
  it('equal links carry a status both ways; a subset side passes its status to the covered entry only through equal/superset', () => {
    const s = effectiveStatuses(graph, new Map([assess('a@1#2', 'implemented')]));
    // y is a subset of a#2: a#2 covers y completely → y implemented (via crosswalk)
    expect(s.get('b@1#y')).toMatchObject({ status: 'implemented', source: { type: 'crosswalk', from: 'a@1#2', relation: 'subset' } });
    // z is a superset of a#2: a#2 does not cover all of z → nothing
    expect(s.has('b@1#z')).toBe(false);
    const t = effectiveStatuses(graph, new Map([assess('b@1#z', 'verified')]));
    // z covers all of a#2 → a#2 verified, and y (subset of a#2) follows transitively
    expect(t.get('a@1#2')?.status).toBe('verified');
    expect(t.get('b@1#y')?.status).toBe('verified');
  });

  it('an equal link on a parent clause covers its subclauses; intersect never propagates', () => {
    const s = effectiveStatuses(graph, new Map([assess('b@1#x', 'in_progress')]));
    expect(s.get('a@1#1.1')).toMatchObject({ status: 'in_progress', source: { type: 'crosswalk', from: 'b@1#x' } });
    expect(s.get('a@1#1.2')?.status).toBe('in_progress');
    const w = effectiveStatuses(graph, new Map([assess('b@1#w', 'verified')]));
    expect(w.has('a@1#1.1')).toBe(false);
  });

  it('a parent rolls up the lowest status of its applicable children and passes it on through equal links', () => {
    const s = effectiveStatuses(graph, new Map([assess('a@1#1.1', 'verified'), assess('a@1#1.2', 'implemented')]));
    expect(s.get('a@1#1')).toMatchObject({ status: 'implemented', source: { type: 'rollup' } });
    expect(s.get('b@1#x')).toMatchObject({ status: 'implemented', source: { type: 'crosswalk', from: 'a@1#1' } });
    const partial = effectiveStatuses(graph, new Map([assess('a@1#1.1', 'verified')]));
    expect(partial.get('a@1#1')).toMatchObject({ status: 'not_started', source: { type: 'rollup', complete: false } });
    const na = effectiveStatuses(graph, new Map([assess('a@1#1.1', 'verified'), assess('a@1#1.2', 'not_applicable')]));
    expect(na.get('a@1#1')?.status).toBe('verified');
  });

  it('a partial roll-up is never carried through a crosswalk, so it cannot come back to the unassessed children it was made of', () => {
    // a#1.2 was never assessed. a#1 rolls up to "not started" only because of it; x (equal a#1)
    // must not take that up, nor hand it back to a#1.2 (which would then look assessed).
    const s = effectiveStatuses(graph, new Map([assess('a@1#1.1', 'implemented')]));
    expect(s.get('a@1#1')).toMatchObject({ status: 'not_started', source: { type: 'rollup', complete: false } });
    expect(isAssessed(s.get('a@1#1'))).toBe(false);
    expect(s.has('b@1#x')).toBe(false);
    expect(s.has('a@1#1.2')).toBe(false);
    // once every child is assessed the roll-up is complete and passes on as before
    const full = effectiveStatuses(graph, new Map([assess('a@1#1.1', 'implemented'), assess('a@1#1.2', 'in_progress')]));
    expect(full.get('b@1#x')).toMatchObject({ status: 'in_progress', source: { type: 'crosswalk', from: 'a@1#1' } });
    expect(isAssessed(full.get('a@1#1'))).toBe(true);
  });

  it('on the shipped catalogs: an IEC sub-clause nobody assessed stays unassessed (no loop through 0523 item 1 ↔ Clause 4)', () => {
    const real = buildCoverageGraph(catalogs, crosswalks);
    const iec = catalogs.find((c) => `${c.id}@${c.version}` === IEC)!;
    const leaves = iec.entries.filter((e) => e.parent !== null && !iec.entries.some((c) => c.parent === e.id));
    const clause4 = leaves.filter((e) => e.id.startsWith('4.') && e.id !== '4.1.5');
    const s = effectiveStatuses(real, new Map(clause4.map((e) => assess(`${IEC}#${e.id}`, 'implemented'))));
    expect(s.has(`${IEC}#4.1.5`)).toBe(false);
    expect(s.has(`${MHLW_0523}#jis.1`)).toBe(false);
    expect(s.get(`${IEC}#4`)).toMatchObject({ source: { type: 'rollup', complete: false } });
    // 0328 item 1.1 (subset of 6.2.1) follows an assessed 6.2.1, not a heading's partial roll-up
    const t = effectiveStatuses(real, new Map([assess(`${IEC}#6.2.1`, 'implemented')]));
    expect(t.get(`${keys.MHLW_0328}#1.1`)).toMatchObject({ status: 'implemented', source: { type: 'crosswalk', from: `${IEC}#6.2.1` } });
  });

  it('a direct assessment wins over every propagated one; not applicable never propagates but covers the subtree', () => {
    const s = effectiveStatuses(graph, new Map([assess('b@1#x', 'verified'), assess('a@1#1.2', 'in_progress')]));
    expect(s.get('a@1#1.2')).toMatchObject({ status: 'in_progress', source: { type: 'direct' } });
    const na = effectiveStatuses(graph, new Map([assess('a@1#1', 'not_applicable')]));
    expect(na.get('a@1#1.1')).toMatchObject({ status: 'not_applicable', source: { type: 'inherited', from: 'a@1#1' } });
    expect(na.has('b@1#x')).toBe(false);
  });

  it('a direct assessment on a clause marks its subclauses (inherited)', () => {
    const s = effectiveStatuses(graph, new Map([assess('a@1#1', 'implemented')]));
    expect(s.get('a@1#1.2')).toMatchObject({ status: 'implemented', source: { type: 'inherited', from: 'a@1#1' } });
  });

  it('evidence of a covering entry counts, evidence of an intersecting one does not', () => {
    expect(evidenceSources(graph, 'a@1#1.1')).toEqual(['a@1#1', 'a@1#1.1', 'b@1#x']);
    expect(evidenceSources(graph, 'b@1#x')).toEqual(['a@1#1', 'a@1#1.1', 'a@1#1.2', 'b@1#x']);
    expect(evidenceSources(graph, 'b@1#y')).toEqual(['a@1#2', 'b@1#y', 'b@1#z']);
    expect(propagationTargets(graph, { catalog: 'b@1', entry: 'z' })).toEqual(['a@1#2', 'b@1#y']);
  });

  it('on the shipped catalogs: IEC clause 8 assessed once appears in the 0523 item 5 (crosswalk mhlw-iec: jis.5 equal 8)', () => {
    const real = buildCoverageGraph(catalogs, crosswalks);
    const targets = propagationTargets(real, { catalog: IEC, entry: '8' });
    expect(targets).toContain(`${MHLW_0523}#jis.5`);
    // and the reverse: 0523 item 4 (equal to Clause 7) marks every Clause 7 subclause
    const s = effectiveStatuses(real, new Map([assess(`${MHLW_0523}#jis.4`, 'implemented')]));
    for (const id of ['7.1.1', '7.1.2', '7.2', '7.3', '7.4', '7.5']) expect(s.get(`${IEC}#${id}`)?.status).toBe('implemented');
  });

  it('requires a justification for not applicable and a proper due date', () => {
    expect(assessmentIssues({ status: 'not_applicable', justification: ' ', owner: '', dueDate: null, notes: '' }).map((i) => i.path)).toEqual(['justification']);
    expect(assessmentIssues({ status: 'in_progress', justification: '', owner: '', dueDate: '2026/01/01', notes: '' }).map((i) => i.path)).toEqual(['dueDate']);
  });
});

describe('gap analysis', () => {
  it('lists not started, missing evidence and overdue entries and counts coverage per catalog', () => {
    const product = effectiveStatuses(graph, new Map([
      assess('a@1#1.1', 'implemented'),
      assess('a@1#1.2', 'in_progress', { dueDate: '2026-01-01' }),
      assess('a@1#2', 'not_applicable'),
    ]));
    const result = analyzeGaps({
      catalogs: [A], graph, scope: 'product', statuses: { product, organization: new Map() },
      evidence: { product: new Map([['b@1#x', 1]]), organization: new Map() }, today: '2026-02-01',
      dualStandard: { mhlwOnly: [], iecOnly: ['a@1#1.2'] },
    });
    const rows = Object.fromEntries(result.catalogs[0]!.rows.map((r) => [r.entry.id, r]));
    expect(rows['1.1']).toMatchObject({ status: 'implemented', evidenceCount: 1, gaps: [] });
    expect(rows['1.2']).toMatchObject({ status: 'in_progress', gaps: ['overdue'] });
    expect(rows['2']).toMatchObject({ status: 'not_applicable', gaps: [], justification: { ja: 'why', en: 'why' } });
    expect(result.catalogs[0]!.summary).toMatchObject({ total: 3, applicable: 2, implemented: 1, coveragePercent: 50, withGaps: 1 });
    expect(result.dualStandard[0]).toMatchObject({ side: 'iec', ref: 'a@1#1.2', row: { status: 'in_progress' } });
    expect(result.totals.gaps).toEqual({ not_assessed: 0, not_started: 0, no_evidence: 0, release_without_sbom: 0, overdue: 1 });
  });

  it('an entry the route makes not applicable, and its sub-entries, give the route’s reason wholly in each language; an assessor’s as written (QA ra)', () => {
    const reason = { ja: 'ルートのため適用しない。', en: 'Does not apply on this route.' };
    const product = effectiveStatuses(graph, new Map([assess('a@1#2', 'not_applicable', { justification: '手書きの理由 / written' })]), new Map([['a@1#1', { status: 'not_applicable', reason }]]));
    expect(product.get('a@1#1')?.source).toEqual({ type: 'route', reason });
    const result = analyzeGaps({
      catalogs: [A], graph, scope: 'product', statuses: { product, organization: new Map() },
      evidence: { product: new Map(), organization: new Map() }, today: '2026-02-01', dualStandard: { mhlwOnly: [], iecOnly: [] },
    });
    const rows = Object.fromEntries(result.catalogs[0]!.rows.map((r) => [r.entry.id, r]));
    // 1.1 and 1.2 inherit from 1, which the route sets: they say why (they said nothing).
    for (const id of ['1.1', '1.2']) expect(rows[id]).toMatchObject({ status: 'not_applicable', source: { type: 'inherited', from: 'a@1#1' }, justification: reason });
    expect(rows['2']!.justification).toEqual({ ja: '手書きの理由 / written', en: '手書きの理由 / written' });
    // The JSON view: the English form in the plain field, both in justificationText.
    expect(gapRowView(rows['1.1']!)).toMatchObject({ justification: reason.en, justificationText: reason });
  });

  it('an entry nobody assessed is a "not assessed" gap, counted apart from one assessed as not started', () => {
    const product = effectiveStatuses(graph, new Map([assess('a@1#1.1', 'not_started')]));
    const result = analyzeGaps({
      catalogs: [A], graph, scope: 'product', statuses: { product, organization: new Map() },
      evidence: { product: new Map([['a@1#1', 1]]), organization: new Map() }, today: '2026-02-01',
      dualStandard: { mhlwOnly: [], iecOnly: [] },
    });
    const rows = Object.fromEntries(result.catalogs[0]!.rows.map((r) => [r.entry.id, r]));
    expect(rows['1.1']).toMatchObject({ status: 'not_started', gaps: ['not_started'] });
    expect(rows['1.2']).toMatchObject({ status: null, gaps: ['not_assessed'] });
    expect(rows['2']).toMatchObject({ status: null, gaps: ['not_assessed', 'no_evidence'] });
    expect(result.catalogs[0]!.summary).toMatchObject({ notAssessed: 2, notStarted: 1 });
    expect(result.totals.gaps).toMatchObject({ not_assessed: 2, not_started: 1 });
  });

  it('names the releases without an SBOM on the entries that expect one, in a product report only', () => {
    const S = catalog('s', [entry('sbom', null, { expectedEvidence: ['sbom', 'release_record'] }), entry('plan', null), entry('na', null, { expectedEvidence: ['sbom'] })]);
    const g = buildCoverageGraph([S], []);
    const product = effectiveStatuses(g, new Map([assess('s@1#sbom', 'implemented'), assess('s@1#na', 'not_applicable')]));
    const base = { catalogs: [S], graph: g, evidence: { product: new Map([['s@1#sbom', 1]]), organization: new Map() }, today: '2026-01-01', dualStandard: { mhlwOnly: [], iecOnly: [] }, releasesWithoutSbom: ['2.4.1', '2.0.0'] };
    const p = analyzeGaps({ ...base, scope: 'product', statuses: { product, organization: new Map() } });
    const rows = Object.fromEntries(p.catalogs[0]!.rows.map((r) => [r.entry.id, r]));
    expect(rows['sbom']).toMatchObject({ status: 'implemented', gaps: ['release_without_sbom'], releasesWithoutSbom: ['2.4.1', '2.0.0'] });
    expect(rows['plan']!.releasesWithoutSbom).toEqual([]);
    expect(rows['na']).toMatchObject({ gaps: [], releasesWithoutSbom: [] });
    expect(p.totals.gaps.release_without_sbom).toBe(1);
  });

  it('the organisation report holds only organisation-level entries; a product report takes them from the organisation', () => {
    const C = catalog('c', [entry('org', null, { level: 'organization' }), entry('prod', null), entry('both', null, { level: 'both' })]);
    const g = buildCoverageGraph([C], []);
    const org = effectiveStatuses(g, new Map([assess('c@1#org', 'verified'), assess('c@1#both', 'implemented')]));
    const base = { catalogs: [C], graph: g, evidence: { product: new Map(), organization: new Map() }, today: '2026-01-01', dualStandard: { mhlwOnly: [], iecOnly: [] } };
    const o = analyzeGaps({ ...base, scope: 'organization', statuses: { product: new Map(), organization: org } });
    expect(o.catalogs[0]!.rows.map((r) => r.entry.id)).toEqual(['org', 'both']);
    const p = analyzeGaps({ ...base, scope: 'product', statuses: { product: new Map(), organization: org } });
    expect(p.catalogs[0]!.rows.map((r) => [r.entry.id, r.scope, r.status])).toEqual([['org', 'organization', 'verified'], ['prod', 'product', null], ['both', 'organization', 'implemented']]);
  });

  it('the dual-standard rows come from the shipped crosswalks', () => {
    const dual = derivedDualStandard();
    expect(dual.mhlwOnly.some((r) => r.startsWith(MHLW_GUIDANCE))).toBe(true);
    expect(dual.iecOnly.length).toBeGreaterThan(0);
  });
});

describe('applicability check', () => {
  it('a connected device on the Japanese market needs IEC 81001-5-1 and the MHLW instruments; on the market → Annex F route', () => {
    const p = proposeApplicability({ isSamd: false, connectivity: ['wired_lan'], deviceClass: 'III' }, { usesProgram: true, externalAccessForeseeable: false, onMarket: true, markets: ['jp'] }, keys);
    expect(p.art12_3Applies).toBe(true);
    expect(p.route).toBe('annex_f');
    const applies = p.catalogs.filter((c) => c.applies).map((c) => c.catalog);
    expect(applies).toEqual(expect.arrayContaining([IEC, MHLW_GUIDANCE, MHLW_0523, keys.MHLW_0417]));
    expect(applies).not.toContain(keys.FDA_524B);
  });
  it('no connectivity and no foreseeable access: Art. 12(3) does not apply; a US cyber device needs 524B', () => {
    const p = proposeApplicability({ isSamd: false, connectivity: ['none'], deviceClass: 'II' }, { usesProgram: true, externalAccessForeseeable: false, onMarket: false, markets: ['jp'] }, keys);
    expect(p.art12_3Applies).toBe(false);
    expect(p.catalogs.find((c) => c.catalog === MHLW_GUIDANCE)?.applies).toBe(false);
    const us = proposeApplicability({ isSamd: true, connectivity: ['internet_cloud'], deviceClass: null }, { usesProgram: false, externalAccessForeseeable: false, onMarket: false, markets: ['us'] }, keys);
    expect(us.catalogs.find((c) => c.catalog === keys.FDA_524B)?.applies).toBe(true);
    expect(us.route).toBe('full');
  });
});
