/**
 * The read commands an auditor runs with only an API token (QA auditor report #5): compliance
 * gap/export, risk list/export, trace, vex export and triage show read the server when --server and
 * --token are given, with the same output as on the local data folder; commands that cannot use a
 * server no longer offer --server/--token. Through run(), against an in-process server.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectFetch, tokenFor } from '../../../test/support/app.js';
import { runCli } from '../../../test/support/cli.js';
import { openTestEnv, type TestEnv } from '../../../test/support/databases.js';
import { productInput, seedTenant, type Tenant } from '../../../test/support/fixtures.js';
import { vulnDbBefore } from '../../../test/support/vulns.js';
import { buildApp } from '../../server/app.js';
import { analyzeRelease, listReleaseFindings } from '../../services/findings.js';
import { createProduct } from '../../services/products.js';
import { createRelease } from '../../services/releases.js';
import { uploadSbom } from '../../services/sboms.js';
import { putRisk } from '../../services/threats.js';
import { setTriage } from '../../services/triage.js';
import { fixedVulnDbSource } from '../../services/vulndb-source.js';

describe('read commands on a server (--server, --token) or the local data folder', () => {
  let env: TestEnv & { close(): Promise<void> };
  let t: Tenant;
  let app: FastifyInstance;
  let dir: string;
  /** The local data folder (the operator on the server's machine). */
  let local: { env: Record<string, string>; cwd: string };
  /** An auditor with a viewer token and no data folder at all. */
  let auditor: { env: Record<string, string>; cwd: string; fetch: typeof fetch };
  let lodashFinding: string;
  const productName = productInput().name;

  beforeAll(async () => {
    env = await openTestEnv('sqlite');
    t = await seedTenant(env.ctx);
    const p = await createProduct(env.ctx, t.editor, productInput({ name: productName }));
    if (!p.ok) throw new Error('setup');
    const r = await createRelease(env.ctx, t.editor, p.value.id, { version: '2.0', releaseDate: null, stage: 'development', endOfLife: null, endOfSupport: null, notes: '' });
    if (!r.ok) throw new Error('setup');
    const bytes = readFileSync(new URL('../../../test/fixtures/sbom-small.cdx.json', import.meta.url));
    if (!(await uploadSbom(env.ctx, t.editor, r.value.id, { bytes, fileName: 'bom.json', source: 'upload' })).ok) throw new Error('setup');
    if (!(await analyzeRelease(env.ctx, t.editor, fixedVulnDbSource(vulnDbBefore()), r.value.id)).ok) throw new Error('setup');
    const list = await listReleaseFindings(env.ctx, t.viewer, r.value.id, {}, { limit: 50, offset: 0 });
    if (!list.ok) throw new Error('setup');
    lodashFinding = list.value.page.items.find((f) => f.componentName === 'lodash')!.id;
    const decided = await setTriage(env.ctx, t.editor, lodashFinding, { state: 'not_affected', justification: 'code_not_reachable', responses: [], detail: 'template() unused', actionStatement: null, scope: 'finding' });
    if (!decided.ok) throw new Error(decided.error.message);

    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-read-source-'));
    local = { env: { MAMORI_DATABASE_URL: env.url, MAMORI_DATA_DIR: dir }, cwd: dir };
    // A Threat Dragon element whose name has a line break ("Local\nAPI" in Threat Dragon's own demo model).
    const model = JSON.parse(readFileSync(new URL('../../../test/fixtures/threat-dragon-pump.json', import.meta.url), 'utf8')) as {
      detail: { diagrams: { cells: { data?: { name?: string } }[] }[] };
    };
    for (const cell of model.detail.diagrams[0]!.cells) if (cell.data?.name === 'Pump controller') cell.data.name = 'Pump\ncontroller';
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(model));
    const imported = await runCli(['threat', 'import', 'model.json', '--product', productName], local);
    if (imported.code !== 0) throw new Error(imported.stderr);
    const risk = await putRisk(env.ctx, t.editor, p.value.id, 't-tamper', { likelihood: 4, impact: 3, residualLikelihood: 3, residualImpact: 2, hazard: { hazardId: 'HAZ-1', hazard: '', harm: 'Overdose', severity: 3 }, rationale: '' });
    if (!risk.ok) throw new Error(risk.error.message);

    app = await buildApp(
      { cookieSecure: false, trustProxy: false, loginAttemptsPerMinute: 1000, webRoot: '/nonexistent', logLevel: 'silent', sbomMaxBytes: 1024 * 1024 },
      env.ctx,
      { logger: false, vulnDb: { path: '/srv/vulndb.sqlite', reader: () => vulnDbBefore(), problem: () => null, close: () => undefined } },
    );
    await app.ready();
    // No MAMORI_DATABASE_URL, and a data folder with no database in it.
    const empty = mkdtempSync(path.join(os.tmpdir(), 'mamori-cli-auditor-'));
    auditor = { env: { MAMORI_SERVER: 'http://mamori.test', MAMORI_TOKEN: await tokenFor(env.ctx, t.viewer), MAMORI_DATA_DIR: path.join(empty, '.mamori') }, cwd: empty, fetch: injectFetch(app) };
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  it('risk list and trace answer from the server as from the local data folder, one line per row', async () => {
    for (const argv of [
      ['risk', 'list', '--product', productName],
      ['risk', 'list', '--product', productName, '--format', 'json'],
      ['trace', '--product', productName],
      ['trace', '--product', productName, '--format', 'csv'],
    ]) {
      const fromServer = await runCli(argv, auditor);
      const fromFolder = await runCli(argv, local);
      expect([fromServer.code, fromServer.stderr], argv.join(' ')).toEqual([fromFolder.code, fromFolder.stderr]);
      // JSON: the same data (the API writes keys in its schema's order).
      if (argv.includes('json')) expect(JSON.parse(fromServer.stdout), argv.join(' ')).toEqual(JSON.parse(fromFolder.stdout));
      else expect(fromServer.stdout, argv.join(' ')).toBe(fromFolder.stdout);
    }
    const table = await runCli(['risk', 'list', '--product', productName], auditor);
    expect(table.code, table.stderr).toBe(0);
    // The element "Pump\ncontroller" stays on its row: one header and three threats.
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(table.stdout).toMatch(/Dose command tampered\s+Pump controller\s+tampering\s+4×3 → 3×2/);
    const trace = await runCli(['trace', '--product', productName], auditor);
    expect(trace.code).toBe(1);
    expect(trace.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(trace.stderr).toMatch(/The traceability matrix has \d+ gap\(s\)/);
  });

  it('risk export, compliance gap and compliance export work with only a token', async () => {
    const report = await runCli(['risk', 'export', '--product', productName, '--to', 'csv', '--lang', 'en', '--out', 'register.csv'], auditor);
    expect(report.code, report.stderr).toBe(0);
    const csv = readFileSync(path.join(auditor.cwd, 'register.csv'), 'utf8');
    expect(csv).toContain('HAZ-1');
    await runCli(['risk', 'export', '--product', productName, '--to', 'csv', '--lang', 'en', '--out', 'register-local.csv'], local);
    expect(csv).toBe(readFileSync(path.join(dir, 'register-local.csv'), 'utf8'));

    const gap = await runCli(['compliance', 'gap', '--product', productName, '--format', 'json'], auditor);
    expect(gap.code, gap.stderr).toBe(0);
    const view = JSON.parse(gap.stdout) as { scope: unknown; catalogs: { summary: { catalog: string }; rows: unknown[] }[]; totals: { entries: number } };
    expect(view.catalogs.length).toBeGreaterThan(0);
    expect(view.totals.entries).toBe(view.catalogs.reduce((n, c) => n + c.rows.length, 0));
    expect(gap.stderr).toMatch(/entries have gaps/);
    const gapTable = await runCli(['compliance', 'gap', '--product', productName, '--lang', 'en'], auditor);
    expect(gapTable.stdout).toMatch(/^ENTRY\s+STATUS\s+BASIS\s+EVIDENCE\s+GAPS\s+TITLE$/m);
    const gapCsv = await runCli(['compliance', 'gap', '--product', productName, '--format', 'csv', '--lang', 'en'], auditor);
    expect(gapCsv.code, gapCsv.stderr).toBe(0);
    expect(gapCsv.stdout.split('\r\n').length).toBeGreaterThan(view.totals.entries);
    const failOn = await runCli(['compliance', 'gap', '--product', productName, '--fail-on', 'any'], auditor);
    expect(failOn.code).toBe(1);
    const orgGap = await runCli(['compliance', 'gap', '--format', 'json'], auditor);
    expect(orgGap.code, orgGap.stderr).toBe(0);

    const exported = await runCli(['compliance', 'export', '--product', productName, '--to', 'html', '--lang', 'en', '--out', 'gap.html'], auditor);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(path.join(auditor.cwd, 'gap.html'), 'utf8')).toContain('<html');
  });

  it('vex export and triage show work with only a token', async () => {
    const vex = await runCli(['vex', 'export', '--product', productName, '--release', '2.0', '--to', 'openvex'], auditor);
    expect(vex.code, vex.stderr).toBe(0);
    const doc = JSON.parse(vex.stdout) as { statements: { status: string; justification?: string }[] };
    expect(doc.statements).toContainEqual(expect.objectContaining({ status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }));
    const noRelease = await runCli(['vex', 'export', '--product', productName, '--release', '9.9'], auditor);
    expect([noRelease.code, noRelease.stderr]).toEqual([2, expect.stringMatching(/has no release "9\.9"/)]);

    const show = await runCli(['triage', 'show', lodashFinding], auditor);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/state\s+not_affected \(own\)/);
    expect(show.stdout).toBe((await runCli(['triage', 'show', lodashFinding], local)).stdout);
  });

  it('refuses --org with a server, and half a server configuration', async () => {
    const org = await runCli(['risk', 'list', '--product', productName, '--org', 'acme'], auditor);
    expect([org.code, org.stderr]).toEqual([2, expect.stringMatching(/--org chooses the organisation in the local data folder/)]);
    const halfway = await runCli(['trace', '--product', productName, '--server', 'http://mamori.test'], local);
    expect([halfway.code, halfway.stderr]).toEqual([2, expect.stringMatching(/--server URL and --token TOKEN/)]);
  });

  it('offers --server and --token only on commands that can use them', async () => {
    for (const argv of [['risk', 'list'], ['risk', 'export'], ['trace'], ['vex', 'export'], ['triage', 'show'], ['compliance', 'gap'], ['compliance', 'export'], ['findings', 'list'], ['product', 'list'], ['sbom', 'upload'], ['vuln', 'affected']]) {
      const help = await runCli([...argv, '--help']);
      expect(help.stdout, argv.join(' ')).toMatch(/--server <url>/);
      expect(help.stdout, argv.join(' ')).toMatch(/--token <token>/);
    }
    for (const argv of [['threat', 'import'], ['threat', 'versions'], ['triage', 'set'], ['vex', 'import'], ['vex', 'proposals'], ['vex', 'review'], ['user', 'create'], ['sbom', 'validate']]) {
      const help = await runCli([...argv, '--help']);
      expect(help.stdout, argv.join(' ')).not.toMatch(/--server|--token/);
    }
    expect((await runCli(['triage', 'set', '--help'])).stdout).toMatch(/Local\s+data folder only/);
    const refused = await runCli(['threat', 'versions', '--product', productName, '--server', 'http://mamori.test'], local);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringMatching(/unknown option '--server'/)]);
  });
});
