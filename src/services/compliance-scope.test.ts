/**
 * What is accepted is what is reported: an assessment or evidence is stored only in the scope that
 * answers for the entry (organisation-level entries for the organisation, product-level ones on a
 * product), and the evidence behind a row's count can be listed item by item with where each is
 * recorded. Both dialects.
 */
import { beforeAll, expect, it } from 'vitest';
import { IEC } from '../catalogs/keys.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { listAudit } from '../store/repositories/audit.js';
import {
  addRecordEvidence,
  assessmentHistory,
  complianceReport,
  entryEvidence,
  listAssessments,
  setAssessment,
  setAssessmentsBulk,
  uploadEvidenceFile,
} from './compliance.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';

const base = { justification: '', owner: 'Security lead', dueDate: '2024-01-31', notes: '' };

describeEachDialect('compliance scopes', (env) => {
  let t: Tenant;
  let productId: string;
  let releaseId: string;
  beforeAll(async () => {
    t = await seedTenant(env().ctx);
    const p = await createProduct(env().ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    productId = p.value.id;
    const r = await createRelease(env().ctx, t.editor, productId, { version: '1.0.0', releaseDate: '2026-01-10', stage: 'support', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    releaseId = r.value.id;
  });

  const row = async (entry: string) => {
    const report = await complianceReport(env().ctx, t.viewer, productId, { catalog: IEC });
    if (!report.ok) throw new Error(report.error.message);
    return report.value.analysis.catalogs[0]!.rows.find((r) => r.entry.id === entry)!;
  };

  it('refuses a product assessment of an organisation-level entry (IEC 4.1.1), stores and audits nothing, and reports the organisation’s', async () => {
    const { ctx } = env();
    const refused = await setAssessment(ctx, t.editor, { productId, catalog: IEC, entry: '4.1.1' }, { ...base, status: 'in_progress' });
    expect(!refused.ok && refused.error.code).toBe('compliance.wrong_scope');
    expect(!refused.ok && refused.error.message).toMatch(/4\.1\.1 .*organisation-level.*organisation scope/);
    expect((await listAssessments(ctx, t.viewer, productId)).ok && (await listAssessments(ctx, t.viewer, productId))).toMatchObject({ value: [] });
    const audit = await listAudit(ctx.store.db, t.organizationId, { entityType: 'compliance_assessment' }, { limit: 10, offset: 0 });
    expect(audit.items).toEqual([]);
    // The bulk change refuses it too, naming the item, and stores nothing of the batch.
    const bulk = await setAssessmentsBulk(ctx, t.editor, productId, [
      { catalog: IEC, entry: '8', status: 'implemented' },
      { catalog: IEC, entry: '4.1.4', status: 'implemented' },
    ]);
    expect(!bulk.ok && bulk.error.issues?.map((i) => i.path)).toEqual(['items.1.entry']);
    expect(!bulk.ok && bulk.error.message).toContain('organisation-level');
    expect((await listAssessments(ctx, t.viewer, productId)).ok && (await listAssessments(ctx, t.viewer, productId))).toMatchObject({ value: [] });
    // Evidence for it is refused in the product scope as well (the report would never count it there).
    const link = await addRecordEvidence(ctx, t.editor, { productId, catalog: IEC, entry: '4.1.1' }, { recordType: 'release', recordId: releaseId, title: 'Release', version: '' });
    expect(!link.ok && link.error.code).toBe('compliance.wrong_scope');
    const file = await uploadEvidenceFile(ctx, t.editor, { productId, catalog: IEC, entry: '4.1.1' }, { bytes: new Uint8Array([1]), fileName: 'qms.pdf', mediaType: null, title: 'QMS', version: '' });
    expect(!file.ok && file.error.code).toBe('compliance.wrong_scope');
    // Reading the (empty) history of the entry in the product scope still works.
    expect((await assessmentHistory(ctx, t.viewer, { productId, catalog: IEC, entry: '4.1.1' })).ok).toBe(true);

    // Where it belongs, the assessment is stored and the product's gap analysis reports it.
    const org = await setAssessment(ctx, t.editor, { productId: null, catalog: IEC, entry: '4.1.1' }, { ...base, status: 'in_progress' });
    expect(org.ok).toBe(true);
    expect(await row('4.1.1')).toMatchObject({ scope: 'organization', status: 'in_progress', owner: 'Security lead', dueDate: '2024-01-31' });
  });

  it('refuses an organisation assessment of a product-level entry with the same code', async () => {
    const res = await setAssessment(env().ctx, t.editor, { productId: null, catalog: IEC, entry: '8' }, { ...base, status: 'implemented' });
    expect(!res.ok && res.error.code).toBe('compliance.wrong_scope');
    expect(!res.ok && res.error.message).toMatch(/product-level/);
  });

  it('lists every evidence item behind a row’s count, saying where each is recorded (own, parent clause, organisation)', async () => {
    const { ctx } = env();
    const link = async (scope: string | null, entry: string, title: string) => {
      const r = await addRecordEvidence(ctx, t.editor, { productId: scope, catalog: IEC, entry }, { recordType: 'release', recordId: scope ? releaseId : null, title, version: '' });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.id;
    };
    // 4.1.5 is met by both; the product answers for it through its assessment of clause 4.
    expect((await setAssessment(ctx, t.editor, { productId, catalog: IEC, entry: '4' }, { ...base, status: 'implemented' })).ok).toBe(true);
    const onClause = await link(productId, '4', 'Release on clause 4');
    const onOrgHeading = await addRecordEvidence(ctx, t.editor, { productId: null, catalog: IEC, entry: '4.1' }, { recordType: 'audit_verification', recordId: null, title: 'Audit log verification', version: '' });
    if (!onOrgHeading.ok) throw new Error(onOrgHeading.error.message);
    expect(await row('4.1.5')).toMatchObject({ scope: 'product', evidenceCount: 2 });
    const before = await entryEvidence(ctx, t.viewer, { productId, catalog: IEC, entry: '4.1.5' });
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value).toMatchObject({ catalog: IEC, entry: '4.1.5', scope: 'product', count: 2 });
    expect(before.value.items.map((e) => [e.id, e.entry, e.productId, e.relation])).toEqual([
      [onClause, '4', productId, 'ancestor'],
      [onOrgHeading.value.id, '4.1', null, 'ancestor'],
    ]);
    const own = await link(productId, '4.1.5', 'Release on 4.1.5');
    const after = await entryEvidence(ctx, t.viewer, { productId, catalog: IEC, entry: '4.1.5' });
    if (!after.ok) throw new Error(after.error.message);
    expect((await row('4.1.5')).evidenceCount).toBe(3);
    expect(after.value.count).toBe(3);
    expect(after.value.items.map((e) => [e.id, e.relation])).toEqual([
      [own, 'self'],
      [onClause, 'ancestor'],
      [onOrgHeading.value.id, 'ancestor'],
    ]);
    expect(after.value.items[0]!.current).toMatchObject({ type: 'release', label: '1.0.0' });

    // An organisation-level row counts the organisation's evidence only; clause 4's product evidence is not in its count.
    const orgRow = await entryEvidence(ctx, t.viewer, { productId, catalog: IEC, entry: '4.1.1' });
    if (!orgRow.ok) throw new Error(orgRow.error.message);
    expect(orgRow.value).toMatchObject({ scope: 'organization', count: (await row('4.1.1')).evidenceCount });
    expect(orgRow.value.items.map((e) => e.id)).toEqual([onOrgHeading.value.id]);

    // Every row's count is the number of items listed for it.
    const report = await complianceReport(ctx, t.viewer, productId, { catalog: IEC });
    if (!report.ok) throw new Error('report');
    for (const r of report.value.analysis.catalogs[0]!.rows.filter((x) => x.entry.id.startsWith('4'))) {
      const listed = await entryEvidence(ctx, t.viewer, { productId, catalog: IEC, entry: r.entry.id });
      expect([r.entry.id, listed.ok && listed.value.count]).toEqual([r.entry.id, r.evidenceCount]);
    }
  });

  it('names the author of the report: the user’s name and email', async () => {
    const report = await complianceReport(env().ctx, t.viewer, productId, { catalog: IEC });
    expect(report.ok && report.value.generatedBy).toBe(`viewer <${t.emails.viewer}>`);
    const operator = await complianceReport(env().ctx, t.operator, productId, { catalog: IEC });
    expect(operator.ok && operator.value.generatedBy).toBe(t.operator.name);
  });
});
