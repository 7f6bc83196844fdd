/** `mamori compliance gap` and `mamori compliance export` through run(), on a local SQLite store. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { productInput, seedTenant } from '../../../test/support/fixtures.js';
import { setAssessment, setProfile } from '../../services/compliance.js';
import { createProduct } from '../../services/products.js';

describe('compliance gap / export CLI', () => {
  let env: TestEnv & { close(): Promise<void> };
  let opts: { env: Record<string, string>; cwd: string };
  const productName = productInput().name;
  const annexFName = productInput().name;
  const fullRouteName = productInput().name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    const t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name: productName }));
    if (!p.ok) throw new Error('setup');
    const a = await setAssessment(env.ctx, t.editor, { productId: p.value.id, catalog: 'iec-81001-5-1', entry: '8' }, { status: 'implemented', justification: '', owner: '', dueDate: null, notes: '' });
    if (!a.ok) throw new Error('setup');
    const f = await createProduct(env.ctx, t.editor, productInput({ name: annexFName }));
    if (!f.ok) throw new Error('setup');
    const profile = await setProfile(env.ctx, t.editor, f.value.id, { route: 'annex_f', catalogs: ['iec-81001-5-1', 'mhlw-0523-confirmation'], answers: null });
    if (!profile.ok) throw new Error('setup');
    const full = await createProduct(env.ctx, t.editor, productInput({ name: fullRouteName }));
    if (!full.ok || !(await setProfile(env.ctx, t.editor, full.value.id, { route: 'full', catalogs: ['iec-81001-5-1'], answers: null })).ok) throw new Error('setup');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-compliance-'));
    opts = { env: { MAMORI_DATABASE_URL: env.url, MAMORI_DATA_DIR: dir }, cwd: dir };
  });
  afterAll(async () => env.close());

  it('prints the gap analysis as a table, JSON and CSV; exits 1 only with --fail-on and matching gaps', async () => {
    const table = await runCli(['compliance', 'gap', '--product', productName, '--catalog', 'mhlw-0523-confirmation'], opts);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^mhlw-0523-confirmation@2023-05-23 — /);
    expect(table.stdout).toMatch(/jis\.5\s+Implemented\s+Via crosswalk: iec-81001-5-1@2021#8/);
    expect(table.stderr).toMatch(/entries have gaps/);

    // In Japanese the summary lines are Japanese too (they were English: "…: 79% (49/62), 61 with gaps").
    const ja = await runCli(['compliance', 'gap', '--product', productName, '--catalog', 'mhlw-0523-confirmation', '--lang', 'ja'], opts);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout).toMatch(/^mhlw-0523-confirmation@2023-05-23 — .+: 充足率 \d+%（\d+\/\d+）、ギャップあり \d+ 件$/m);
    expect(ja.stdout).not.toMatch(/with gaps/);
    expect(ja.stderr).toMatch(/^\d+ 項目のうち \d+ 項目にギャップあり（未評価 \d+、未着手 \d+、証跡なし \d+、期限超過 \d+）。$/m);

    const json = await runCli(['compliance', 'gap', '--product', productName, '--format', 'json'], opts);
    const data = JSON.parse(json.stdout) as { catalogs: { summary: { catalog: string } }[]; totals: { withGaps: number } };
    expect(data.catalogs.map((c) => c.summary.catalog)).toContain('iec-81001-5-1@2021');
    expect(data.totals.withGaps).toBeGreaterThan(0);

    const csv = await runCli(['compliance', 'gap', '--product', productName, '--format', 'csv', '--lang', 'ja'], opts);
    expect(csv.stdout.startsWith('\ufeff"カタログ"')).toBe(true);

    const gate = await runCli(['compliance', 'gap', '--product', productName, '--fail-on', 'not_assessed'], opts);
    expect([gate.code, gate.stderr]).toEqual([1, expect.stringMatching(/Gaps found: not_assessed/)]);
    const overdueOnly = await runCli(['compliance', 'gap', '--product', productName, '--fail-on', 'overdue'], opts);
    expect(overdueOnly.code).toBe(0);
    const bad = await runCli(['compliance', 'gap', '--product', productName, '--fail-on', 'late'], opts);
    expect(bad.code).toBe(2);
    const missing = await runCli(['compliance', 'gap', '--product', 'No such product'], opts);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/No product "No such product"/)]);
    const org = await runCli(['compliance', 'gap', '--catalog', 'iec-81001-5-1', '--format', 'json'], opts);
    expect(org.code, org.stderr).toBe(0);
    expect((JSON.parse(org.stdout) as { scope: string }).scope).toBe('organization');
  });

  it('on the full route, Annex F says why it does not apply, wholly in the language asked for (QA ra: "English / 日本語" in one string)', async () => {
    const f2 = async (lang: 'ja' | 'en') => {
      const csv = await runCli(['compliance', 'gap', '--product', fullRouteName, '--format', 'csv', '--lang', lang], opts);
      expect(csv.code, csv.stderr).toBe(0);
      return csv.stdout.split('\r\n').find((l) => l.startsWith('"iec-81001-5-1@2021","F.2",'));
    };
    expect(await f2('ja')).toMatch(/,"フルルート（箇条4〜9）に従うため、附属書F（トランジションヘルスソフトウェア）は適用しない。"$/);
    expect(await f2('en')).toMatch(/,"Full conformity route \(Clauses 4–9\): Annex F \(transitional health software\) does not apply\."$/);
    const json = await runCli(['compliance', 'gap', '--product', fullRouteName, '--format', 'json'], opts);
    const rows = (JSON.parse(json.stdout) as { catalogs: { rows: { entry: { id: string }; justificationText: { ja: string; en: string } }[] }[] }).catalogs[0]!.rows;
    expect(rows.find((r) => r.entry.id === 'F.4')?.justificationText.ja).toBe('フルルート（箇条4〜9）に従うため、附属書F（トランジションヘルスソフトウェア）は適用しない。');
  });

  it('exports HTML and CSV files', async () => {
    const html = await runCli(['compliance', 'export', '--product', productName, '--to', 'html', '--lang', 'en', '--out', 'gap.html'], opts);
    expect(html.code, html.stderr).toBe(0);
    expect(readFileSync(path.join(opts.cwd, 'gap.html'), 'utf8')).toContain('Cybersecurity compliance gap analysis');
    const csv = await runCli(['compliance', 'export', '--product', productName, '--to', 'csv', '--out', 'gap.csv'], opts);
    expect(csv.code).toBe(0);
    expect([...readFileSync(path.join(opts.cwd, 'gap.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const noFormat = await runCli(['compliance', 'export', '--product', productName, '--out', 'x'], opts);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toMatch(/required option '--to <format>' not specified/);
    // --format was the old name of --to: it still works (the required --to is met), with a deprecation line.
    const old = await runCli(['compliance', 'export', '--product', productName, '--format', 'csv', '--out', 'gap-old.csv'], opts);
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toMatch(/^Warning: "mamori compliance export --format" is deprecated; use --to/);
    const header = (file: string) => readFileSync(path.join(opts.cwd, file), 'utf8').split('\r\n')[0];
    expect(header('gap-old.csv')).toBe(header('gap.csv'));
  });

  it('refuses the Annex F report for a product on the full route, and writes no file', async () => {
    const res = await runCli(['compliance', 'export', '--product', productName, '--to', 'html', '--document', 'annex-f', '--out', 'full-annex-f.html'], opts);
    expect([res.code, res.stderr]).toEqual([2, expect.stringContaining('follows the full conformity route (Clauses 4–9), so there is no Annex F declaration report')]);
    expect(existsSync(path.join(opts.cwd, 'full-annex-f.html'))).toBe(false);
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))('exports the Annex F report as a PDF with Japanese text', async () => {
    const pdf = await runCli(['compliance', 'export', '--product', annexFName, '--to', 'pdf', '--document', 'annex-f', '--out', 'annex-f.pdf'], opts);
    expect(pdf.code, pdf.stderr).toBe(0);
    const text = execFileSync('pdftotext', [path.join(opts.cwd, 'annex-f.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('トランジションヘルスソフトウェアへの適合宣言報告書');
    expect(text).toContain(annexFName.replace(/\s+/g, ''));
    // Section 1 and section 2 name the same route.
    expect(text).toContain('附属書F（トランジションヘルスソフトウェア）');
    expect(text).not.toContain('フルルート');
  }, 60_000);
});
