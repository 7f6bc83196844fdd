/** `mamori compliance annex-f` through run(), on a local SQLite store. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { iecAssessmentItems } from '../../../test/support/compliance.js';
import { productInput, seedTenant } from '../../../test/support/fixtures.js';
import { proposeAnnexFGaps, saveAnnexFRecord, updateGap } from '../../services/annex-f.js';
import { setAssessment, setAssessmentsBulk, setProfile } from '../../services/compliance.js';
import { createProduct } from '../../services/products.js';

describe('compliance annex-f CLI', () => {
  let env: TestEnv & { close(): Promise<void> };
  let opts: { env: Record<string, string>; cwd: string };
  const name = productInput().name;
  const fullName = productInput().name;
  const unassessedName = productInput().name;
  const decidedEarlierName = productInput().name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    const t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name }));
    const full = await createProduct(env.ctx, t.editor, productInput({ name: fullName }));
    if (!p.ok || !full.ok) throw new Error('setup');
    await setProfile(env.ctx, t.editor, p.value.id, { route: 'annex_f', catalogs: ['iec-81001-5-1'], answers: null });
    for (const entry of ['5.7.1', '9.2'])
      await setAssessment(env.ctx, t.editor, { productId: p.value.id, catalog: 'iec-81001-5-1', entry }, { status: 'not_started', justification: '', owner: '', dueDate: null, notes: '' });
    for (const scope of iecAssessmentItems(p.value.id, ['5.7.1', '9.2'])) {
      const b = await setAssessmentsBulk(env.ctx, t.editor, scope.productId, scope.items);
      if (!b.ok) throw new Error(b.error.message);
    }
    const gaps = await proposeAnnexFGaps(env.ctx, t.editor, p.value.id);
    if (!gaps.ok) throw new Error(gaps.error.message);
    const g = gaps.value[0]!;
    const u = await updateGap(env.ctx, t.editor, p.value.id, g.id, {
      entry: g.entry, description: 'No penetration test records.', decision: 'close', closureAction: 'Pen test', closureStatus: 'planned', closureDueDate: '2027-03-31',
      compensatingMeasures: '', controlId: null, residualLevel: null, acceptanceRationale: '', accepted: false,
    });
    if (!u.ok) throw new Error(u.error.message);
    const r = await saveAnnexFRecord(env.ctx, t.editor, p.value.id, { versions: ['2.4.1'], scopeNotes: '', continuedUseRationale: 'x', componentsNotUpgraded: [], riskCommunication: 'x', monitoringPlan: 'x', updatePlan: 'x', disclosurePlan: 'x' });
    if (!r.ok) throw new Error(r.error.message);
    // Another product on the Annex F route, with every text written but nothing assessed for it.
    const bare = await createProduct(env.ctx, t.editor, productInput({ name: unassessedName }));
    if (!bare.ok) throw new Error('setup');
    await setProfile(env.ctx, t.editor, bare.value.id, { route: 'annex_f', catalogs: ['iec-81001-5-1'], answers: null });
    await saveAnnexFRecord(env.ctx, t.editor, bare.value.id, { versions: ['1.0'], scopeNotes: '', continuedUseRationale: 'x', componentsNotUpgraded: [], riskCommunication: 'x', monitoringPlan: 'x', updatePlan: 'x', disclosurePlan: 'x' });
    // A third one whose decision was recorded under the earlier rule (before every applicable entry had to be assessed).
    const old = await createProduct(env.ctx, t.editor, productInput({ name: decidedEarlierName }));
    if (!old.ok) throw new Error('setup');
    await setProfile(env.ctx, t.editor, old.value.id, { route: 'annex_f', catalogs: ['iec-81001-5-1'], answers: null });
    await saveAnnexFRecord(env.ctx, t.editor, old.value.id, { versions: ['3.0'], scopeNotes: '', continuedUseRationale: 'x', componentsNotUpgraded: [], riskCommunication: 'x', monitoringPlan: 'x', updatePlan: 'x', disclosurePlan: 'x' });
    await env.ctx.store.db.updateTable('annex_f_assessments').set({ decided_at: '2026-01-15T09:00:00.000Z', decided_by: 'QA Lead' }).where('product_id', '=', old.value.id).execute();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-annex-f-'));
    opts = { env: { MAMORI_DATABASE_URL: env.url, MAMORI_DATA_DIR: dir }, cwd: dir };
  });
  afterAll(async () => env.close());

  it('prints the gap list and the readiness per step as a table', async () => {
    const res = await runCli(['compliance', 'annex-f', '--product', name], opts);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`${name} — Annex F: not ready; versions 2.4.1`);
    expect(res.stdout).toMatch(/5\.7\.1\s+close\s+—\s+—\s+planned\s+2027-03-31\s+No penetration test records\./);
    expect(res.stdout).toMatch(/9\.2\s+—/);
    expect(res.stdout).toMatch(/3 decisions and residual risk\s+no\s+Decide how the gap against 9\.2 is handled\./);
    expect(res.stdout).toMatch(/1 scope and versions\s+yes/);
    expect(res.stderr).toMatch(/^0 of \d+ applicable entries not assessed; 2 gaps \(1 decided\), 0 of 2 not-implemented entries without a gap; not ready\.$/m);
    const ja = await runCli(['compliance', 'annex-f', '--product', name, '--lang', 'ja'], opts);
    expect(ja.stdout).toMatch(/5\.7\.1\s+解消/);
  });

  it('--lang ja prints the gaps, the readiness problems, the warnings and the summary wholly in Japanese (QA ra)', async () => {
    const res = await runCli(['compliance', 'annex-f', '--product', name, '--lang', 'ja', '--check'], opts);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain(`${name} — 附属書F: 準備未完了。対象バージョン 2.4.1\n`);
    expect(res.stdout).toMatch(/5\.7\.1\s+解消\s+—\s+—\s+計画中\s+2027-03-31\s+No penetration test records\./);
    // The proposed gap reads in Japanese (it is stored as "<entry> <English title> / <Japanese title>: assessed as …").
    expect(res.stdout).toMatch(/^9\.2\s+—\s+—\s+—\s+—\s+—\s+9\.2 [^A-Za-z\n]+: 評価は「未着手」。$/m);
    expect(res.stdout).toMatch(/^1 対象とバージョン\s+完了$/m);
    expect(res.stdout).toMatch(/^3 対応方針と残留リスク\s+未完了\s+9\.2 に対するギャップの対応方針を決めてください。$/m);
    // The readiness warnings (version_without_release, closure_open), the summary and the --check failure.
    expect(res.stderr).toContain('注意: 対象バージョン 2.4.1 は mamori にリリースとして登録されていないため、SBOM がありません。リリースを登録し、SBOM を取り込んでください（手引書 附属書A）。\n');
    expect(res.stderr).toContain('注意: 5.7.1 の解消アクションはまだ完了していません。\n');
    expect(res.stderr).toMatch(/^該当する IEC 81001-5-1 の項目 \d+ 件のうち未評価 0 件。ギャップ 2 件（決定済み 1 件）。未実施と評価された項目 2 件のうちギャップ未登録 0 件。準備はまだ完了していません。$/m);
    expect(res.stderr).toContain('附属書F の適合宣言はまだ準備ができていません。');
    // No English sentence is left: only the column names, the product name, the gap text the user wrote and terms such as SBOM.
    const rest = `${res.stdout}\n${res.stderr}`
      .replace(name, '')
      .replace('No penetration test records.', '')
      .split('\n')
      .filter((l) => !/^(ENTRY|STEP)\s/.test(l))
      .join('\n')
      .replace(/IEC 81001-5-1|SBOM|mamori/g, '');
    expect(rest).not.toMatch(/[A-Za-z]{3,}/);
    // In English as before, with the version in the warning.
    const en = await runCli(['compliance', 'annex-f', '--product', name], opts);
    expect(en.stderr).toContain('warning: Version 2.4.1 in scope is not a release in mamori, so it has no SBOM: add the release and import its SBOM (MHLW guidance Annex A).\n');
    expect(en.stdout).toMatch(/^9\.2\s+—\s+—\s+—\s+—\s+—\s+9\.2 [^\u3040-\u30ff\u4e00-\u9fff\n]+: assessed as not started\.$/m);
  });

  it('prints JSON; --check exits 1 while not ready; errors exit 2', async () => {
    const json = await runCli(['compliance', 'annex-f', '--product', name, '--format', 'json'], opts);
    expect(json.code, json.stderr).toBe(0);
    const data = JSON.parse(json.stdout) as { gaps: { entry: string; decision: string | null }[]; readiness: { ready: boolean; steps: { closure: { complete: boolean } } } };
    expect(data.gaps.map((g) => [g.entry, g.decision])).toEqual([['5.7.1', 'close'], ['9.2', null]]);
    expect(data.readiness).toMatchObject({ ready: false, steps: { closure: { complete: false } } });
    const check = await runCli(['compliance', 'annex-f', '--product', name, '--check'], opts);
    expect([check.code, check.stderr]).toEqual([1, expect.stringContaining('The Annex F declaration is not ready.')]);
    const full = await runCli(['compliance', 'annex-f', '--product', fullName], opts);
    expect([full.code, full.stderr]).toEqual([2, expect.stringContaining('follows the full conformity route')]);
    const missing = await runCli(['compliance', 'annex-f', '--product', 'No such product'], opts);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('No product "No such product"')]);
    const usage = await runCli(['compliance', 'annex-f'], opts);
    expect(usage.code).toBe(2);
  });

  it('--check fails while the entries behind the gap list are not assessed, even with no gaps and every text written', async () => {
    const res = await runCli(['compliance', 'annex-f', '--product', unassessedName, '--check'], opts);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toMatch(/2 gap list\s+no\s+\d+ of \d+ applicable IEC 81001-5-1 entries are not assessed yet/);
    expect(res.stdout).toMatch(/3 decisions and residual risk\s+no\s+The gap list \(step 2\) is not complete yet/);
    expect(res.stdout).toMatch(/4 rationale for continued use\s+yes/);
    // The organisation-level entries were assessed (for the organisation) above; the product's own are not.
    expect(res.stderr).toMatch(/^[1-9]\d* of \d+ applicable entries not assessed; 0 gaps/m);
    expect(res.stderr).toContain('The Annex F declaration is not ready.');
  });

  it('--check names a recorded decision that is no longer valid, and still exits 1', async () => {
    const res = await runCli(['compliance', 'annex-f', '--product', decidedEarlierName, '--check'], opts);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain(`${decidedEarlierName} — Annex F: not ready; versions 3.0`);
    expect(res.stderr).toMatch(/^warning: The decision recorded on 2026-01-15 by QA Lead is no longer valid: 2 problem\(s\) now remain\. Resolve them and record the decision again\.$/m);
    expect(res.stderr).toContain('The Annex F declaration is not ready.');
    // In Japanese, the same warning names the same decision.
    const ja = await runCli(['compliance', 'annex-f', '--product', decidedEarlierName, '--check', '--lang', 'ja'], opts);
    expect(ja.stderr).toMatch(/^注意: 2026-01-15 に QA Lead が記録した判断は、問題が 2 件残っているため、もう有効ではありません。問題を解決してから、判断を改めて記録してください。$/m);
  });
});
