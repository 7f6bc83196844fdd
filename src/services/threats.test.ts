/**
 * Threat modelling services on both dialects: security context, versions (frozen once superseded,
 * diff), Threat Dragon import/export, risk register with organisation scales and acceptance,
 * controls → requirements (reviews) → tests, traceability gaps closing, evidence summary, audit entries,
 * role checks and tenant isolation.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { emptyThreatModel, type ThreatModel } from '../core/threats/model.js';
import { defaultRiskScales } from '../core/threats/scales.js';
import { createProduct } from './products.js';
import {
  acceptResidualRisk,
  createControl,
  createRequirement,
  createTest,
  createThreatModelVersion,
  diffThreatModelVersions,
  exportThreatModel,
  getRiskRegister,
  getSecurityContext,
  getThreatSummary,
  getTraceability,
  importThreatDragonModel,
  listThreatModelVersions,
  putRisk,
  putRiskScales,
  putSecurityContext,
  reviewRequirement,
  saveThreatModel,
  strideSuggestions,
  updateRequirement,
  updateTest,
} from './threats.js';

const td = JSON.parse(readFileSync(new URL('../../test/fixtures/threat-dragon-pump.json', import.meta.url), 'utf8')) as unknown;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describeEachDialect('threat modelling services', (env) => {
  let t: Tenant;
  let other: Tenant;
  let productId: string;

  beforeAll(async () => {
    t = await seedTenant(env().ctx);
    other = await seedTenant(env().ctx);
    productId = must(await createProduct(env().ctx, t.editor, productInput())).id;
  });

  it('keeps a security context keyed to MDS2 capabilities; viewers read, not write', async () => {
    const ctx = env().ctx;
    const empty = must(await getSecurityContext(ctx, t.viewer, productId));
    expect(empty.updatedAt).toBeNull();
    const context = {
      ...empty.context,
      networkEnvironment: 'Hospital clinical VLAN',
      interfaces: [{ name: 'Ethernet', kind: 'ethernet', external: true, crossesTrustBoundary: true, description: '' }],
      data: [{ name: 'Infusion records', patientData: 'identifiable' as const, atRest: true, inTransit: true, description: '' }],
      safetyImpact: 'Loss of integrity of the dose table can cause over-infusion.',
      capabilities: { AUTH: { answer: 'yes' as const, note: 'Role-based' }, TXCF: { answer: 'no' as const, note: '' } },
    };
    expect(must(await putSecurityContext(ctx, t.editor, productId, context)).updatedBy).toBe(t.editor.name);
    const denied = await putSecurityContext(ctx, t.viewer, productId, context);
    expect(denied.ok ? '' : denied.error.code).toBe('auth.forbidden');
    const bad = await putSecurityContext(ctx, t.editor, productId, { ...context, capabilities: { NOPE: { answer: 'yes', note: '' } } as never });
    expect(bad.ok ? '' : bad.error.code).toBe('security_context.invalid');
    expect(must(await getSecurityContext(ctx, t.viewer, productId)).context.capabilities.AUTH?.answer).toBe('yes');
    const foreign = await getSecurityContext(ctx, other.admin, productId);
    expect(foreign.ok ? '' : foreign.error.code).toBe('product.not_found');
  });

  let v1Id = '';
  let v2Id = '';
  let model: ThreatModel;

  it('imports a Threat Dragon model as version 1, exports it unchanged and round-trips', async () => {
    const ctx = env().ctx;
    const imported = must(await importThreatDragonModel(ctx, t.editor, productId, td, { fileName: 'pump.json' }));
    expect(imported).toMatchObject({ version: 1, label: 'Infusion pump', elementCount: 6, threatCount: 3, frozenAt: null });
    v1Id = imported.id;
    model = imported.model;
    const exported = must(await exportThreatModel(ctx, t.viewer, v1Id, 'threat-dragon'));
    expect(exported.document).toEqual(td);
    const again = must(await importThreatDragonModel(ctx, t.editor, productId, JSON.parse(JSON.stringify(exported.document))));
    expect(again.model).toEqual(imported.model);
    expect(again.version).toBe(2);
    v2Id = again.id;
    const bad = await importThreatDragonModel(ctx, t.editor, productId, { hello: 'world' });
    expect(bad.ok ? '' : bad.error.code).toBe('threat_model.invalid');
    const json = must(await exportThreatModel(ctx, t.viewer, v1Id, 'json'));
    expect(json.document).toMatchObject({ format: 'mamori-threat-model', version: 1 });
  });

  it('freezes superseded versions, edits the newest, and diffs two versions', async () => {
    const ctx = env().ctx;
    const frozen = await saveThreatModel(ctx, t.editor, v1Id, { model });
    expect(frozen.ok ? '' : frozen.error.code).toBe('threat_model.frozen');
    const edited: ThreatModel = {
      ...model,
      elements: [...model.elements, { ...model.elements.find((e) => e.kind === 'process')!, id: 'cloud', name: 'Cloud service', raw: null }],
      threats: model.threats.map((th, i) => (i === 0 ? { ...th, status: 'mitigated' as const } : th)),
    };
    const saved = must(await saveThreatModel(ctx, t.editor, v2Id, { model: edited, label: 'with cloud' }));
    expect(saved).toMatchObject({ label: 'with cloud', elementCount: 7 });
    const dangling = await saveThreatModel(ctx, t.editor, v2Id, { model: { ...edited, threats: [{ ...edited.threats[0]!, elementId: 'nowhere' }] } });
    expect(dangling.ok ? [] : dangling.error.issues?.map((i) => i.path)).toEqual(['threats.0.elementId']);
    const d = must(await diffThreatModelVersions(ctx, t.viewer, v2Id, v1Id)).diff;
    expect(d.elements.added).toEqual([{ id: 'cloud', name: 'Cloud service' }]);
    expect(d.threats.changed).toHaveLength(1);
    const versions = must(await listThreatModelVersions(ctx, t.viewer, productId));
    expect(versions.map((v) => [v.version, v.frozenAt !== null])).toEqual([[2, false], [1, true]]);
    const suggestions = must(await strideSuggestions(ctx, t.viewer, v2Id));
    expect(suggestions.some((s) => s.elementId === 'cloud' && s.category === 'elevation_of_privilege')).toBe(true);
    const copy = must(await createThreatModelVersion(ctx, t.editor, productId, { label: 'v3' }));
    expect(copy.model).toEqual(saved.model);
    model = copy.model;
  });

  it('keeps the risk register on organisation scales, with acceptance of residual risk', async () => {
    const ctx = env().ctx;
    const [t1, t2] = model.threats;
    const refused = await putRiskScales(ctx, t.editor, defaultRiskScales);
    expect(refused.ok ? '' : refused.error.code).toBe('auth.forbidden');
    must(await putRiskScales(ctx, t.admin, { ...defaultRiskScales, matrix: defaultRiskScales.matrix.map((row, i) => (i === 0 ? row.map(() => 'acceptable' as const) : row)) }));
    const entry = must(
      await putRisk(ctx, t.editor, productId, t1!.id, {
        likelihood: 4,
        impact: 4,
        residualLikelihood: 1,
        residualImpact: 5,
        hazard: { hazardId: 'HAZ-012', hazard: 'Wrong dose', harm: 'Overdose', severity: 4 },
        rationale: 'Remote tampering of dose commands',
      }),
    );
    expect(entry.evaluation).toMatchObject({ initialLevel: 'unacceptable', residualLevel: 'acceptable', controlled: true });
    const off = await putRisk(ctx, t.editor, productId, t2!.id, { likelihood: 9, impact: 1, residualLikelihood: null, residualImpact: null, hazard: null, rationale: '' });
    expect(off.ok ? '' : off.error.code).toBe('risk.invalid');
    must(await putRisk(ctx, t.editor, productId, t2!.id, { likelihood: 3, impact: 2, residualLikelihood: null, residualImpact: null, hazard: null, rationale: '' }));
    const noRationale = await acceptResidualRisk(ctx, t.editor, productId, t2!.id, ' ');
    expect(noRationale.ok ? '' : noRationale.error.code).toBe('risk.invalid');
    const accepted = must(await acceptResidualRisk(ctx, t.editor, productId, t2!.id, 'Benefit outweighs'));
    expect(accepted.assessment?.acceptance).toMatchObject({ acceptedBy: t.editor.name, rationale: 'Benefit outweighs' });
    expect(accepted.evaluation?.controlled).toBe(true);
    const register = must(await getRiskRegister(ctx, t.viewer, productId));
    expect(register.items.filter((i) => i.assessment)).toHaveLength(2);
    const unknown = await putRisk(ctx, t.editor, productId, 'no-such-threat', { likelihood: 1, impact: 1, residualLikelihood: null, residualImpact: null, hazard: null, rationale: '' });
    expect(unknown.ok ? '' : unknown.error.code).toBe('threat.not_found');
  });

  it('traces threat → control → requirement → test and closes the gaps', async () => {
    const ctx = env().ctx;
    const gapsBefore = must(await getTraceability(ctx, t.viewer, productId)).matrix;
    expect(gapsBefore.counts.threat_without_control).toBe(2); // the third threat is not applicable
    const [t1, t2, t3] = model.threats;
    const badControl = await createControl(ctx, t.editor, productId, { ref: 'SC-1', title: 'x', description: '', type: 'design', status: 'planned', threatIds: ['nope'] });
    expect(badControl.ok ? [] : badControl.error.issues?.map((i) => i.path)).toEqual(['threatIds.0']);
    const c1 = must(await createControl(ctx, t.editor, productId, { ref: 'SC-1', title: 'Signed commands', description: '', type: 'design', status: 'implemented', threatIds: [t1!.id, t2!.id, t3!.id] }));
    const dup = await createControl(ctx, t.editor, productId, { ref: 'SC-1', title: 'dup', description: '', type: 'design', status: 'planned', threatIds: [] });
    expect(dup.ok ? '' : dup.error.code).toBe('threat_record.ref_taken');
    const r1 = must(await createRequirement(ctx, t.editor, productId, { ref: 'SR-1', title: 'Commands are signed', text: 'The pump shall reject unsigned commands.', controlIds: [c1.id] }));
    expect(r1.reviewStatus).toBe('draft');
    const v1 = must(
      await createTest(ctx, t.editor, productId, { ref: 'VT-1', title: 'Unsigned command rejected', kind: 'threat_mitigation', procedure: '', requirementIds: [r1.id], threatIds: [t1!.id], result: 'not_run', executedOn: null, tester: '', independence: 'different_department', notes: '' }),
    );
    let m = must(await getTraceability(ctx, t.viewer, productId)).matrix;
    expect(m.gaps.map((g) => g.kind).sort()).toEqual(['requirement_not_approved', 'test_not_run']);
    const noDate = await updateTest(ctx, t.editor, v1.id, { result: 'passed' });
    expect(noDate.ok ? [] : noDate.error.issues?.map((i) => i.path)).toEqual(['executedOn', 'tester']);
    must(await updateTest(ctx, t.editor, v1.id, { result: 'passed', executedOn: '2026-11-01', tester: 'QA Lab' }));
    const reject = await reviewRequirement(ctx, t.editor, r1.id, { status: 'rejected', comment: '' });
    expect(reject.ok ? '' : reject.error.code).toBe('requirement.invalid');
    const approved = must(await reviewRequirement(ctx, t.admin, r1.id, { status: 'approved', comment: 'Clear and testable' }));
    expect(approved.reviews).toEqual([expect.objectContaining({ status: 'approved', by: t.admin.name, comment: 'Clear and testable' })]);
    must(await putRisk(ctx, t.editor, productId, t3!.id, { likelihood: 1, impact: 1, residualLikelihood: null, residualImpact: null, hazard: null, rationale: '' }));
    m = must(await getTraceability(ctx, t.viewer, productId)).matrix;
    expect(m.gaps).toEqual([]);
    expect(m.counts.closed).toBe(3);
    const reworded = must(await updateRequirement(ctx, t.editor, r1.id, { text: 'Changed words' }));
    expect(reworded.reviewStatus).toBe('draft');
    expect(must(await getTraceability(ctx, t.viewer, productId)).matrix.gaps.map((g) => g.kind)).toEqual(['requirement_not_approved']);
  });

  it('summarises the records as evidence with stable ids, and audits every write', async () => {
    const ctx = env().ctx;
    const s = must(await getThreatSummary(ctx, t.viewer, productId));
    expect(s.evidence.map((e) => e.kind)).toEqual(['security_context', 'threat_model_version', 'risk_register', 'traceability_matrix']);
    expect(s.evidence.find((e) => e.kind === 'risk_register')!.evidenceId).toBe(`risk-register:${productId}`);
    expect(s.evidence.find((e) => e.kind === 'traceability_matrix')!.facts).toMatchObject({ threats: 3, gaps: 1 });
    const again = must(await getThreatSummary(ctx, t.viewer, productId));
    expect(again.evidence.map((e) => e.contentSha256)).toEqual(s.evidence.map((e) => e.contentSha256));
    const actions = (await ctx.store.db.selectFrom('audit_log').select('action').where('organization_id', '=', t.organizationId).execute()).map((r) => r.action);
    for (const a of ['security_context.update', 'threat_model.import', 'threat_model.update', 'threat_model.create', 'risk_scales.update', 'risk.create', 'risk.accept', 'control.create', 'requirement.create', 'requirement.update', 'verification_test.update'])
      expect(actions).toContain(a);
    const foreign = await getTraceability(ctx, other.admin, productId);
    expect(foreign.ok ? '' : foreign.error.code).toBe('product.not_found');
    const otherProduct = must(await createProduct(ctx, other.editor, productInput()));
    const none = await getRiskRegister(ctx, other.viewer, otherProduct.id);
    expect(none.ok ? '' : none.error.code).toBe('threat_model.none');
    const started = must(await createThreatModelVersion(ctx, other.editor, otherProduct.id, {}));
    expect(started.model).toEqual(emptyThreatModel(otherProduct.name));
  });
});
