/** `mamori threat import/export/versions`, `mamori risk list` and `mamori trace` through run(), on a local SQLite store. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../../test/support/fixtures.js';
import { createProduct } from '../../services/products.js';
import { acceptResidualRisk, createControl, createRequirement, createTest, deleteControl, deleteRequirement, putRisk, reviewRequirement } from '../../services/threats.js';

const fixture = fileURLToPath(new URL('../../../test/fixtures/threat-dragon-pump.json', import.meta.url));

describe('threat / risk / trace CLI', () => {
  let env: TestEnv & { close(): Promise<void> };
  let t: Tenant;
  let productId: string;
  let opts: { env: Record<string, string>; cwd: string };
  let dir: string;
  const productName = productInput().name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name: productName }));
    if (!p.ok) throw new Error('setup');
    productId = p.value.id;
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-threat-'));
    opts = { env: { MAMORI_DATABASE_URL: env.url, MAMORI_DATA_DIR: dir }, cwd: dir };
  });
  afterAll(async () => env.close());

  it('imports a Threat Dragon file and exports it back equal; refuses unreadable input with exit 2', async () => {
    const imported = await runCli(['threat', 'import', fixture, '--product', productName], opts);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/as version 1 .* 6 elements, 3 threats/);
    const exported = await runCli(['threat', 'export', '--product', productName, '--to', 'threat-dragon', '--out', 'out.json'], opts);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(fixture, 'utf8')));
    const again = await runCli(['threat', 'import', 'out.json', '--product', productName, '--label', 'round trip', '--format', 'json'], opts);
    expect(JSON.parse(again.stdout)).toMatchObject({ version: 2, label: 'round trip' });
    const first = JSON.parse((await runCli(['threat', 'export', '--product', productName, '--to', 'json', '--version-number', '1'], opts)).stdout) as { model: unknown };
    const second = JSON.parse((await runCli(['threat', 'export', '--product', productName, '--to', 'json'], opts)).stdout) as { model: unknown; version: number };
    expect(second.version).toBe(2);
    expect(second.model).toEqual(first.model);
    // --format was the old name of --to: it still works, with a deprecation line.
    const old = await runCli(['threat', 'export', '--product', productName, '--format', 'json', '--version-number', '1'], opts);
    expect(old.code).toBe(0);
    expect((JSON.parse(old.stdout) as { model: unknown }).model).toEqual(first.model);
    expect(old.stderr).toBe('Warning: "mamori threat export --format" is deprecated; use --to (the old name will be removed in a later version).\n');
    const versions = await runCli(['threat', 'versions', '--product', productName], opts);
    expect(versions.stdout).toMatch(/^VERSION\s+LABEL/);
    expect(versions.stdout).toMatch(/1\s+Infusion pump\s+6\s+3\s+frozen/);

    writeFileSync(path.join(dir, 'broken.json'), '{ nope');
    const broken = await runCli(['threat', 'import', 'broken.json', '--product', productName], opts);
    expect([broken.code, broken.stderr]).toEqual([2, expect.stringMatching(/not JSON/)]);
    writeFileSync(path.join(dir, 'v1.json'), JSON.stringify({ summary: { title: 'x' }, detail: { diagrams: [{ diagramJson: { cells: [{ type: 'tm.Rocket', id: 'r' }] } }] } }));
    const v1 = await runCli(['threat', 'import', 'v1.json', '--product', productName], opts);
    expect([v1.code, v1.stderr]).toEqual([2, expect.stringMatching(/Unknown cell type "tm.Rocket"/)]);
    const missing = await runCli(['threat', 'import', 'nope.json', '--product', productName], opts);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/Cannot read nope.json/)]);
    const noProduct = await runCli(['risk', 'list', '--product', 'No such product'], opts);
    expect([noProduct.code, noProduct.stderr]).toEqual([2, expect.stringMatching(/No product "No such product"/)]);
  });

  it('lists risks, and trace exits 1 with gaps until the matrix closes', async () => {
    const gated = await runCli(['trace', '--product', productName], opts);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/gap threat_without_control: Threat "Nurse impersonated" has no control/);
    expect(gated.stdout).toMatch(/^THREAT\s+ELEMENT/);

    const ctx = env.ctx;
    for (const id of ['t-spoof', 't-tamper']) {
      const r = await putRisk(ctx, t.editor, productId, id, { likelihood: 4, impact: 3, residualLikelihood: 3, residualImpact: 2, hazard: { hazardId: 'HAZ-1', hazard: '', harm: 'Overdose', severity: 3 }, rationale: '' });
      if (!r.ok) throw new Error(r.error.message);
      const a = await acceptResidualRisk(ctx, t.editor, productId, id, 'ALARP reached');
      if (!a.ok) throw new Error(a.error.message);
    }
    const risks = await runCli(['risk', 'list', '--product', productName, '--format', 'json'], opts);
    const reg = JSON.parse(risks.stdout) as { items: { threatId: string; evaluation: { initialLevel: string; residualLevel: string } | null }[] };
    expect(reg.items.find((i) => i.threatId === 't-spoof')!.evaluation).toMatchObject({ initialLevel: 'unacceptable', residualLevel: 'alara' });
    const table = await runCli(['risk', 'list', '--product', productName], opts);
    expect(table.stdout).toMatch(/Nurse impersonated\s+Nurse\s+spoofing\s+4×3 → 3×2\s+unacceptable\s+alara\s+yes\s+HAZ-1 Overdose/);

    const c = await createControl(ctx, t.editor, productId, { ref: 'SC-1', title: 'Auth', description: '', type: 'design', status: 'implemented', threatIds: ['t-spoof', 't-tamper'] });
    if (!c.ok) throw new Error('control');
    const q = await createRequirement(ctx, t.editor, productId, { ref: 'SR-1', title: 'Authenticate users', text: '', controlIds: [c.value.id] });
    if (!q.ok) throw new Error('requirement');
    await reviewRequirement(ctx, t.admin, q.value.id, { status: 'approved', comment: '' });
    await createTest(ctx, t.editor, productId, { ref: 'VT-1', title: 'Login', kind: 'security_requirement', procedure: '', requirementIds: [q.value.id], threatIds: [], result: 'passed', executedOn: '2026-11-02', tester: 'QA', independence: 'different_person', notes: '' });

    const closed = await runCli(['trace', '--product', productName], opts);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stderr).toMatch(/3 of 3 threats closed; 0 gap\(s\)/);
    const csv = await runCli(['trace', '--product', productName, '--format', 'csv'], opts);
    expect(csv.stdout.split('\r\n')[0]).toBe('threat_id,threat,element,category,status,initial_risk,residual_risk,control,control_type,requirement,requirement_review,test,test_kind,test_result,test_date,gaps');
    expect(csv.stdout).toContain('SC-1,design,SR-1,approved,VT-1,security_requirement,passed,2026-11-02,');
    const json = await runCli(['trace', '--product', productName, '--format', 'json'], opts);
    expect((JSON.parse(json.stdout) as { matrix: { counts: { closed: number } } }).matrix.counts.closed).toBe(3);

    // A control traced to no threat and a requirement derived from no control are orphans: the gate
    // fails on them although every threat row is closed (QA ra #11).
    const orphanControl = await createControl(ctx, t.editor, productId, { ref: 'SC-9', title: 'Secure boot', description: '', type: 'design', status: 'implemented', threatIds: [] });
    if (!orphanControl.ok) throw new Error('control');
    const orphanReq = await createRequirement(ctx, t.editor, productId, { ref: 'SR-9', title: 'Signed firmware', text: '', controlIds: [] });
    if (!orphanReq.ok) throw new Error('requirement');
    const orphans = await runCli(['trace', '--product', productName], opts);
    expect(orphans.code).toBe(1);
    expect(orphans.stderr).toMatch(/gap control_without_threat: Control SC-9 is not traced to a threat of the current threat model\./);
    expect(orphans.stderr).toMatch(/gap requirement_without_control: Requirement SR-9 is not derived from a control\./);
    expect(orphans.stderr).toMatch(/3 of 3 threats closed; 5 gap\(s\)/);
    const orphanJson = JSON.parse((await runCli(['trace', '--product', productName, '--format', 'json'], opts)).stdout) as {
      matrix: { gaps: { kind: string; ref: string | null }[]; counts: Record<string, number> };
    };
    expect(orphanJson.matrix.gaps.map((g) => `${g.kind}:${g.ref}`).sort()).toEqual(
      ['control_without_requirement:SC-9', 'control_without_threat:SC-9', 'requirement_not_approved:SR-9', 'requirement_without_control:SR-9', 'requirement_without_test:SR-9'].sort(),
    );
    expect(orphanJson.matrix.counts).toMatchObject({ control_without_threat: 1, requirement_without_control: 1 });
    if (!(await deleteRequirement(ctx, t.editor, orphanReq.value.id)).ok) throw new Error('delete requirement');
    if (!(await deleteControl(ctx, t.editor, orphanControl.value.id)).ok) throw new Error('delete control');
    expect((await runCli(['trace', '--product', productName], opts)).code).toBe(0);
  });

  it('risk export writes the security risk report as HTML and CSV; exit 2 on a bad format', async () => {
    const html = await runCli(['risk', 'export', '--product', productName, '--to', 'html', '--lang', 'ja', '--out', 'report.html'], opts);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stderr).toMatch(/Wrote .*report\.html \(\d+ bytes\)/);
    const text = readFileSync(path.join(dir, 'report.html'), 'utf8');
    for (const h of ['セキュリティリスク報告書', '2. 脅威モデル', '3. セキュリティリスク台帳', '4. トレーサビリティマトリクス', 'HAZ-1', 'ALARP reached']) expect(text).toContain(h);
    const csv = await runCli(['risk', 'export', '--product', productName, '--to', 'csv', '--lang', 'en', '--part', 'trace', '--out', 'trace.csv'], opts);
    expect(csv.code, csv.stderr).toBe(0);
    const bytes = readFileSync(path.join(dir, 'trace.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('"SC-1","Secure design","SR-1","Approved","VT-1","Security requirement test","Passed","2026-11-02"');
    const bad = await runCli(['risk', 'export', '--product', productName, '--to', 'docx', '--out', 'x'], opts);
    expect(bad.code).toBe(2);
    // --format was the old name of --to: it still works, with a deprecation line.
    const old = await runCli(['risk', 'export', '--product', productName, '--format', 'csv', '--part', 'trace', '--out', 'trace-old.csv'], opts);
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toMatch(/^Warning: "mamori risk export --format" is deprecated; use --to/);
    expect(readFileSync(path.join(dir, 'trace-old.csv')).subarray(0, 3).toString('hex')).toBe('efbbbf');
  });
});
