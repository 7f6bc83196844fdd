/**
 * Triage and VEX on both dialects: decisions with history, carry-forward to later releases,
 * component-scoped decisions across products, bulk triage, roles and tenant isolation, the
 * clinical-impact priority and the FDA clocks, VEX export in every format and import into proposed
 * decisions with review, and the round trip decisions → export → import → same decisions.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lossyJustifications, lossyResponses, lossyStates } from '../core/vex/mapping.js';
import type { VexJustification, VexResponse, VexState } from '../core/vex/model.js';
import { describeEachDialect } from '../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../test/support/fixtures.js';
import { vulnDbBefore } from '../../test/support/vulns.js';
import { listAudit } from './audit.js';
import { createServiceContext, type ServiceContext } from './context.js';
import { analyzeRelease, listReleaseFindings, type FindingRecord } from './findings.js';
import { createProduct } from './products.js';
import { createRelease } from './releases.js';
import { uploadSbom } from './sboms.js';
import {
  bulkTriage,
  getFindingTriage,
  listTriageProposals,
  putClinicalProfile,
  reviewProposal,
  setRiskDecision,
  setTriage,
  triageQueue,
} from './triage.js';
import { exportRelease } from './sbom-reports.js';
import { exportVex, importVex, vexExportFormats } from './vex.js';
import { bomLinkNamespace } from '../vex/csaf.js';
import { validateOpenVex } from '../vex/index.js';
import { parseBomLink } from '../core/vex/bom-link.js';
import { fixedVulnDbSource } from './vulndb-source.js';

const fixture = readFileSync(new URL('../../test/fixtures/sbom-small.cdx.json', import.meta.url), 'utf8');
const page = { limit: 50, offset: 0 };

describe('vex export formats', () => {
  it('lists the five formats', () => {
    expect(vexExportFormats).toEqual(['cyclonedx', 'cyclonedx-embedded', 'openvex', 'csaf_vex', 'csaf_security_advisory']);
  });
});

describeEachDialect('Triage and VEX', (env) => {
  let ctx: ServiceContext;
  let t: Tenant;
  let other: Tenant;
  let productId: string;
  let r1: string;
  let r2: string;
  let otherProductRelease: string;
  let f1: FindingRecord[];
  let f2: FindingRecord[];
  let f3: FindingRecord[];
  const source = fixedVulnDbSource(vulnDbBefore());
  const by = (list: FindingRecord[], name: string) => list.find((f) => f.componentName === name)!;

  beforeAll(async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    ctx = createServiceContext(env().store, { clock: () => new Date((now += 1000)) });
    t = await seedTenant(ctx);
    other = await seedTenant(ctx);
    let serial = 0;
    const release = async (pid: string, version: string) => {
      serial += 1;
      const sbom = fixture.replace('3e671687-395b-41f5-a30f-a58921a69b79', `3e671687-395b-41f5-a30f-a58921a69b7${serial}`);
      const r = await createRelease(ctx, t.editor, pid, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const u = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(sbom), fileName: 'bom.json', source: 'upload' });
      if (!u.ok) throw new Error(JSON.stringify(u.error));
      const a = await analyzeRelease(ctx, t.editor, source, r.value.id);
      if (!a.ok) throw new Error(JSON.stringify(a.error));
      const list = await listReleaseFindings(ctx, t.viewer, r.value.id, {}, page);
      if (!list.ok) throw new Error('list');
      return { id: r.value.id, findings: [...list.value.page.items] };
    };
    const p = await createProduct(ctx, t.editor, productInput());
    const q = await createProduct(ctx, t.editor, productInput());
    if (!p.ok || !q.ok) throw new Error('setup');
    productId = p.value.id;
    ({ id: r1, findings: f1 } = await release(productId, '1.0.0'));
    ({ id: r2, findings: f2 } = await release(productId, '1.1.0'));
    ({ id: otherProductRelease, findings: f3 } = await release(q.value.id, '5.0'));
    expect(f1.map((f) => f.componentName).sort()).toEqual(['FreeRTOS', 'lodash', 'requests']);
  });

  it('records a decision with who and when, carries it to the later release and keeps the full history', async () => {
    const lodash1 = by(f1, 'lodash');
    const lodash2 = by(f2, 'lodash');
    const first = await setTriage(ctx, t.editor, lodash1.id, { scope: 'finding', state: 'in_triage', justification: null, responses: [], detail: 'looking', actionStatement: null });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const second = await setTriage(ctx, t.editor, lodash1.id, { scope: 'finding', state: 'not_affected', justification: 'code_not_reachable', responses: [], detail: 'template() is never called', actionStatement: null });
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    expect(second.value).toMatchObject({ origin: 'own', decision: { state: 'not_affected', justification: 'code_not_reachable', createdBy: t.editor.name, source: 'manual' }, priority: { band: 'closed' } });

    const carried = await getFindingTriage(ctx, t.viewer, lodash2.id);
    if (!carried.ok) throw new Error('get');
    expect(carried.value.current).toMatchObject({ origin: 'carried', decision: { state: 'not_affected', findingId: lodash1.id } });
    expect(carried.value.history.map((h) => [h.state, h.origin])).toEqual([['not_affected', 'carried'], ['in_triage', 'carried']]);

    // The earlier release does not inherit a decision made on the later one.
    await setTriage(ctx, t.editor, by(f2, 'requests').id, { scope: 'finding', state: 'exploitable', justification: null, responses: ['update'], detail: null, actionStatement: 'Update to 2.32.0' });
    const earlier = await getFindingTriage(ctx, t.viewer, by(f1, 'requests').id);
    expect(earlier.ok && earlier.value.current.decision).toBeNull();

    // An own decision on the later release wins over the carried one; history shows both.
    await setTriage(ctx, t.editor, lodash2.id, { scope: 'finding', state: 'exploitable', justification: null, responses: ['update'], detail: 'reachable in 1.1', actionStatement: null });
    const own = await getFindingTriage(ctx, t.viewer, lodash2.id);
    if (!own.ok) throw new Error('get');
    expect(own.value.current.origin).toBe('own');
    expect(own.value.history.map((h) => [h.state, h.origin])).toEqual([['exploitable', 'own'], ['not_affected', 'carried'], ['in_triage', 'carried']]);
    // Other products do not inherit a finding-scoped decision.
    const elsewhere = await getFindingTriage(ctx, t.viewer, by(f3, 'lodash').id);
    expect(elsewhere.ok && elsewhere.value.current.decision).toBeNull();

    const audit = await listAudit(ctx, t.admin, { entityType: 'finding', entityId: lodash1.id }, { limit: 5, offset: 0 });
    expect(audit.ok && audit.value.items.map((a) => a.action)).toEqual(['triage.set', 'triage.set']);
  });

  it('scopes a decision to a component across products and triages in bulk', async () => {
    const rtos = by(f1, 'FreeRTOS');
    const r = await setTriage(ctx, t.editor, rtos.id, { scope: 'component', state: 'false_positive', justification: 'code_not_present', responses: [], detail: 'TCP stack not linked', actionStatement: null });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    for (const f of [rtos, by(f2, 'FreeRTOS'), by(f3, 'FreeRTOS')]) {
      const v = await getFindingTriage(ctx, t.viewer, f.id);
      expect(v.ok && [v.value.current.origin, v.value.current.decision?.state]).toEqual(['component', 'false_positive']);
    }
    const bulk = await bulkTriage(ctx, t.editor, f3.filter((f) => f.componentName !== 'FreeRTOS').map((f) => f.id), { scope: 'finding', state: 'in_triage', justification: null, responses: [], detail: 'supplier asked', actionStatement: null });
    expect(bulk.ok && bulk.value.decided).toBe(2);
    const audit = await listAudit(ctx, t.admin, { entityType: 'finding' }, { limit: 50, offset: 0 });
    expect(audit.ok && audit.value.items.filter((a) => a.action === 'triage.bulk').map((a) => (a.after as { findingIds: string[] }).findingIds.length)).toEqual([2]);
  });

  it('refuses invalid decisions, viewers and other tenants', async () => {
    const id = by(f1, 'requests').id;
    const bad = await setTriage(ctx, t.editor, id, { scope: 'finding', state: 'not_affected', justification: null, responses: [], detail: null, actionStatement: null });
    expect(!bad.ok && [bad.error.code, bad.error.message]).toEqual(['triage.invalid', "A 'not affected' decision needs a justification or a detail saying why."]);
    const viewer = await setTriage(ctx, t.viewer, id, { scope: 'finding', state: 'in_triage', justification: null, responses: [], detail: null, actionStatement: null });
    expect(!viewer.ok && viewer.error.code).toBe('auth.forbidden');
    const foreign = await getFindingTriage(ctx, other.viewer, id);
    expect(!foreign.ok && foreign.error.code).toBe('finding.not_found');
    const foreignBulk = await bulkTriage(ctx, other.editor, [id], { scope: 'finding', state: 'in_triage', justification: null, responses: [], detail: null, actionStatement: null });
    expect(!foreignBulk.ok && foreignBulk.error.code).toBe('finding.not_found');
  });

  it('ranks the queue by clinical-impact priority and shows the inputs', async () => {
    const profile = await putClinicalProfile(ctx, t.editor, productId, { answers: { therapy: true, diagnosis: false, monitoring: false, workflow: false, patientData: true }, exposure: 'network' });
    expect(profile.ok).toBe(true);
    const queue = await triageQueue(ctx, t.viewer, r1, { includeClosed: false }, page);
    if (!queue.ok) throw new Error('queue');
    // lodash (not_affected) and FreeRTOS (false_positive) are closed; requests is open.
    expect(queue.value.items.map((q) => q.finding.componentName)).toEqual(['requests']);
    expect(queue.value.total).toBe(1);
    const p = queue.value.items[0]!.priority;
    expect(p.inputs).toMatchObject({ baseScore: 4.2, exposure: 'network', exposureFactor: 1, kev: false });
    expect(p.inputs.environmentalVector).toBe('CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N/CR:H/IR:H/AR:H');
    expect(p.score).toBe(p.terms.cvss + p.terms.exploitation + p.terms.harm);
    const all = await triageQueue(ctx, t.viewer, r1, { includeClosed: true }, page);
    if (!all.ok) throw new Error('queue');
    expect([all.value.items.length, all.value.total]).toEqual([3, 3]);
    // A page at a time, in the order of the whole queue, each finding read whole (its evidence too).
    const pages = [];
    for (let offset = 0; offset < 3; offset++) {
      const one = await triageQueue(ctx, t.viewer, r1, { includeClosed: true }, { limit: 1, offset });
      if (!one.ok) throw new Error('page');
      expect(one.value.total).toBe(3);
      pages.push(...one.value.items);
    }
    expect(pages).toEqual(all.value.items);
    expect(pages.every((q) => q.finding.evidence.length > 0)).toBe(true);
    // Filters on the server: by band, text, severity and KEV, with the total of what they keep.
    const closed = await triageQueue(ctx, t.viewer, r1, { includeClosed: false, band: ['closed'] }, page);
    expect(closed.ok && [closed.value.total, closed.value.items.map((q) => q.finding.componentName).sort()]).toEqual([2, ['FreeRTOS', 'lodash']]);
    const text = await triageQueue(ctx, t.viewer, r1, { includeClosed: true, q: 'LODASH' }, page);
    expect(text.ok && text.value.items.map((q) => q.finding.componentName)).toEqual(['lodash']);
    const kev = await triageQueue(ctx, t.viewer, r1, { includeClosed: true, kev: true }, page);
    expect(kev.ok && kev.value.items.map((q) => q.finding.componentName)).toEqual(['lodash']);
    const medium = await triageQueue(ctx, t.viewer, r1, { includeClosed: true, severity: ['medium'] }, page);
    expect(medium.ok && medium.value.items.map((q) => q.finding.componentName)).toEqual(['requests']);
  });

  it('records the FDA risk decision and computes the due dates', async () => {
    const id = by(f2, 'lodash').id;
    const r = await setRiskDecision(ctx, t.editor, id, { control: 'uncontrolled', rationale: 'dose change possible', awareOn: '2026-02-20', jpAdverseEvent: true });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.clocks.map((c) => [c.kind, c.dueOn, c.overdue])).toEqual([
      ['fda_communicate', '2026-03-22', false],
      ['fda_remediate', '2026-04-21', false],
      ['jp_adverse_event', '2026-03-07', false],
    ]);
    const v = await getFindingTriage(ctx, t.viewer, id);
    expect(v.ok && v.value.current.riskDecision?.control).toBe('uncontrolled');
    const bad = await setRiskDecision(ctx, t.editor, id, { control: 'uncontrolled', rationale: ' ', awareOn: 'yesterday', jpAdverseEvent: false });
    expect(!bad.ok && bad.error.issues?.map((i) => i.path)).toEqual(['rationale', 'awareOn']);
  });

  it('round-trips decisions through every VEX format into proposals, and reviews them', async () => {
    // Decisions on release 2: lodash exploitable (own), FreeRTOS false_positive (component), requests exploitable.
    const expected = new Map<string, { state: VexState; justification: VexJustification | null; responses: readonly VexResponse[]; detail: string | null }>();
    for (const f of f2) {
      const v = await getFindingTriage(ctx, t.viewer, f.id);
      if (!v.ok || !v.value.current.decision) throw new Error('decision');
      const d = v.value.current.decision;
      expected.set(f.id, { state: d.state, justification: d.justification, responses: d.responses, detail: d.detail });
    }
    for (const format of vexExportFormats) {
      const out = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format });
      if (!out.ok) throw new Error(`${format}: ${JSON.stringify(out.error)}`);
      expect(out.value.statements).toBe(3);
      const imported = await importVex(ctx, t.editor, productId, out.value.body, out.value.fileName);
      if (!imported.ok) throw new Error(`${format}: ${JSON.stringify(imported.error)}`);
      expect(imported.value).toMatchObject({ statements: 3, proposals: 3, unmatched: 0 });
      const proposals = await listTriageProposals(ctx, t.viewer, productId, 'pending');
      if (!proposals.ok) throw new Error('proposals');
      const mine = proposals.value.filter((p) => p.importId === imported.value.importId);
      const lossy = format.startsWith('csaf') || format === 'openvex';
      for (const p of mine) {
        expect(p.findingIds, format).toHaveLength(1);
        const want = expected.get(p.findingIds[0]!)!;
        const state = lossy ? (lossyStates[want.state] ?? want.state) : want.state;
        const justification = want.justification && lossy ? (lossyJustifications[want.justification] ?? want.justification) : want.justification;
        const responses = format.startsWith('csaf') ? [...new Set(want.responses.map((r) => lossyResponses[r] ?? r))].sort() : want.responses;
        expect({ format, state: p.statement.state, justification: p.statement.justification, responses: [...p.statement.responses].sort(), detail: p.statement.detail }).toEqual({
          format,
          state,
          justification,
          responses: [...responses].sort(),
          detail: want.detail,
        });
      }
      for (const p of mine) {
        const r = await reviewProposal(ctx, t.editor, p.id, 'reject', 'test round');
        expect(r.ok).toBe(true);
      }
    }
  });

  it('exports each finding\'s CVSS rating: CSAF scores on the statement\'s products, CycloneDX ratings', async () => {
    const rated = f2.filter((f) => f.cvss.length > 0);
    expect(rated.map((f) => f.componentName).sort()).toEqual(['FreeRTOS', 'lodash', 'requests']);
    const csaf = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format: 'csaf_vex' });
    if (!csaf.ok) throw new Error(JSON.stringify(csaf.error));
    type Csaf = { vulnerabilities: { cve: string; product_status: Record<string, string[]>; scores?: unknown[] }[]; product_tree: { relationships: { full_product_name: { product_id: string } }[] } };
    const doc = JSON.parse(csaf.value.body) as Csaf;
    const relationships = new Set(doc.product_tree.relationships.map((r) => r.full_product_name.product_id));
    for (const f of rated) {
      const v = doc.vulnerabilities.find((x) => x.cve === f.vulnerabilityId)!;
      const products = Object.values(v.product_status).flat();
      expect(products.every((p) => relationships.has(p))).toBe(true);
      const c = f.cvss[0]!;
      expect(v.scores, f.componentName).toEqual([{ cvss_v3: { baseScore: c.baseScore, baseSeverity: c.severity.toUpperCase(), vectorString: c.vector, version: c.version }, products }]);
    }
    const cdx = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format: 'cyclonedx' });
    if (!cdx.ok) throw new Error(JSON.stringify(cdx.error));
    const bom = JSON.parse(cdx.value.body) as { vulnerabilities: { id: string; ratings?: unknown[] }[] };
    for (const f of rated) {
      const c = f.cvss[0]!;
      expect(bom.vulnerabilities.find((v) => v.id === f.vulnerabilityId)!.ratings, f.componentName).toEqual([{ source: { name: c.source }, score: c.baseScore, severity: c.severity, method: 'CVSSv31', vector: c.vector }]);
    }
    // lodash: GHSA-35jh-r3h4-6jhm's CVSS 3.1 vector, 9.8 critical.
    expect(by(f2, 'lodash').cvss.map((c) => [c.source, c.baseScore, c.severity])).toEqual([['GHSA-35jh-r3h4-6jhm', 9.8, 'critical']]);
  });

  it('reads a proposal stored before VEX statements carried ratings as a statement without ratings', async () => {
    const out = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: 'CVE-2021-23337', format: 'openvex' });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const imported = await importVex(ctx, t.editor, productId, out.value.body, 'older.openvex.json');
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const db = env().store.db;
    const row = await db.selectFrom('triage_proposals').select(['id', 'statement_json']).where('import_id', '=', imported.value.importId).executeTakeFirstOrThrow();
    const older = JSON.parse(row.statement_json) as { vulnerability: Record<string, unknown> };
    delete older.vulnerability.ratings;
    await db.updateTable('triage_proposals').set({ statement_json: JSON.stringify(older) }).where('id', '=', row.id).execute();
    const proposals = await listTriageProposals(ctx, t.viewer, productId, 'pending');
    const p = proposals.ok ? proposals.value.find((x) => x.id === row.id) : undefined;
    expect(p?.statement.vulnerability).toEqual({ id: 'CVE-2021-23337', aliases: ['GHSA-35jh-r3h4-6jhm'], description: 'Command Injection in lodash', ratings: [] });
    const r = await reviewProposal(ctx, t.editor, row.id, 'reject', 'test');
    expect(r.ok).toBe(true);
  });

  it('accepts an imported proposal as a decision and refuses a second review', async () => {
    const out = await exportVex(ctx, t.viewer, { productId, releaseId: r1, vulnerabilityId: 'GHSA-35jh-r3h4-6jhm', format: 'openvex' });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    expect(out.value.statements).toBe(1);
    const body = out.value.body.replace('"not_affected"', '"affected"').replace(/"justification": "[^"]+",?/, '').replace(/"impact_statement"/, '"status_notes"');
    const imported = await importVex(ctx, t.editor, productId, body.replace('"status": "affected"', '"status": "affected", "action_statement": "Update lodash"'), 'supplier.openvex.json');
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    const proposals = await listTriageProposals(ctx, t.viewer, productId, 'pending');
    const p = proposals.ok ? proposals.value.find((x) => x.importId === imported.value.importId) : undefined;
    if (!p) throw new Error('no proposal');
    expect(p.statement.state).toBe('exploitable');
    const viewer = await reviewProposal(ctx, t.viewer, p.id, 'accept', null);
    expect(!viewer.ok && viewer.error.code).toBe('auth.forbidden');
    const accepted = await reviewProposal(ctx, t.editor, p.id, 'accept', 'supplier says so');
    if (!accepted.ok) throw new Error(JSON.stringify(accepted.error));
    expect(accepted.value.proposal.status).toBe('accepted');
    const v = await getFindingTriage(ctx, t.viewer, by(f1, 'lodash').id);
    expect(v.ok && v.value.current.decision).toMatchObject({ state: 'exploitable', source: 'import', proposalId: p.id });
    const again = await reviewProposal(ctx, t.editor, p.id, 'reject', null);
    expect(!again.ok && again.error.code).toBe('triage.proposal_reviewed');
    const foreign = await exportVex(ctx, other.viewer, { productId, releaseId: null, vulnerabilityId: null, format: 'csaf_vex' });
    expect(!foreign.ok && foreign.error.code).toBe('product.not_found');
    void otherProductRelease;
  });

  it('matches standalone CycloneDX VEX of a release whose SBOM has no serial number (derived serial)', async () => {
    const p = await createProduct(ctx, t.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, t.editor, p.value.id, { version: '9.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const bom = JSON.parse(fixture) as Record<string, unknown>;
    delete bom.serialNumber;
    const u = await uploadSbom(ctx, t.editor, r.value.id, { bytes: new TextEncoder().encode(JSON.stringify(bom)), fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error(JSON.stringify(u.error));
    const a = await analyzeRelease(ctx, t.editor, source, r.value.id);
    if (!a.ok) throw new Error('analyze');
    const out = await exportVex(ctx, t.viewer, { productId: p.value.id, releaseId: r.value.id, vulnerabilityId: null, format: 'cyclonedx' });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const imported = await importVex(ctx, t.editor, p.value.id, out.value.body, 'x.cdx.json');
    expect(imported.ok && imported.value).toMatchObject({ statements: 3, unmatched: 0 });
  });

  /** A release of a new product in the tenant, from `bom`, analysed. */
  const analysedRelease = async (tenant: Tenant, version: string, bom: string) => {
    const p = await createProduct(ctx, tenant.editor, productInput());
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(ctx, tenant.editor, p.value.id, { version, releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const u = await uploadSbom(ctx, tenant.editor, r.value.id, { bytes: new TextEncoder().encode(bom), fileName: 'bom.json', source: 'upload' });
    if (!u.ok) throw new Error(JSON.stringify(u.error));
    const a = await analyzeRelease(ctx, tenant.editor, source, r.value.id);
    if (!a.ok) throw new Error('analyze');
    return { productId: p.value.id, releaseId: r.value.id };
  };
  const serialOf = (text: string) => (JSON.parse(text) as { serialNumber: string }).serialNumber;
  const exportedSbom = async (releaseId: string, variant: 'full' | 'hospital') => {
    const out = await exportRelease(ctx, t.viewer, releaseId, { target: 'cyclonedx-1.6-json', variant });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const bom = JSON.parse(out.value.text) as { serialNumber: string; version: number; metadata: { component: { 'bom-ref': string } }; components: { 'bom-ref': string; components?: unknown[] }[] };
    const refs = new Set<string>([bom.metadata.component['bom-ref']]);
    const walk = (list: { 'bom-ref': string; components?: unknown[] }[] | undefined): void => {
      for (const c of list ?? []) {
        refs.add(c['bom-ref']);
        walk(c.components as typeof list);
      }
    };
    walk(bom.components);
    return { serialNumber: bom.serialNumber, version: bom.version, refs, text: out.value.text };
  };

  it('embeds the VEX into the hospital export by default: no internal properties, a serial number of its own', async () => {
    const bom = JSON.parse(fixture) as { serialNumber: string; metadata: Record<string, unknown>; components: { name: string; properties?: { name: string; value: string }[] }[] };
    bom.metadata.properties = [{ name: 'internal:build-host', value: 'jenkins-07.corp.acme.local' }];
    const lodash = bom.components.find((c) => c.name === 'lodash')!;
    lodash.properties = [...(lodash.properties ?? []), { name: 'mamori:internal:ticket', value: 'SEC-4711 secret' }];
    const { productId: pid, releaseId: rid } = await analysedRelease(t, '3.0', JSON.stringify(bom));
    const hospital = await exportedSbom(rid, 'hospital');
    const full = await exportedSbom(rid, 'full');
    expect(full.text).toContain('SEC-4711 secret');

    const embedded = await exportVex(ctx, t.viewer, { productId: pid, releaseId: rid, vulnerabilityId: null, format: 'cyclonedx-embedded' });
    if (!embedded.ok) throw new Error(JSON.stringify(embedded.error));
    const doc = JSON.parse(embedded.value.body) as { serialNumber: string; version: number; vulnerabilities: unknown[] };
    expect(embedded.value.body).not.toContain('SEC-4711');
    expect(embedded.value.body).not.toContain('jenkins-07');
    expect(doc.vulnerabilities).toHaveLength(3);
    // A serial number of its own: neither the hospital export's (Export tab) nor the uploaded SBOM's,
    // and the same for the same content.
    expect(doc.version).toBe(1);
    expect(doc.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(doc.serialNumber).not.toBe(hospital.serialNumber);
    expect(doc.serialNumber).not.toBe(bom.serialNumber);
    const again = await exportVex(ctx, t.viewer, { productId: pid, releaseId: rid, vulnerabilityId: null, format: 'cyclonedx-embedded' });
    expect(again.ok && serialOf(again.value.body)).toBe(doc.serialNumber);
    expect(embedded.value.fileName).toMatch(/-3\.0-hospital\.sbom-vex\.cdx\.json$/);

    // The full variant, asked for: the internal document, under another serial number.
    const internal = await exportVex(ctx, t.viewer, { productId: pid, releaseId: rid, vulnerabilityId: null, format: 'cyclonedx-embedded', variant: 'full' });
    if (!internal.ok) throw new Error(JSON.stringify(internal.error));
    expect(internal.value.body).toContain('SEC-4711 secret');
    expect(new Set([serialOf(internal.value.body), full.serialNumber, doc.serialNumber]).size).toBe(3);
    expect(internal.value.fileName).toMatch(/-3\.0\.sbom-vex\.cdx\.json$/);
  });

  it('names in CycloneDX BOM-Links and CSAF x_generic_uris the release export of the chosen variant (default hospital)', async () => {
    type Helper = { x_generic_uris?: { namespace: string; uri: string }[] };
    type Csaf = { product_tree: { full_product_names: { product_identification_helper?: Helper }[]; branches: unknown[] } };
    for (const variant of [undefined, 'hospital', 'full'] as const) {
      const sbom = await exportedSbom(r2, variant ?? 'hospital');
      const cdx = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format: 'cyclonedx', variant });
      if (!cdx.ok) throw new Error(JSON.stringify(cdx.error));
      const links = (JSON.parse(cdx.value.body) as { vulnerabilities: { affects: { ref: string }[] }[] }).vulnerabilities.flatMap((v) => v.affects.map((a) => parseBomLink(a.ref)!));
      expect(links).toHaveLength(3);
      for (const l of links) {
        expect([l.serialNumber, l.version], variant).toEqual([sbom.serialNumber, 1]);
        expect(sbom.refs.has(l.bomRef!), l.bomRef!).toBe(true);
      }
      const csaf = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format: 'csaf_vex', variant });
      if (!csaf.ok) throw new Error(JSON.stringify(csaf.error));
      const tree = (JSON.parse(csaf.value.body) as Csaf).product_tree;
      const componentLinks = tree.full_product_names.map((c) => c.product_identification_helper?.x_generic_uris?.find((u) => u.namespace === bomLinkNamespace)?.uri ?? null);
      expect(componentLinks).toHaveLength(3);
      expect(componentLinks.map((u) => (u ? parseBomLink(u)?.serialNumber : null))).toEqual([sbom.serialNumber, sbom.serialNumber, sbom.serialNumber]);
      for (const u of componentLinks) expect(sbom.refs.has(parseBomLink(u!)!.bomRef!)).toBe(true);
      // The release: its BOM-Link names the export's metadata.component.
      expect(JSON.stringify(tree.branches)).toContain(JSON.stringify({ namespace: bomLinkNamespace, uri: `urn:cdx:${sbom.serialNumber.slice(9)}/1#${encodeURIComponent(`mamori:release:${r2}`)}` }));
    }
    const full = await exportedSbom(r2, 'full');
    const hospital = await exportedSbom(r2, 'hospital');
    expect(full.serialNumber).not.toBe(hospital.serialNumber);
  });

  it('names the device release in OpenVEX: the BOM-Link of the export\'s metadata.component, the component\'s purl under subcomponents', async () => {
    type OpenVex = { statements: { vulnerability: { name: string }; products: { '@id': string; identifiers?: unknown; subcomponents?: { '@id': string; identifiers?: { purl?: string } }[] }[] }[] };
    for (const variant of [undefined, 'hospital', 'full'] as const) {
      const sbom = await exportedSbom(r2, variant ?? 'hospital');
      const out = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format: 'openvex', variant });
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const json = JSON.parse(out.value.body) as OpenVex;
      expect(validateOpenVex(json)).toEqual([]);
      const device = `urn:cdx:${sbom.serialNumber.slice('urn:uuid:'.length)}/1#${encodeURIComponent(`mamori:release:${r2}`)}`;
      // The device is the SBOM's metadata.component: the product release, named and versioned there.
      expect(JSON.parse(sbom.text)).toMatchObject({ metadata: { component: { 'bom-ref': `mamori:release:${r2}`, type: 'device', version: '1.1.0' } } });
      expect(json.statements).toHaveLength(3);
      for (const st of json.statements) {
        expect(st.products, st.vulnerability.name).toHaveLength(1);
        expect(st.products[0]!['@id']).toBe(device);
        const finding = f2.find((f) => f.vulnerabilityId === st.vulnerability.name)!;
        // The vulnerable component by its purl (FreeRTOS has none in the fixture: its CPE).
        const freeRtos = 'cpe:2.3:o:amazon:freertos:10.4.3:*:*:*:*:*:*:*';
        expect(st.products[0]!.subcomponents).toEqual([
          finding.componentPurl === null ? { '@id': freeRtos, identifiers: { cpe23: freeRtos } } : { '@id': finding.componentPurl, identifiers: { purl: finding.componentPurl } },
        ]);
      }
      // The same content gives the same document; only the issue time (the export's clock) differs.
      const again = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format: 'openvex', variant });
      const issued = (body: string) => body.replace(/^ {2}"timestamp": "[^"]+",$/m, '  "timestamp": "…",');
      expect(again.ok && issued(again.value.body)).toBe(issued(out.value.body));
    }
    // Every release: each statement names its own release's device.
    const all = await exportVex(ctx, t.viewer, { productId, releaseId: null, vulnerabilityId: null, format: 'openvex' });
    if (!all.ok) throw new Error(JSON.stringify(all.error));
    const ids = new Set((JSON.parse(all.value.body) as OpenVex).statements.map((st) => st.products[0]!['@id']));
    const devices = await Promise.all([r1, r2].map(async (r) => `urn:cdx:${(await exportedSbom(r, 'hospital')).serialNumber.slice(9)}/1#${encodeURIComponent(`mamori:release:${r}`)}`));
    expect([...ids].sort()).toEqual(devices.sort());
  });

  it('imports OpenVEX and CSAF of another mamori (a release it does not know) by SBOM serial, version or component, and says how', async () => {
    // The hospital (another organisation) received release 1.1.0's hospital SBOM and analysed it.
    const sbom = await exportedSbom(r2, 'hospital');
    const received = await analysedRelease(other, '1.1.0', sbom.text);
    // …and, in a second product, the manufacturer's original SBOM under the same version.
    const sameVersion = await analysedRelease(other, '1.1.0', fixture);
    for (const format of ['openvex', 'csaf_vex', 'csaf_security_advisory', 'cyclonedx'] as const) {
      const out = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format, namespace: 'https://acme.example' });
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      const intoReceived = await importVex(ctx, other.editor, received.productId, out.value.body, out.value.fileName);
      if (!intoReceived.ok) throw new Error(JSON.stringify(intoReceived.error));
      // Every format carries the BOM-Link of the SBOM the hospital received (OpenVEX as the device's @id).
      expect(intoReceived.value, format).toMatchObject({ statements: 3, unmatched: 0, matchedBy: { sbom: 3 } });
      const intoSameVersion = await importVex(ctx, other.editor, sameVersion.productId, out.value.body, out.value.fileName);
      if (!intoSameVersion.ok) throw new Error(JSON.stringify(intoSameVersion.error));
      // CycloneDX VEX names a serial number this product does not have; bom-refs still tell.
      const by = format === 'openvex' || format === 'cyclonedx' ? { product: 3 } : { version: 3 };
      expect(intoSameVersion.value, format).toMatchObject({ statements: 3, unmatched: 0, matchedBy: by, unmatchedBecause: { vulnerability: 0, release: 0, component: 0 } });
      if (format !== 'cyclonedx') expect(intoSameVersion.value.warnings.join('\n')).toContain(`urn:mamori:release:${r2}, which is not a release of`);
    }
  });

  it('says why imported statements match no finding', async () => {
    const out = await exportVex(ctx, t.viewer, { productId, releaseId: r2, vulnerabilityId: null, format: 'csaf_vex' });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    // Release 1.0.0 of the same product: the product's release IRI, on a release that has the findings too.
    const into1 = await importVex(ctx, t.editor, productId, out.value.body.replaceAll(r2, r1), 'other-release.json');
    if (!into1.ok) throw new Error(JSON.stringify(into1.error));
    expect(into1.value).toMatchObject({ unmatched: 0, matchedBy: { release: 3 } });
    // A vulnerability no finding has, and a component the release does not have it on.
    type Csaf = { vulnerabilities: { cve?: string; ids?: unknown[]; product_status: Record<string, string[]> }[]; product_tree: { full_product_names: { product_id: string; product_identification_helper: Record<string, unknown> }[]; relationships: { product_reference: string; full_product_name: { product_id: string } }[] } };
    const doc = JSON.parse(out.value.body) as Csaf;
    const [unknownVuln, otherComponent] = doc.vulnerabilities;
    unknownVuln!.cve = 'CVE-1999-0001';
    delete unknownVuln!.ids;
    const named = Object.values(otherComponent!.product_status).flat()[0]!;
    const component = doc.product_tree.relationships.find((r) => r.full_product_name.product_id === named)!.product_reference;
    doc.product_tree.full_product_names.find((c) => c.product_id === component)!.product_identification_helper = { purl: 'pkg:npm/left-pad@1.3.0' };
    const r = await importVex(ctx, t.editor, productId, JSON.stringify(doc), 'unknown.json');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value).toMatchObject({ unmatched: 2, matchedBy: { release: 1 }, unmatchedBecause: { vulnerability: 1, release: 0, component: 1 } });
  });

  it('refuses an unreadable VEX file with a clear error', async () => {
    const r = await importVex(ctx, t.editor, productId, '{"hello": 1}', 'x.json');
    expect(!r.ok && r.error.code).toBe('vex.unsupported');
  });
});
