/**
 * Compliance engine on both dialects: triage records as evidence for IEC 81001-5-1 9.2–9.5 (counts
 * and reasons that follow the triage tables, links that resolve to the current counts, no leak
 * across products or organisations) and the bulk status change (all or nothing, every invalid item
 * named, one audit entry per entry, owner and notes kept, roles and tenant isolation).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { IEC } from '../catalogs/keys.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { vulnDbBefore } from '../../test/support/vulns.js';
import { listAudit } from './audit.js';
import {
  addRecordEvidence,
  complianceReport,
  listAssessments,
  listEvidence,
  setAssessment,
  setAssessmentsBulk,
  suggestEvidence,
  bulkAssessmentLimit,
} from './compliance.js';
import { createServiceContext, type ServiceContext } from './context.js';
import { analyzeRelease, listReleaseFindings, type FindingRecord } from './findings.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { uploadSbom } from './sboms.js';
import { putClinicalProfile, setRiskDecision, setTriage } from './triage.js';
import { fixedVulnDbSource } from './vulndb-source.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8');
const options = { vulnDbPath: null };

describeEachDialect('compliance engine: triage evidence and bulk status', (env) => {
  let ctx: ServiceContext;
  let t: Tenant;
  let other: Tenant;
  let productId: string;
  let quietProductId: string;
  let findings: FindingRecord[];
  const by = (name: string) => findings.find((f) => f.componentName === name)!;
  const suggestionsOf = async (pid: string) => {
    const s = await suggestEvidence(ctx, t.viewer, pid, options);
    if (!s.ok) throw new Error(JSON.stringify(s.error));
    return new Map(s.value.filter((x) => x.catalog === IEC && x.recordType.startsWith('triage_')).map((x) => [x.entry, x]));
  };

  beforeAll(async () => {
    let now = Date.parse('2026-04-01T00:00:00Z');
    ctx = createServiceContext(env().store, { clock: () => new Date((now += 1000)) });
    t = await seedTenant(ctx);
    other = await seedTenant(ctx);
    const p = await createProduct(ctx, t.editor, productInput());
    const q = await createProduct(ctx, t.editor, productInput());
    if (!p.ok || !q.ok) throw new Error('setup');
    productId = p.value.id;
    quietProductId = q.value.id;
    const r = await createRelease(ctx, t.editor, productId, {
      version: '1.0.0',
      releaseDate: null,
      stage: 'development',
      endOfLife: null,
      endOfSupport: null,
      notes: '',
    });
    if (!r.ok) throw new Error('setup');
    const u = await uploadSbom(ctx, t.editor, r.value.id, {
      bytes: new TextEncoder().encode(fixture),
      fileName: 'bom.json',
      source: 'upload',
    });
    if (!u.ok) throw new Error(JSON.stringify(u.error));
    const a = await analyzeRelease(ctx, t.editor, fixedVulnDbSource(vulnDbBefore()), r.value.id);
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    const list = await listReleaseFindings(ctx, t.viewer, r.value.id, {}, { limit: 50, offset: 0 });
    if (!list.ok) throw new Error('list');
    findings = [...list.value.page.items];
    expect(findings.map((f) => f.componentName).sort()).toEqual(['FreeRTOS', 'lodash', 'requests']);
  });

  it('suggests triage records for 9.2–9.5 with counts that follow the decisions, in both languages', async () => {
    const before = await suggestionsOf(productId);
    expect([...before.keys()].sort()).toEqual(['9.2', '9.3', '9.4', '9.5']);
    expect(before.get('9.2')).toMatchObject({
      catalog: IEC,
      recordType: 'triage_intake',
      available: true,
      linked: false,
    });
    expect(before.get('9.2')!.reason.en).toContain(
      '3 vulnerability findings received over 1 releases, 0 decided, 3 open',
    );
    expect(before.get('9.2')!.reason.ja).toContain('脆弱性所見 3 件');
    for (const e of ['9.3', '9.4', '9.5']) {
      expect(before.get(e)!.available).toBe(false);
      expect(before.get(e)!.reason.en).toContain('none yet');
      expect(before.get(e)!.reason.ja).toContain('なし');
    }
    // A product with no findings has nothing to offer even for intake.
    const quiet = await suggestionsOf(quietProductId);
    expect([...quiet.values()].every((s) => !s.available)).toBe(true);

    const set = async (f: FindingRecord, d: Parameters<typeof setTriage>[3]) => {
      const r = await setTriage(ctx, t.editor, f.id, d);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    };
    await set(by('lodash'), {
      scope: 'finding',
      state: 'not_affected',
      justification: 'code_not_reachable',
      responses: [],
      detail: 'template() unused',
      actionStatement: null,
    });
    await set(by('requests'), {
      scope: 'finding',
      state: 'exploitable',
      justification: null,
      responses: ['update'],
      detail: null,
      actionStatement: 'Update to 2.32.0',
    });
    await set(by('FreeRTOS'), {
      scope: 'finding',
      state: 'in_triage',
      justification: null,
      responses: [],
      detail: null,
      actionStatement: null,
    });
    const risk = await setRiskDecision(ctx, t.editor, by('requests').id, {
      control: 'uncontrolled',
      rationale: 'Remote, unauthenticated',
      awareOn: '2026-04-01',
      jpAdverseEvent: false,
    });
    if (!risk.ok) throw new Error(JSON.stringify(risk.error));
    const clinical = await putClinicalProfile(ctx, t.editor, productId, {
      answers: { therapy: true, diagnosis: false, monitoring: false, workflow: false, patientData: true },
      exposure: 'network',
    });
    expect(clinical.ok).toBe(true);
    const after = await suggestionsOf(productId);
    expect(after.get('9.2')!.reason.en).toContain(
      '3 vulnerability findings received over 1 releases, 2 decided, 1 open',
    );
    expect(after.get('9.3')).toMatchObject({ recordType: 'triage_decisions', available: true });
    expect(after.get('9.3')!.reason.en).toContain(
      'Applicability decided for 2 of 3 findings (exploitable 1, in_triage 1, not_affected 1); 1 not-affected or false-positive decisions carry a justification',
    );
    expect(after.get('9.3')!.reason.ja).toContain('所見 3 件中 2 件');
    expect(after.get('9.4')).toMatchObject({ recordType: 'triage_analysis', available: true });
    expect(after.get('9.4')!.reason.en).toContain('Clinical-impact profile: set.');
    expect(after.get('9.4')!.reason.en).toMatch(/\(\d with CVSS, 1 in KEV\)/);
    expect(after.get('9.5')).toMatchObject({ recordType: 'triage_responses', available: true });
    expect(after.get('9.5')!.reason.en).toContain('1 decisions record a response');
    expect(after.get('9.5')!.reason.en).toContain('1 FDA risk decisions (1 uncontrolled)');
    expect(after.get('9.5')!.reason.ja).toContain('公開したアドバイザリはファイルとして追加する');
    // The other product of the same organisation does not see these decisions.
    expect([...(await suggestionsOf(quietProductId)).values()].every((s) => !s.available)).toBe(true);
  });

  it('links a triage record as evidence; it resolves to the current counts and is counted on the entry', async () => {
    const linked = await addRecordEvidence(
      ctx,
      t.editor,
      { productId, catalog: IEC, entry: '9.3' },
      { recordType: 'triage_decisions', recordId: null, title: 'Triage decisions', version: '' },
      options,
    );
    if (!linked.ok) throw new Error(JSON.stringify(linked.error));
    expect(linked.value.current).toEqual({
      type: 'triage_decisions',
      id: `triage_decisions:${productId}`,
      label: '2 of 3 findings decided (exploitable 1, in_triage 1, not_affected 1), 1 justified',
      // Wholly in each language, for the screen and the document of that language (QA ra: English on Japanese screens).
      labelText: {
        ja: '所見 3 件中 2 件を判断済み（exploitable 1, in_triage 1, not_affected 1）、根拠付き 1 件',
        en: '2 of 3 findings decided (exploitable 1, in_triage 1, not_affected 1), 1 justified',
      },
    });
    // Deciding the open finding moves what the evidence points at, without touching the link.
    const r = await setTriage(ctx, t.editor, by('FreeRTOS').id, {
      scope: 'finding',
      state: 'false_positive',
      justification: 'code_not_present',
      responses: [],
      detail: null,
      actionStatement: null,
    });
    expect(r.ok).toBe(true);
    const listed = await listEvidence(ctx, t.viewer, productId, { catalog: IEC, entry: '9.3' }, options);
    if (!listed.ok) throw new Error('list');
    expect(listed.value.map((e) => e.current?.label)).toEqual([
      '3 of 3 findings decided (exploitable 1, false_positive 1, not_affected 1), 2 justified',
    ]);
    expect((await suggestionsOf(productId)).get('9.3')!.linked).toBe(true);
    const report = await complianceReport(ctx, t.viewer, productId, { catalog: IEC }, options);
    if (!report.ok) throw new Error('report');
    expect(report.value.analysis.catalogs[0]!.rows.find((row) => row.entry.id === '9.3')!.evidenceCount).toBe(
      1,
    );
    // On a product without triage records the link resolves to nothing (shown as missing).
    const empty = await addRecordEvidence(
      ctx,
      t.editor,
      { productId: quietProductId, catalog: IEC, entry: '9.2' },
      { recordType: 'triage_intake', recordId: null, title: 'Intake', version: '' },
      options,
    );
    expect(empty.ok && empty.value.current).toBeNull();
  });

  it('refuses triage links for the organisation and for another organisation’s product', async () => {
    const org = await addRecordEvidence(
      ctx,
      t.editor,
      { productId: null, catalog: IEC, entry: '9.2' },
      { recordType: 'triage_intake', recordId: null, title: 'Intake', version: '' },
      options,
    );
    expect(!org.ok && org.error.code).toBe('compliance.invalid');
    const foreign = await suggestEvidence(ctx, other.viewer, productId, options);
    expect(!foreign.ok && foreign.error.code).toBe('product.not_found');
  });

  it('bulk: sets many statuses in one go, one audit entry each, keeping owner and notes', async () => {
    const first = await setAssessment(
      ctx,
      t.editor,
      { productId, catalog: IEC, entry: '5.2.1' },
      { status: 'in_progress', justification: '', owner: 'Sato', dueDate: '2026-06-30', notes: 'keep me' },
    );
    if (!first.ok) throw new Error('setup');
    const res = await setAssessmentsBulk(ctx, t.editor, productId, [
      { catalog: IEC, entry: '5.2.1', status: 'implemented' },
      {
        catalog: 'iec-81001-5-1',
        entry: '5.2.2',
        status: 'not_applicable',
        justification: ' covered by the platform ',
      },
      { catalog: IEC, entry: '8', status: 'verified' },
    ]);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.value.items.map((i) => [i.assessment.entry, i.assessment.status])).toEqual([
      ['5.2.1', 'implemented'],
      ['5.2.2', 'not_applicable'],
      ['8', 'verified'],
    ]);
    expect(res.value.items[0]!.assessment).toMatchObject({
      id: first.value.assessment.id,
      owner: 'Sato',
      dueDate: '2026-06-30',
      notes: 'keep me',
    });
    expect(res.value.items[1]!.assessment.justification).toBe('covered by the platform');
    expect(res.value.items[1]!.propagatesTo).toEqual([]);
    expect(res.value.items[2]!.propagatesTo.length).toBeGreaterThan(0);
    const audit = await listAudit(
      ctx,
      t.admin,
      { entityType: 'compliance_assessment' },
      { limit: 50, offset: 0 },
    );
    if (!audit.ok) throw new Error('audit');
    const ids = res.value.items.map((i) => i.assessment.id);
    expect(
      audit.value.items
        .filter((a) => ids.includes(a.entityId ?? ''))
        .map((a) => a.action)
        .sort(),
    ).toEqual([
      'compliance.assessment.create', // 5.2.1 by setAssessment
      'compliance.assessment.create', // 5.2.2
      'compliance.assessment.create', // 8
      'compliance.assessment.update', // 5.2.1 by the bulk change
    ]);
  });

  it('bulk: one invalid item stores nothing and every invalid item is named', async () => {
    const before = await listAssessments(ctx, t.viewer, productId);
    if (!before.ok) throw new Error('list');
    const res = await setAssessmentsBulk(ctx, t.editor, productId, [
      { catalog: IEC, entry: '7.1.2', status: 'implemented' },
      { catalog: IEC, entry: '99.9', status: 'implemented' },
      { catalog: IEC, entry: '7.2', status: 'not_applicable' },
      { catalog: 'nope', entry: '1', status: 'implemented' },
      { catalog: IEC, entry: '7.1.2', status: 'verified' },
    ]);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('compliance.invalid');
    expect(res.error.issues?.map((i) => i.path)).toEqual([
      'items.1.entry',
      'items.2.justification',
      'items.3.catalog',
      'items.4.entry',
    ]);
    expect(res.error.issues?.[1]?.message).toContain(`item 2 (${IEC} 7.2)`);
    expect(res.error.message).toContain('4 items are invalid, so nothing was stored');
    const after = await listAssessments(ctx, t.viewer, productId);
    expect(after.ok && after.value).toEqual(before.value);
  });

  it('bulk: the organisation scope takes organisation entries only; roles, limits and tenants', async () => {
    const org = await setAssessmentsBulk(ctx, t.editor, null, [
      { catalog: IEC, entry: '4.1.1', status: 'implemented' },
    ]);
    expect(org.ok && org.value.items[0]!.assessment).toMatchObject({
      productId: null,
      entry: '4.1.1',
      status: 'implemented',
    });
    const productLevel = await setAssessmentsBulk(ctx, t.editor, null, [
      { catalog: IEC, entry: '5.2.1', status: 'implemented' },
    ]);
    expect(!productLevel.ok && productLevel.error.issues?.[0]?.path).toBe('items.0.entry');
    const viewer = await setAssessmentsBulk(ctx, t.viewer, productId, [
      { catalog: IEC, entry: '8', status: 'in_progress' },
    ]);
    expect(!viewer.ok && viewer.error.code).toBe('auth.forbidden');
    const foreign = await setAssessmentsBulk(ctx, other.editor, productId, [
      { catalog: IEC, entry: '8', status: 'in_progress' },
    ]);
    expect(!foreign.ok && foreign.error.code).toBe('product.not_found');
    const empty = await setAssessmentsBulk(ctx, t.editor, productId, []);
    expect(!empty.ok && empty.error.code).toBe('compliance.invalid');
    const tooMany = await setAssessmentsBulk(
      ctx,
      t.editor,
      productId,
      Array.from({ length: bulkAssessmentLimit + 1 }, () => ({
        catalog: IEC,
        entry: '8',
        status: 'verified' as const,
      })),
    );
    expect(!tooMany.ok && tooMany.error.issues?.[0]?.path).toBe('items');
    const still = await listAssessments(ctx, t.viewer, productId);
    expect(still.ok && still.value.find((a) => a.entry === '8')?.status).toBe('verified');
  });
});
